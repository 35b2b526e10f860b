package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.model.AlertStatus.RESOLVED;
import static org.casewatch.model.RuleId.STALLED_COMPLAINT;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import org.casewatch.model.Alert;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOutcome;
import org.junit.jupiter.api.Test;

/** STALLED_COMPLAINT: a complaint needs an investigation or a decision within 10 days (default). */
class StalledComplaintSpec {

  private static final String CASE = "KZ-2016-0042";

  @Test
  void replayInvestigationOnTheDeadlineDayMeetsIt() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase(CASE).registered(on("2016-02-28")),
          aCase(CASE).complaintFiled(on("2016-03-02")),
          aCase(CASE).investigationOpened(on("2016-03-12")),
          aCase("KZ-2016-0099").registered(on("2016-04-01")));

      assertThat(casewatch.alerts(STALLED_COMPLAINT)).isEmpty();
    }
  }

  @Test
  void replayDeadlineMissedByOneDayRaisesWithItsArithmetic() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase(CASE).registered(on("2016-02-28")),
          aCase(CASE).complaintFiled(on("2016-03-02")),
          aCase("KZ-2016-0099").registered(on("2016-03-13")));

      assertThat(casewatch.alerts(STALLED_COMPLAINT)).singleElement().satisfies(alert -> {
        assertThat(alert.getStatus()).isEqualTo(RAISED);
        assertThat(alert.getCaseId()).isEqualTo(CASE);
        assertThat(alert.getDeadline()).isEqualTo(on("2016-03-12"));
        assertThat(alert.getAt()).isEqualTo(on("2016-03-12"));
        assertThat(alert.getThresholdDays()).isEqualTo(10);
        assertThat(alert.getRuleVersion()).isEqualTo(1);
        assertThat(alert.getExplanation()).isEqualTo(
            "complaint filed 2016-03-02 + 10 days = deadline 2016-03-12; "
                + "no investigation opened or decision by 2016-03-12");
      });
      assertThat(casewatch.countryStats(Country.KZ).getComplaintsStalledNow()).isEqualTo(1);
      assertThat(casewatch.caseState(CASE).getOpenAlerts()).extracting(a -> a.getRule()).containsExactly(STALLED_COMPLAINT);
    }
  }

  @Test
  void replayOnlyTheDeadlineDayItselfCountsAsInTime() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase(CASE).complaintFiled(on("2016-03-02")),
          aCase(CASE).investigationOpened(on("2016-03-13")));

      assertThat(casewatch.alerts(STALLED_COMPLAINT)).extracting(Alert::getStatus).containsExactly(RAISED, RESOLVED);
      assertThat(casewatch.alerts(STALLED_COMPLAINT).get(1).getExplanation())
          .endsWith("investigation opened 2016-03-13, 1 days after the deadline: the stall ended");
    }
  }

  @Test
  void aLateEventShowingTheDeadlineWasMetResolvesTheAlert() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase(CASE).complaintFiled(on("2016-03-02")),
          aCase("KZ-2016-0099").registered(on("2016-03-20")));
      final Alert raised = casewatch.alerts(STALLED_COMPLAINT, RAISED).get(0);

      casewatch.publish(aCase(CASE).investigationOpened(on("2016-03-10")));

      final Alert resolved = casewatch.alerts(STALLED_COMPLAINT, RESOLVED).get(0);
      assertThat(resolved.getAlertId()).isEqualTo(raised.getAlertId());
      assertThat(resolved.getAt()).isEqualTo(on("2016-03-10"));
      assertThat(resolved.getExplanation()).endsWith("investigation opened 2016-03-10, by the deadline: it was not missed");
      assertThat(casewatch.countryStats(Country.KZ).getComplaintsStalledNow()).isZero();
      assertThat(casewatch.caseState(CASE).getOpenAlerts()).isEmpty();
    }
  }

  @Test
  void aDecisionOrAWithdrawalAlsoEndsTheWait() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase("KG-2016-0001").complaintFiled(on("2016-03-02")),
          aCase("KG-2016-0001").investigationClosed(on("2016-03-05"), InvestigationOutcome.REFUSED_NO_CRIME),
          aCase("KG-2016-0002").complaintFiled(on("2016-03-02")),
          aCase("KG-2016-0002").withdrawn(on("2016-03-06"), org.casewatch.model.WithdrawalReason.LOST_HOPE),
          aCase("KG-2016-0003").registered(on("2016-06-01")));

      assertThat(casewatch.alerts(STALLED_COMPLAINT)).isEmpty();
    }
  }

  @Test
  void anEarlierComplaintArrivingLateMovesTheDeadlineAndResolvesTheOldAlert() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase(CASE).complaintFiled(on("2016-03-10")),
          aCase("KZ-2016-0099").registered(on("2016-03-25")));
      final Alert raised = casewatch.alerts(STALLED_COMPLAINT, RAISED).get(0);
      assertThat(raised.getDeadline()).isEqualTo(on("2016-03-20"));

      casewatch.publish(
          aCase(CASE).complaintFiled(on("2016-03-01")),
          aCase(CASE).investigationOpened(on("2016-03-05")));

      assertThat(casewatch.alerts(STALLED_COMPLAINT, RESOLVED)).extracting(Alert::getAlertId).contains(raised.getAlertId());
      assertThat(casewatch.caseState(CASE).getOpenAlertIds()).isEmpty();
      assertThat(casewatch.countryStats(Country.KZ).getComplaintsStalledNow()).isZero();
    }
  }

  @Test
  void liveASilentCaseIsFlaggedWithinAMinuteOfItsDeadline() {
    try (CasewatchDriver casewatch = CasewatchDriver.live(on("2016-03-02").plusSeconds(3600))) {
      casewatch.publish(aCase(CASE).complaintFiled(on("2016-03-02")));
      casewatch.advanceWallClock(Duration.ofDays(10).minusHours(1).minusSeconds(1));
      assertThat(casewatch.alerts(STALLED_COMPLAINT)).as("a second before the deadline").isEmpty();

      casewatch.advanceWallClock(Duration.ofMinutes(1));

      assertThat(casewatch.alerts(STALLED_COMPLAINT)).singleElement().satisfies(alert -> {
        assertThat(alert.getStatus()).isEqualTo(RAISED);
        assertThat(alert.getAt()).isEqualTo(on("2016-03-12"));
      });
    }
  }

  @Test
  void liveInvestigationBeforeTheDeadlineMeansNoAlertEver() {
    try (CasewatchDriver casewatch = CasewatchDriver.live(on("2016-03-02"))) {
      casewatch.publish(aCase(CASE).complaintFiled(on("2016-03-02")));
      casewatch.advanceWallClock(Duration.ofDays(9));
      casewatch.publish(aCase(CASE).investigationOpened(on("2016-03-11")));
      casewatch.advanceWallClock(Duration.ofDays(30));

      assertThat(casewatch.alerts(STALLED_COMPLAINT)).isEmpty();
    }
  }
}
