package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.casewatch.model.Alert;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseStage;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.HistoryStep;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.RuleId;
import org.casewatch.model.StepKind;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.registry.serde.AvroSerializer;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/**
 * Contract v2 changes nothing for a coalition still on v1: events written with the released v1
 * schema (schemas/released/v1) decode with today's, and fold into the same state and the same
 * alerts as the same events written with v2. The v1 symbols keep their meaning: REFUSED_NO_CRIME is
 * a refusal, SUSPENDED a suspension.
 */
class ContractV1Spec {

  private static final Path RELEASED_V1 = Path.of("../../schemas/released/v1");

  @Test
  void aV1HistoryFoldsAsTheSameEventsWrittenWithV2() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final Schema v1 = v1CaseEvent();
      for (final CaseEvent event : v1History("KZ-2016-0701")) {
        casewatch.publishRaw(
            Country.KZ,
            event.getCaseId().getBytes(StandardCharsets.UTF_8),
            writtenWith(v1, event, casewatch),
            event.getRecordedAt());
      }
      casewatch.publish(v1History("KZ-2016-0702"));
      casewatch.publish(aCase("KZ-2016-0799").registered(on("2016-12-31")));

      final CaseState fromV1 = casewatch.caseState("KZ-2016-0701");
      assertThat(comparable(fromV1)).isEqualTo(comparable(casewatch.caseState("KZ-2016-0702")));
      assertThat(judgements(casewatch, "KZ-2016-0701"))
          .isEqualTo(judgements(casewatch, "KZ-2016-0702"));

      // The fields of v1 hold what they held before v2.
      assertThat(fromV1.getStage()).isEqualTo(CaseStage.WITHDRAWN);
      assertThat(fromV1.getOutcome()).isEqualTo(InvestigationOutcome.SUSPENDED);
      assertThat(fromV1.getInvestigationOpenNow()).as("a suspension decides nothing").isTrue();
      assertThat(fromV1.getReprisalCount()).isEqualTo(1);
      assertThat(fromV1.getInconsistent()).isFalse();
      // And v2 reads the v1 symbols as what they are.
      assertThat(fromV1.getRefusalCount()).as("REFUSED_NO_CRIME is a refusal").isEqualTo(1);
      assertThat(fromV1.getSuspensionCount()).as("SUSPENDED is a suspension").isEqualTo(1);
      assertThat(fromV1.getHistory())
          .extracting(HistoryStep::getStep)
          .containsExactly(
              StepKind.COMPLAINT,
              StepKind.REFUSAL,
              StepKind.COMPLAINT,
              StepKind.INVESTIGATION_REOPENED,
              StepKind.SUSPENSION,
              StepKind.WITHDRAWAL);
      assertThat(casewatch.alerts(RuleId.SUSPENSION_TOO_LONG))
          .extracting(Alert::getCaseId)
          .containsExactlyInAnyOrder("KZ-2016-0701", "KZ-2016-0702");
    }
  }

  /**
   * A Kazakh case as a v1 system sends it: refused, appealed with a new complaint, reopened,
   * suspended, withdrawn.
   */
  private static List<CaseEvent> v1History(final String caseId) {
    final CaseBuilder kz = aCase(caseId);
    return List.of(
        kz.registered(on("2016-02-25")),
        kz.complaintTo(Authority.PROSECUTOR, on("2016-03-01")),
        kz.investigationClosed(on("2016-03-09"), InvestigationOutcome.REFUSED_NO_CRIME),
        kz.complaintTo(Authority.COURT, on("2016-04-01")),
        kz.investigationOpened(on("2016-05-01")),
        kz.reprisal(on("2016-05-10"), ReprisalKind.PRESSURE_ON_RELATIVES),
        kz.investigationClosed(on("2016-06-20"), InvestigationOutcome.SUSPENDED),
        kz.withdrawn(on("2016-07-20"), WithdrawalReason.FEAR_OF_REPRISAL));
  }

  private static Schema v1CaseEvent() {
    try {
      final Schema.Parser parser = new Schema.Parser();
      for (final String named :
          List.of("Country", "Agency", "Authority", "InvestigationOutcome", "ReprisalKind")) {
        parser.parse(RELEASED_V1.resolve(named + ".avsc").toFile());
      }
      return parser.parse(RELEASED_V1.resolve("CaseEvent.avsc").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The event as a v1 producer writes it: the v1 schema registered under the topic's subject,
   * Confluent wire format.
   */
  private static byte[] writtenWith(
      final Schema v1, final CaseEvent event, final CasewatchDriver casewatch) {
    try {
      final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
      new SpecificDatumWriter<CaseEvent>(CaseEvent.getClassSchema()).write(event, encoder);
      encoder.flush();
      final GenericRecord asV1 =
          new GenericDatumReader<GenericRecord>(CaseEvent.getClassSchema(), v1)
              .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
      return new AvroSerializer<GenericRecord>(casewatch.registry(), true, false)
          .serialize(casewatch.topics().events(event.getCountry()).name(), asV1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CaseState comparable(final CaseState state) {
    final CaseState copy =
        CaseState.newBuilder(state).setCaseId("").setOpenAlertIds(List.of()).build();
    copy.setOpenAlerts(
        copy.getOpenAlerts().stream()
            .map(open -> org.casewatch.model.OpenAlert.newBuilder(open).setAlertId("").build())
            .toList());
    copy.setHistory(
        copy.getHistory().stream()
            .map(
                step ->
                    HistoryStep.newBuilder(step)
                        .setEventId(step.getEventId().substring(step.getEventId().indexOf(':')))
                        .build())
            .toList());
    return copy;
  }

  private static List<String> judgements(final CasewatchDriver casewatch, final String caseId) {
    return casewatch.alerts().stream()
        .filter(alert -> alert.getCaseId().equals(caseId))
        .map(
            alert ->
                alert.getRule()
                    + " "
                    + alert.getStatus()
                    + " "
                    + alert.getResolution()
                    + " "
                    + alert.getSeverity()
                    + " "
                    + alert.getAt()
                    + " "
                    + alert.getExplanation())
        .toList();
  }
}
