package org.casewatch.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Custodian;
import org.casewatch.model.Examiner;
import org.casewatch.model.ForensicStage;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.SuspensionReason;
import org.casewatch.model.UnBody;
import org.casewatch.model.UnStage;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.registry.serde.AvroSerializer;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.testkit.InMemorySchemaRegistry;
import org.junit.jupiter.api.Test;

class CasewatchPublisherTest {

  @Test
  void aRecordIsStampedWithItsArrivalNotWithWhenTheEventOccurred() {
    final CaseEvent complaint = aCase("TJ-2016-0057").complaintFiled(on("2016-05-01"));
    final Instant arrival = Instant.parse("2026-11-30T09:15:00.123Z");

    final ProducerRecord<String, CaseEvent> record =
        CasewatchPublisher.recordOf(complaint, arrival);

    assertThat(record.timestamp()).isEqualTo(arrival.toEpochMilli());
    assertThat(record.topic()).isEqualTo("casewatch.events.tj");
    assertThat(record.key()).isEqualTo("TJ-2016-0057");
  }

  @Test
  void everyEventOfContractV2IsWrittenAsItsRecordAndReadsBackEqual() {
    final CaseBuilder tajik = aCase("TJ-2016-0057");
    final CaseEvent refusal = tajik.refused(on("2016-02-22"));
    final List<CaseEvent> events =
        List.of(
            refusal,
            tajik.appealed(on("2016-03-01"), refusal, Authority.PROSECUTOR),
            tajik.annulled(on("2016-03-14"), refusal),
            tajik.suspended(on("2016-06-10"), SuspensionReason.AWAITING_EXAMINATION),
            tajik.resumed(on("2016-08-01")),
            tajik.termExtended(on("2016-05-13"), 30),
            tajik.examination(on("2016-02-11"), ForensicStage.CONDUCTED, Examiner.STATE_BUREAU),
            tajik.custody(on("2016-03-20"), Custodian.BORDER_SERVICE),
            tajik.unCommunication(on("2016-10-03"), UnBody.OTHER, UnStage.VIEWS_ADOPTED),
            tajik.compensationPaid(on("2016-12-20"), 200_000L, "TJS"),
            tajik.investigationClosed(on("2016-09-15"), InvestigationOutcome.DISCIPLINARY_ONLY),
            tajik.reprisal(on("2016-02-12"), ReprisalKind.DEFAMATION_SUIT));
    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final AvroDeserializer<CaseEvent> reader = AvroDeserializer.specific(registry, CaseEvent.class);

    try (AvroSerializer<CaseEvent> writer = new AvroSerializer<>(registry, true, false)) {
      assertThat(events)
          .allSatisfy(
              event -> {
                final ProducerRecord<String, CaseEvent> record =
                    CasewatchPublisher.recordOf(event, Instant.parse("2026-11-30T09:15:00Z"));
                assertThat(
                        reader.deserialize(
                            record.topic(), writer.serialize(record.topic(), record.value())))
                    .isEqualTo(event);
              });
    }
  }
}
