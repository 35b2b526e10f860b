package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.model.AlertStatus.RESOLVED;
import static org.casewatch.model.RuleId.STALLED_COMPLAINT;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import org.casewatch.model.Alert;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.RetractionReason;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/**
 * Corrections are explicit: an EventRetracted takes an event out of its case, whichever arrives
 * first.
 */
class RetractionSpec {

  private static final CaseBuilder KZ = aCase("KZ-2016-0061");

  @Test
  void retractingTheComplaintResolvesItsAlertAsRetracted() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseEvent complaint = KZ.complaintFiled(on("2016-03-02"));
      casewatch.publish(
          KZ.registered(on("2016-03-01")),
          complaint,
          aCase("KZ-2016-0062").registered(on("2016-03-20")));
      final Alert raised = casewatch.alerts(STALLED_COMPLAINT, RAISED).get(0);
      final CaseEvent retraction =
          KZ.retraction(on("2016-03-25"), complaint, RetractionReason.ENTERED_IN_ERROR);

      casewatch.publish(retraction);

      assertThat(casewatch.alerts(STALLED_COMPLAINT, RESOLVED))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getAlertId()).isEqualTo(raised.getAlertId());
                assertThat(alert.getResolution()).isEqualTo(AlertResolution.RETRACTED);
                assertThat(alert.getTriggeringEventId()).isEqualTo(retraction.getEventId());
                assertThat(alert.getAt()).isEqualTo(on("2016-03-25"));
                assertThat(alert.getExplanation())
                    .contains(
                        "no longer applies since event "
                            + complaint.getEventId()
                            + " was retracted on 2016-03-25");
              });
      assertThat(casewatch.caseState("KZ-2016-0061").getComplaintFiledAt()).isNull();
      assertThat(casewatch.caseState("KZ-2016-0061").getRetractedEvents()).isEqualTo(1);
      assertThat(casewatch.caseState("KZ-2016-0061").getEventCount()).isEqualTo(3);
      assertThat(casewatch.countryStats(Country.KZ).getComplaintsFiled()).isZero();
      assertThat(casewatch.countryStats(Country.KZ).getComplaintsStalledNow()).isZero();
    }
  }

  @Test
  void retractingTheInvestigationThatAnsweredAComplaintRaisesItsAlert() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseEvent investigation = KZ.investigationOpened(on("2016-03-05"));
      casewatch.publish(
          KZ.complaintFiled(on("2016-03-02")),
          investigation,
          aCase("KZ-2016-0062").registered(on("2016-03-20")));
      assertThat(casewatch.alerts(STALLED_COMPLAINT)).isEmpty();

      casewatch.publish(
          KZ.retraction(on("2016-03-25"), investigation, RetractionReason.WRONG_CASE),
          aCase("KZ-2016-0063").registered(on("2016-04-20")));

      assertThat(casewatch.alerts(STALLED_COMPLAINT))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getStatus()).isEqualTo(RAISED);
                assertThat(alert.getDeadline())
                    .isEqualTo(ComplaintPathSpec.endOfLocalDay("2016-03-12", "Asia/Almaty"));
              });
    }
  }

  @Test
  void aRetractionThatArrivesFirstKeepsItsEventOutWhenItComes() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseEvent complaint = KZ.complaintFiled(on("2016-03-02"));
      casewatch.publish(
          KZ.retraction(on("2016-03-03"), complaint, RetractionReason.DUPLICATE_ENTRY),
          complaint,
          aCase("KZ-2016-0062").registered(on("2016-06-01")));

      assertThat(casewatch.alerts(STALLED_COMPLAINT)).isEmpty();
      assertThat(casewatch.caseState("KZ-2016-0061").getComplaintFiledAt()).isNull();
    }
  }

  @Test
  void aRetractionOfARetractionIsDeadLettered() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseEvent complaint = KZ.complaintFiled(on("2016-03-02"));
      final CaseEvent retraction =
          KZ.retraction(on("2016-03-03"), complaint, RetractionReason.ENTERED_IN_ERROR);
      casewatch.publish(
          KZ.registered(on("2016-03-01")),
          complaint,
          retraction,
          KZ.retraction(on("2016-03-04"), retraction, RetractionReason.ENTERED_IN_ERROR));

      assertThat(casewatch.deadLetters())
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(
                        ComplaintPathSpec.header(
                            letter, org.casewatch.topology.deadletters.DeadLetter.REASON_CODE))
                    .isEqualTo("invalid");
                assertThat(
                        ComplaintPathSpec.header(
                            letter, org.casewatch.topology.deadletters.DeadLetter.REASON))
                    .contains("a retraction cannot be retracted");
              });
      assertThat(casewatch.caseState("KZ-2016-0061").getComplaintFiledAt()).isNull();
    }
  }
}
