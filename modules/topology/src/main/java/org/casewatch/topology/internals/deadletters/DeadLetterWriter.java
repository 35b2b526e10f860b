package org.casewatch.topology.internals.deadletters;

import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.casewatch.topology.deadletters.DeadLetter;
import org.casewatch.topology.deadletters.Decoded;

/** Restores a refused record's original key and value bytes and adds the dead-letter headers. */
public final class DeadLetterWriter extends ContextualProcessor<String, Decoded, byte[], byte[]> {

  @Override
  public void process(final Record<String, Decoded> record) {
    final DeadLetter deadLetter = ((Decoded.Refused) record.value()).deadLetter();
    context()
        .forward(
            new Record<>(
                deadLetter.key(),
                deadLetter.value(),
                record.timestamp(),
                deadLetter.addTo(record.headers())));
  }
}
