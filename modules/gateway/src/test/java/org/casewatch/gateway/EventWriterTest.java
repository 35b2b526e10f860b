package org.casewatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.casewatch.model.CaseEvent;
import org.junit.jupiter.api.Test;

class EventWriterTest {

  @Test
  void aRecordIsStampedWithItsArrivalNotWithWhenTheEventOccurred() {
    final CaseEvent complaint = aCase("KG-2016-0112").complaintFiled(on("2016-03-02"));
    final Instant arrival = Instant.parse("2026-11-30T09:15:00.123Z");

    final ProducerRecord<String, CaseEvent> record = EventWriter.recordOf(complaint, arrival);

    assertThat(record.timestamp()).isEqualTo(arrival.toEpochMilli());
    assertThat(record.topic()).isEqualTo("casewatch.events.kg");
    assertThat(record.key()).isEqualTo("KG-2016-0112");
    assertThat(record.value()).isSameAs(complaint);
  }
}
