package org.casewatch.gateway.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.casewatch.model.CaseEvent;
import org.junit.jupiter.api.Test;

class CasewatchPublisherTest {

  @Test
  void aRecordIsStampedWithItsArrivalNotWithWhenTheEventOccurred() {
    final CaseEvent complaint = aCase("TJ-2016-0057").complaintFiled(on("2016-05-01"));
    final Instant arrival = Instant.parse("2026-11-30T09:15:00.123Z");

    final ProducerRecord<String, CaseEvent> record = CasewatchPublisher.recordOf(complaint, arrival);

    assertThat(record.timestamp()).isEqualTo(arrival.toEpochMilli());
    assertThat(record.topic()).isEqualTo("casewatch.events.tj");
    assertThat(record.key()).isEqualTo("TJ-2016-0057");
  }
}
