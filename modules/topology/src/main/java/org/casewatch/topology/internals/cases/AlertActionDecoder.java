package org.casewatch.topology.internals.cases;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.casewatch.model.AlertAction;
import org.casewatch.model.Countries;
import org.casewatch.model.LogSafe;
import org.casewatch.topology.deadletters.DeadLetter;
import org.casewatch.topology.deadletters.DeadLetterCode;
import org.casewatch.topology.triage.TriageFold;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the raw bytes of the alert-actions topic into actions for the case processor, keyed by
 * their case; a record that is not an action of a case (undecodable, a tombstone, keyed otherwise,
 * malformed for its type) becomes a dead letter, written in the same transaction as the rest.
 */
public final class AlertActionDecoder implements Processor<byte[], byte[], String, CaseInput> {

  private static final Logger log = LoggerFactory.getLogger(AlertActionDecoder.class);

  private final Deserializer<AlertAction> deserializer;
  private ProcessorContext<String, CaseInput> context;

  public AlertActionDecoder(final Deserializer<AlertAction> deserializer) {
    this.deserializer = deserializer;
  }

  @Override
  public void init(final ProcessorContext<String, CaseInput> context) {
    this.context = context;
  }

  @Override
  public void process(final Record<byte[], byte[]> record) {
    final RecordMetadata source = context.recordMetadata().orElseThrow();
    final String where = source.topic() + "-" + source.partition() + "@" + source.offset();
    if (record.value() == null) {
      refuse(
          record,
          source,
          DeadLetterCode.INVALID,
          "record has no value (a tombstone); the actions topic takes AlertActions only",
          null);
      return;
    }
    final AlertAction action;
    try {
      action = deserializer.deserialize(source.topic(), record.headers(), record.value());
    } catch (SerializationException | ClassCastException e) {
      refuse(record, source, DeadLetterCode.UNDECODABLE, "undecodable: " + e.getMessage(), e);
      return;
    }
    final String key =
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    final String problem =
        !Countries.CASE_ID.matcher(action.getCaseId()).matches()
            ? "names case '"
                + LogSafe.text(action.getCaseId())
                + "', which is not a caseId like KZ-2016-0042"
            : !action.getCaseId().equals(key)
                ? "is keyed '"
                    + LogSafe.text(String.valueOf(key))
                    + "'; actions must be keyed by their caseId"
                : TriageFold.malformed(action);
    if (problem != null) {
      refuse(
          record,
          source,
          DeadLetterCode.INVALID,
          "action " + action.getActionId() + " " + problem,
          null);
      return;
    }
    log.debug("Action {} read at {}", action.getActionId(), where);
    context.forward(
        new Record<>(
            action.getCaseId(),
            new CaseInput.Action(action, record.key(), record.value()),
            record.timestamp(),
            record.headers()));
  }

  private void refuse(
      final Record<byte[], byte[]> record,
      final RecordMetadata source,
      final DeadLetterCode code,
      final String reason,
      final Exception cause) {
    final String where = source.topic() + "-" + source.partition() + "@" + source.offset();
    log.warn("Dead-lettering the record at {}: {}", where, LogSafe.text(reason));
    context.forward(
        new Record<>(
            null,
            new CaseInput.Unusable(
                new DeadLetter(
                    record.key(),
                    record.value(),
                    code,
                    reason + " (record " + where + ")",
                    source.topic(),
                    source.partition(),
                    source.offset(),
                    cause == null ? null : cause.getClass().getName())),
            record.timestamp(),
            record.headers()));
  }
}
