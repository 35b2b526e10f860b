package org.casewatch.topology.internals.deadletters;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.casewatch.model.LogSafe;
import org.casewatch.topology.deadletters.DeadLetter;
import org.casewatch.topology.deadletters.DeadLetterCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For records Streams itself cannot deserialize: the event topics are read as raw bytes and decoded
 * in the topology, so this catches the other inputs (the case-state topic the country figures read
 * back, internal topics). The record is dead-lettered and skipped; if the dead letter cannot be
 * written, processing stops rather than lose it.
 */
public final class DeadLetteringDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger log =
      LoggerFactory.getLogger(DeadLetteringDeserializationHandler.class);
  private final DeadLetterProducer deadLetters = new DeadLetterProducer();

  @Override
  public void configure(final Map<String, ?> configs) {
    deadLetters.configure(configs);
  }

  @Override
  public DeserializationHandlerResponse handle(
      final ErrorHandlerContext context,
      final ConsumerRecord<byte[], byte[]> record,
      final Exception exception) {
    if (Failures.isInfrastructure(exception)) {
      // The cause says it all (which dependency, where); a stack trace each retry would only fill
      // the disk.
      log.error(
          "Cannot read {}-{}@{} because a dependency is down, not because of the record; stopping"
              + " the stream thread so it is retried: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          exception.toString());
      return DeserializationHandlerResponse.FAIL;
    }
    final String reason =
        "Streams could not deserialize the record for "
            + context.processorNodeId()
            + ": "
            + exception.getMessage();
    final DeadLetter deadLetter =
        new DeadLetter(
            record.key(),
            record.value(),
            DeadLetterCode.UNREADABLE,
            reason,
            record.topic(),
            record.partition(),
            record.offset(),
            exception.getClass().getName());
    if (deadLetters.send(deadLetter, record.timestamp())) {
      log.warn(
          "Dead-lettered {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          LogSafe.text(reason));
      return DeserializationHandlerResponse.CONTINUE;
    }
    log.error(
        "Could not dead-letter {}-{}@{}; stopping rather than losing it",
        record.topic(),
        record.partition(),
        record.offset(),
        exception);
    return DeserializationHandlerResponse.FAIL;
  }
}
