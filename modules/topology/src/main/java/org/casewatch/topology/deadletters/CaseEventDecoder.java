package org.casewatch.topology.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
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
 * happens here rather than in a Streams deserialization handler so that a dead letter is written in
 * the same exactly-once transaction as everything else: inputs = processed + dead-lettered, even
 * across crashes and retries.
 */
public final class CaseEventDecoder implements Processor<byte[], byte[], String, Decoded> {

  private static final Logger log = LoggerFactory.getLogger(CaseEventDecoder.class);

  private final Deserializer<CaseEvent> deserializer;
  private final Function<String, Optional<Country>> countryOfTopic;
  private ProcessorContext<String, Decoded> context;

  public CaseEventDecoder(
      final Deserializer<CaseEvent> deserializer,
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
    final Decoded decoded =
        decode(
            source.topic(),
            source.partition(),
            source.offset(),
            record.key(),
            record.value(),
            record.headers(),
            record.timestamp(),
            context.currentSystemTimeMs());
    if (decoded instanceof Decoded.Valid valid) {
      context.forward(
          new Record<>(
              valid.event().getCaseId(),
              decoded,
              valid.arrivedAt().toEpochMilli(),
              record.headers()));
    } else {
      context.forward(new Record<>(null, decoded, record.timestamp(), record.headers()));
    }
  }

  /**
   * Decodes one record of an event topic, read at {@code topic}-{@code partition}@{@code offset}
   * with the record timestamp {@code timestamp}, when the wall clock read {@code wallClockMs}: a
   * valid event, or a dead letter that says what was wrong (logged, once, at WARN). For any reader
   * of the event topics, Kafka Streams or a plain consumer.
   *
   * <p>The event arrived at its record timestamp, stamped by the gateway or the publisher and, on
   * event topics with {@code message.timestamp.type=LogAppendTime} (as casewatch creates them), by
   * the broker itself, so no producer can choose it. Nothing arrived after now, so an arrival later
   * than the wall clock is not believed either, live or in a replay (which runs after its events
   * arrived, so it refuses what live refused).
   */
  public Decoded decode(
      final String topic,
      final int partition,
      final long offset,
      final byte[] rawKey,
      final byte[] rawValue,
      final Headers headers,
      final long timestamp,
      final long wallClockMs) {
    final String where = topic + "-" + partition + "@" + offset;
    final String key = rawKey == null ? null : new String(rawKey, StandardCharsets.UTF_8);
    if (rawValue == null) {
      return refuse(
          rawKey,
          rawValue,
          topic,
          partition,
          offset,
          DeadLetterCode.INVALID,
          "record has no value (a tombstone); event topics take CaseEvents only",
          null);
    }
    final CaseEvent event;
    try {
      event = deserializer.deserialize(topic, headers, rawValue);
    } catch (SerializationException | ClassCastException e) {
      return refuse(
          rawKey,
          rawValue,
          topic,
          partition,
          offset,
          DeadLetterCode.UNDECODABLE,
          "undecodable: " + e.getMessage(),
          e);
    }
    final Country topicCountry =
        countryOfTopic
            .apply(topic)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        topic + " is not one of the topology's event topics (" + where + ")"));
    final Instant arrivedAt = Instant.ofEpochMilli(Math.min(timestamp, wallClockMs));
    final List<String> problems = new ArrayList<>();
    final boolean future = problems(event, key, topic, topicCountry, arrivedAt, problems);
    if (!problems.isEmpty()) {
      return refuse(
          rawKey,
          rawValue,
          topic,
          partition,
          offset,
          future ? DeadLetterCode.FUTURE_DATED : DeadLetterCode.INVALID,
          describe(event) + " " + String.join("; ", problems),
          null);
    }
    return new Decoded.Valid(event, arrivedAt, rawKey, rawValue);
  }

  /**
   * Adds the contract's checks and the topic's (country, key) to {@code problems}; true if the
   * event is dated after its arrival (beyond the skew). Judged against the arrival time, never the
   * event's own claims, so no record can move a clock into the future.
   */
  private static boolean problems(
      final CaseEvent event,
      final String key,
      final String topic,
      final Country topicCountry,
      final Instant arrivedAt,
      final List<String> problems) {
    if (event.getCountry() != topicCountry) {
      problems.add("names country " + event.getCountry() + " but arrived on " + topic);
    }
    if (key == null) {
      problems.add("has no record key; events must be keyed by caseId");
    } else if (event.getCaseId() != null && !key.equals(event.getCaseId())) {
      problems.add("is keyed '" + key + "'; events must be keyed by their caseId");
    }
    final List<CaseEventValidator.Violation> violations =
        CaseEventValidator.violations(event, event.getCountry(), arrivedAt);
    violations.forEach(
        violation ->
            problems.add("has an invalid " + violation.field() + ": " + violation.message()));
    return violations.stream()
        .anyMatch(violation -> violation.rule().equals(CaseEventValidator.NOT_IN_FUTURE));
  }

  private static String describe(final CaseEvent event) {
    return "event "
        + (event.getEventId() == null || event.getEventId().isBlank()
            ? "(no eventId)"
            : event.getEventId())
        + " for case "
        + (event.getCaseId() == null || event.getCaseId().isBlank()
            ? "(no caseId)"
            : event.getCaseId());
  }

  private static Decoded refuse(
      final byte[] rawKey,
      final byte[] rawValue,
      final String topic,
      final int partition,
      final long offset,
      final DeadLetterCode code,
      final String reason,
      final Exception cause) {
    final String where = topic + "-" + partition + "@" + offset;
    log.warn("Dead-lettering the record at {}: {}", where, LogSafe.text(reason));
    return new Decoded.Refused(
        new DeadLetter(
            rawKey,
            rawValue,
            code,
            reason + " (record " + where + ")",
            topic,
            partition,
            offset,
            cause == null ? null : cause.getClass().getName()));
  }
}
