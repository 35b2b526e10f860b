package org.casewatch.topology.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseEventValidator;
import org.casewatch.model.Country;
import org.casewatch.model.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the raw bytes of an event topic into valid {@link CaseEvent}s or dead letters. Decoding
 * happens here rather than in a Streams deserialization handler so that a dead letter is written
 * in the same exactly-once transaction as everything else: inputs = processed + dead-lettered,
 * even across crashes and retries.
 */
public final class CaseEventDecoder implements Processor<byte[], byte[], String, Decoded> {

  private static final Logger log = LoggerFactory.getLogger(CaseEventDecoder.class);

  private final Deserializer<CaseEvent> deserializer;
  private final Function<String, Optional<Country>> countryOfTopic;
  private ProcessorContext<String, Decoded> context;

  public CaseEventDecoder(final Deserializer<CaseEvent> deserializer,
      final Function<String, Optional<Country>> countryOfTopic) {
    this.deserializer = deserializer;
    this.countryOfTopic = countryOfTopic;
  }

  @Override
  public void init(final ProcessorContext<String, Decoded> context) {
    this.context = context;
  }

  @Override
  public void process(final Record<byte[], byte[]> record) {
    final RecordMetadata source = context.recordMetadata().orElseThrow();
    final String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      refuse(record, source, "invalid", "record has no value (a tombstone); event topics take CaseEvents only", null);
      return;
    }
    final CaseEvent event;
    try {
      event = deserializer.deserialize(source.topic(), record.headers(), record.value());
    } catch (SerializationException | ClassCastException e) {
      refuse(record, source, "undecodable", "undecodable: " + e.getMessage(), e);
      return;
    }
    final Country topicCountry = countryOfTopic.apply(source.topic()).orElseThrow(
        () -> new IllegalStateException(source.topic() + " is not one of the topology's event topics"));
    final Instant arrivedAt = arrivalOf(record);
    final List<String> problems = new ArrayList<>();
    final boolean future = problems(event, key, source.topic(), topicCountry, arrivedAt, problems);
    if (!problems.isEmpty()) {
      refuse(record, source, future ? "future-dated" : "invalid", describe(event) + " " + String.join("; ", problems), null);
      return;
    }
    context.forward(new Record<>(event.getCaseId(), new Decoded.Valid(event, arrivedAt, record.key(), record.value()),
        arrivedAt.toEpochMilli(), record.headers()));
  }

  /**
   * When the record arrived: its timestamp, stamped by the gateway or the publisher and, on event
   * topics with {@code message.timestamp.type=LogAppendTime} (as casewatch creates them), by the
   * broker itself, so no producer can choose it. Nothing arrived after now, so an arrival later
   * than the wall clock is not believed either, live or in a replay (which runs after its events
   * arrived, so it refuses what live refused).
   */
  private Instant arrivalOf(final Record<byte[], byte[]> record) {
    return Instant.ofEpochMilli(Math.min(record.timestamp(), context.currentSystemTimeMs()));
  }

  /**
   * Adds the contract's checks and the topic's (country, key) to {@code problems}; true if the
   * event is dated after its arrival (beyond the skew). Judged against the arrival time, never
   * the event's own claims, so no record can move a clock into the future.
   */
  private static boolean problems(final CaseEvent event, final String key, final String topic, final Country topicCountry,
      final Instant arrivedAt, final List<String> problems) {
    if (event.getCountry() != topicCountry) {
      problems.add("names country " + event.getCountry() + " but arrived on " + topic);
    }
    if (key == null) {
      problems.add("has no record key; events must be keyed by caseId");
    } else if (event.getCaseId() != null && !key.equals(event.getCaseId())) {
      problems.add("is keyed '" + key + "'; events must be keyed by their caseId");
    }
    final List<CaseEventValidator.Violation> violations = CaseEventValidator.violations(event, event.getCountry(), arrivedAt);
    violations.forEach(violation -> problems.add("has an invalid " + violation.field() + ": " + violation.message()));
    return violations.stream().anyMatch(violation -> violation.rule().equals(CaseEventValidator.NOT_IN_FUTURE));
  }

  private static String describe(final CaseEvent event) {
    return "event " + (event.getEventId() == null || event.getEventId().isBlank() ? "(no eventId)" : event.getEventId())
        + " for case " + (event.getCaseId() == null || event.getCaseId().isBlank() ? "(no caseId)" : event.getCaseId());
  }

  private void refuse(final Record<byte[], byte[]> record, final RecordMetadata source, final String code,
      final String reason, final Exception cause) {
    final String where = source.topic() + "-" + source.partition() + "@" + source.offset();
    log.warn("Dead-lettering the record at {}: {}", where, LogSafe.text(reason));
    final DeadLetter deadLetter = new DeadLetter(record.key(), record.value(), code, reason + " (record " + where + ")",
        source.topic(), source.partition(), source.offset(), cause == null ? null : cause.getClass().getName());
    context.forward(new Record<>(null, new Decoded.Refused(deadLetter), record.timestamp(), record.headers()));
  }
}
