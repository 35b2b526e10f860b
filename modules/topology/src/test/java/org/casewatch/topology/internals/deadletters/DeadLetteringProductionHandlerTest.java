package org.casewatch.topology.internals.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.junit.jupiter.api.Test;

/**
 * A store's changelog record Kafka refuses is never skipped: the store would be restored without
 * it. (Outputs to other topics are dead-lettered and skipped: {@code ExceptionHandlersIT}.)
 */
class DeadLetteringProductionHandlerTest {

  @Test
  void aChangelogRecordTooLargeStopsTheThreadRatherThanBeingDropped() {
    final ProducerRecord<byte[], byte[]> changelog =
        new ProducerRecord<>(
            "casewatch-case-records-store-changelog", new byte[] {1}, new byte[2_000_000]);

    assertThat(
            new DeadLetteringProductionHandler()
                .handle(null, changelog, new RecordTooLargeException("2000090 bytes")))
        .isEqualTo(ProductionExceptionHandlerResponse.FAIL);
  }
}
