package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.model.AlertStatus.RESOLVED;
import static org.casewatch.model.RuleId.STALLED_COMPLAINT;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.RuleId;
import org.junit.jupiter.api.Test;

/**
 * STALLED_COMPLAINT: a complaint needs an investigation or a decision by the end of the local day
 * complaint + 10 days (default). Kazakhstan's clock in 2016 is UTC+6: a complaint on 2016-03-02 has
 * until 2016-03-12T23:59:59.999+06:00.
 */
class StalledComplaintSpec {

  private static final String CASE = "KZ-2016-0042";

  /** The end of the local day 2016-03-12 in Almaty. */
  private static final Instant END_OF_MARCH_12 = Instant.parse("2016-03-12T17:59:59.999Z");

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

      assertThat(casewatch.alerts(STALLED_COMPLAINT))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getStatus()).isEqualTo(RAISED);
                assertThat(alert.getCaseId()).isEqualTo(CASE);
                assertThat(alert.getDeadline()).isEqualTo(END_OF_MARCH_12);
                assertThat(alert.getAt()).isEqualTo(END_OF_MARCH_12);
                assertThat(alert.getThresholdDays()).isEqualTo(10);
                assertThat(alert.getRuleVersion()).isEqualTo(3);
                assertThat(alert.getRulesVersion()).isNotBlank();
                assertThat(alert.getExplanation())
                    .isEqualTo(
                        "complaint filed to PROSECUTOR 2016-03-02 + 10 days = deadline end of"
                            + " 2016-03-12 (Asia/Almaty); no investigation opened or decision by"
                            + " then");
              });
      assertThat(casewatch.countryStats(Country.KZ).getComplaintsStalledNow()).isEqualTo(1);
      // No examination was reported either: that deadline (3 days) passed first.
      assertThat(casewatch.caseState(CASE).getOpenAlerts())
          .extracting(a -> a.getRule())
          .containsExactly(RuleId.FORENSIC_EXAMINATION_MISSING, STALLED_COMPLAINT);
    }
  }

  @Test
  void replayOnlyTheDeadlineDayItselfCountsAsInTime() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase(CASE).complaintFiled(on("2016-03-02")),
          aCase(CASE).investigationOpened(on("2016-03-13")),
          aCase("KZ-2016-0099").registered(on("2016-04-01")));

      assertThat(casewatch.alerts(STALLED_COMPLAINT))
          .extracting(Alert::getStatus)
          .containsExactly(RAISED, RESOLVED);
      assertThat(casewatch.alerts(STALLED_COMPLAINT).get(1).getExplanation())
          .endsWith("investigation opened 2016-03-13, 1 days after the deadline: answered late");
      assertThat(casewatch.alerts(STALLED_COMPLAINT).get(1).getResolution())
          .isEqualTo(AlertResolution.ANSWERED_LATE);
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
      assertThat(resolved.getAt()).as("never before the raise").isEqualTo(raised.getAt());
      assertThat(resolved.getResolution()).isEqualTo(AlertResolution.DEADLINE_MET);
      assertThat(resolved.getTriggeringEventId())
          .isEqualTo(aCase(CASE).investigationOpened(on("2016-03-10")).getEventId());
      assertThat(resolved.getExplanation())
          .endsWith("investigation opened 2016-03-10, by the deadline: it was not missed");
      assertThat(casewatch.countryStats(Country.KZ).getComplaintsStalledNow()).isZero();
      assertThat(casewatch.caseState(CASE).getOpenAlerts())
          .noneMatch(open -> open.getRule() == STALLED_COMPLAINT);
    }
  }

  @Test
  void aDecisionOrAWithdrawalAlsoEndsTheWait() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase("KG-2016-0001").complaintFiled(on("2016-03-02")),
          aCase("KG-2016-0001")
              .investigationClosed(on("2016-03-05"), InvestigationOutcome.REFUSED_NO_CRIME),
          aCase("KG-2016-0002").complaintFiled(on("2016-03-02")),
          aCase("KG-2016-0002")
              .withdrawn(on("2016-03-06"), org.casewatch.model.WithdrawalReason.LOST_HOPE),
          aCase("KG-2016-0003").registered(on("2016-06-01")));

      assertThat(casewatch.alerts(STALLED_COMPLAINT)).isEmpty();
    }
  }

  @Test
  void anEarlierComplaintArrivingLateHasItsOwnDeadlineAndLeavesTheLaterOneAlone() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase(CASE).complaintFiled(on("2016-03-10")),
          aCase("KZ-2016-0099").registered(on("2016-03-25")));
      final Alert later = casewatch.alerts(STALLED_COMPLAINT, RAISED).get(0);
      assertThat(later.getDeadline()).isEqualTo(Instant.parse("2016-03-20T17:59:59.999Z"));

      casewatch.publish(
          aCase(CASE).complaintFiled(on("2016-03-01")),
          aCase(CASE).investigationOpened(on("2016-03-05")));

      // The earlier complaint and its answer arrived together: judged on both once settled, never
      // raised.
      assertThat(casewatch.alerts(STALLED_COMPLAINT))
          .extracting(Alert::getAlertId)
          .containsExactly(later.getAlertId());
      // An investigation before the 03-10 complaint does not answer it.
      assertThat(casewatch.caseState(CASE).getOpenAlertIds()).containsExactly(later.getAlertId());
      assertThat(casewatch.countryStats(Country.KZ).getComplaintsStalledNow()).isEqualTo(1);
    }
  }

  @Test
  void liveASilentCaseIsFlaggedWithinAMinuteOfItsDeadline() {
    final Instant start = on("2016-03-02").plusSeconds(3600);
    try (CasewatchDriver casewatch = CasewatchDriver.live(start)) {
      casewatch.publish(aCase(CASE).complaintFiled(on("2016-03-02")));
      casewatch.advanceWallClock(Duration.between(start, END_OF_MARCH_12));
      assertThat(casewatch.alerts(STALLED_COMPLAINT))
          .as("on the last millisecond of the deadline day")
          .isEmpty();

      casewatch.advanceWallClock(Duration.ofSeconds(60));

      assertThat(casewatch.alerts(STALLED_COMPLAINT))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getStatus()).isEqualTo(RAISED);
                assertThat(alert.getAt()).isEqualTo(END_OF_MARCH_12);
              });
    }
  }

  @Test
  void liveAnOverdueCaseIsJudgedOnceQuietForTheSettlingWindowAndNotBefore() {
    final Instant start = on("2016-04-01");
    try (CasewatchDriver fiveSeconds =
            CasewatchDriver.live(start, Settling.of(Duration.ofSeconds(5)));
        CasewatchDriver byDefault = CasewatchDriver.live(start)) {
      for (final CasewatchDriver casewatch : List.of(fiveSeconds, byDefault)) {
        casewatch.publishArriving(start, aCase(CASE).complaintFiled(on("2016-03-02")));
        casewatch.advanceWallClock(Duration.ofSeconds(4));
      }
      assertThat(fiveSeconds.alerts(STALLED_COMPLAINT)).as("quiet for 4 s of 5").isEmpty();

      fiveSeconds.advanceWallClock(Duration.ofSeconds(3));
      byDefault.advanceWallClock(Duration.ofSeconds(3));

      assertThat(fiveSeconds.alerts(STALLED_COMPLAINT, RAISED))
          .as("quiet for 7 s, checked every 1.7 s")
          .hasSize(1);
      assertThat(byDefault.alerts(STALLED_COMPLAINT)).as("quiet for 7 s of 30").isEmpty();

      byDefault.advanceWallClock(Duration.ofSeconds(30));
      assertThat(byDefault.alerts(STALLED_COMPLAINT, RAISED)).hasSize(1);
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
