package org.casewatch.topology.internals.deadletters;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.casewatch.model.LogSafe;
import org.casewatch.topology.deadletters.DeadLetter;
import org.casewatch.topology.deadletters.DeadLetterCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For a processor that throws on a record (a defect, since invalid input is refused by the
 * decoder): the source record's original bytes are dead-lettered with the failure, and the pipeline
 * goes on. If the dead letter cannot be written, processing stops rather than lose it.
 */
public final class DeadLetteringProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetteringProcessingHandler.class);
  private final DeadLetterProducer deadLetters = new DeadLetterProducer();

  @Override
  public void configure(final Map<String, ?> configs) {
    deadLetters.configure(configs);
  }

  @Override
  public ProcessingHandlerResponse handle(
      final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
    if (context.topic() == null) {
      log.error(
          "A punctuation failed in {} (no input record to dead-letter); stopping the stream thread",
          context.processorNodeId(),
          exception);
      return ProcessingHandlerResponse.FAIL;
    }
    if (Failures.isInfrastructure(exception)) {
      // The cause says it all (which dependency, where); a stack trace each retry would only fill
      // the disk.
      log.error(
          "{}-{}@{} failed because a dependency is down, not because of the record; stopping the"
              + " stream thread so it is retried: {}",
          context.topic(),
          context.partition(),
          context.offset(),
          exception.toString());
      return ProcessingHandlerResponse.FAIL;
    }
    final String reason = "processing failed in " + context.processorNodeId() + ": " + exception;
    final DeadLetter deadLetter =
        new DeadLetter(
            context.sourceRawKey(),
            context.sourceRawValue(),
            DeadLetterCode.PROCESSING_FAILED,
            reason,
            context.topic(),
            context.partition(),
            context.offset(),
            exception.getClass().getName());
    if (deadLetters.send(deadLetter, context.timestamp())) {
      // The exception's message may quote the record: escaped here, the stack trace only at DEBUG.
      log.error(
          "Dead-lettered {}-{}@{} after a processing failure: {}",
          context.topic(),
          context.partition(),
          context.offset(),
          LogSafe.text(exception));
      log.debug(
          "The processing failure of {}-{}@{}",
          context.topic(),
          context.partition(),
          context.offset(),
          exception);
      return ProcessingHandlerResponse.CONTINUE;
    }
    log.error(
        "Could not dead-letter {}-{}@{}; stopping rather than losing it",
        context.topic(),
        context.partition(),
        context.offset(),
        exception);
    return ProcessingHandlerResponse.FAIL;
  }
}
