package org.casewatch.topology.internals.deadletters;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.casewatch.model.LogSafe;
import org.casewatch.topology.deadletters.DeadLetter;
import org.casewatch.topology.deadletters.DeadLetterCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For an output Kafka will not take because it is too large: the input record that produced it is
 * dead-lettered (reason {@code record-too-large}) and the pipeline goes on, instead of failing the
 * stream thread on the same record again and again. A store's changelog record is never skipped so:
 * the store would be restored without it, and a case would lose what it held (the case processor
 * keeps each case within half of Kafka's limit, so it should not happen). Every other production
 * failure stops the thread, as Streams does by default: it is the cluster's problem, not the
 * record's.
 */
public final class DeadLetteringProductionHandler implements ProductionExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetteringProductionHandler.class);
  private final DeadLetterProducer deadLetters = new DeadLetterProducer();

  @Override
  public void configure(final Map<String, ?> configs) {
    deadLetters.configure(configs);
  }

  @Override
  public ProductionExceptionHandlerResponse handle(
      final ErrorHandlerContext context,
      final ProducerRecord<byte[], byte[]> record,
      final Exception exception) {
    if (!(exception instanceof RecordTooLargeException)) {
      return ProductionExceptionHandlerResponse.FAIL;
    }
    if (record.topic().endsWith("-changelog")) {
      log.error(
          "A {}-byte record for {} is larger than Kafka accepts; stopping rather than restoring the"
              + " store without it: raise max.request.size and the topic's max.message.bytes",
          record.value() == null ? 0 : record.value().length,
          record.topic());
      return ProductionExceptionHandlerResponse.FAIL;
    }
    final String reason =
        "a "
            + (record.value() == null ? 0 : record.value().length)
            + "-byte record for "
            + record.topic()
            + " made from this input is larger than Kafka accepts ("
            + exception.getMessage()
            + "); the input is kept here and the output was not written";
    final DeadLetter deadLetter =
        new DeadLetter(
            context.sourceRawKey(),
            context.sourceRawValue(),
            DeadLetterCode.RECORD_TOO_LARGE,
            reason,
            context.topic(),
            context.partition(),
            context.offset(),
            exception.getClass().getName());
    if (context.topic() != null && deadLetters.send(deadLetter, context.timestamp())) {
      log.error(
          "Dead-lettered {}-{}@{}: {}",
          context.topic(),
          context.partition(),
          context.offset(),
          LogSafe.text(reason));
      return ProductionExceptionHandlerResponse.CONTINUE;
    }
    log.error(
        "Could not dead-letter the input of a too-large record for {}; stopping rather than losing"
            + " it",
        record.topic(),
        exception);
    return ProductionExceptionHandlerResponse.FAIL;
  }
}
