package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.model.AlertStatus.RESOLVED;
import static org.casewatch.model.RuleId.COERCED_WITHDRAWAL;
import static org.casewatch.model.RuleId.INADEQUATE_COMPENSATION;
import static org.casewatch.model.RuleId.RETALIATION;
import static org.casewatch.model.RuleId.STALLED_INVESTIGATION;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import org.casewatch.model.Alert;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.Severity;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.topology.rules.Rules;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rules other than STALLED_COMPLAINT, each given events, then time, then alerts. */
class EventRulesSpec {

  @Test
  void stalledInvestigationAfterSixtyDaysWithoutADecision() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase("TJ-2016-0005").complaintFiled(on("2016-03-01")),
          aCase("TJ-2016-0005").investigationOpened(on("2016-03-05")),
          aCase("TJ-2016-0006").registered(on("2016-05-05")));

      assertThat(casewatch.alerts(STALLED_INVESTIGATION))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getStatus()).isEqualTo(RAISED);
                assertThat(alert.getExplanation())
                    .isEqualTo(
                        "investigation opened under CC-146 2016-03-05 + 60 days = deadline end of"
                            + " 2016-05-04 (Asia/Dushanbe); no decision by then");
              });

      casewatch.publish(
          aCase("TJ-2016-0005")
              .investigationClosed(on("2016-06-01"), InvestigationOutcome.TERMINATED));

      assertThat(casewatch.alerts(STALLED_INVESTIGATION))
          .extracting(Alert::getStatus)
          .containsExactly(RAISED, RESOLVED);
    }
  }

  @Test
  void liveStalledInvestigationFiresOnTheWallClock() {
    try (CasewatchDriver casewatch = CasewatchDriver.live(on("2016-03-05"))) {
      casewatch.publish(aCase("TJ-2016-0005").investigationOpened(on("2016-03-05")));
      casewatch.advanceWallClock(Duration.ofDays(61));

      assertThat(casewatch.alerts(STALLED_INVESTIGATION, RAISED)).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void retaliationAfterAComplaintAtOnceAndHighForProsecutionOrDetention(final ClockMode mode) {
    try (CasewatchDriver casewatch = CasewatchDriver.in(mode)) {
      casewatch.publish(
          aCase("KZ-2016-0042").complaintFiled(on("2016-03-02")),
          aCase("KZ-2016-0042")
              .reprisal(on("2016-03-09"), ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES),
          aCase("KZ-2016-0042")
              .reprisal(on("2016-04-20"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT));

      assertThat(casewatch.alerts(RETALIATION))
          .extracting(Alert::getSeverity, Alert::getAt)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Severity.MEDIUM, on("2016-03-09")),
              org.assertj.core.groups.Tuple.tuple(Severity.HIGH, on("2016-04-20")));
      assertThat(casewatch.alerts(RETALIATION).get(0).getExplanation())
          .isEqualTo(
              "reprisal THREAT_OF_FALSE_REPORT_CHARGES by POLICE on 2016-03-09, 7 days after the"
                  + " complaint filed 2016-03-02");
      assertThat(casewatch.countryStats(org.casewatch.model.Country.KZ).getCasesWithReprisals())
          .isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void aReprisalBeforeAnyComplaintIsNotRetaliationAgainstIt(final ClockMode mode) {
    try (CasewatchDriver casewatch = CasewatchDriver.in(mode)) {
      casewatch.publish(
          aCase("KZ-2016-0043").reprisal(on("2016-02-01"), ReprisalKind.DETENTION),
          aCase("KZ-2016-0043").complaintFiled(on("2016-03-02")));

      assertThat(casewatch.alerts(RETALIATION)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void withdrawalSoonAfterAReprisalOrForFearIsCoerced(final ClockMode mode) {
    try (CasewatchDriver casewatch = CasewatchDriver.in(mode)) {
      casewatch.publish(
          aCase("KG-2016-0101").complaintFiled(on("2016-03-01")),
          aCase("KG-2016-0101").reprisal(on("2016-03-09"), ReprisalKind.PRESSURE_TO_WITHDRAW),
          aCase("KG-2016-0101").withdrawn(on("2016-04-01"), WithdrawalReason.OTHER_REASON),
          aCase("KG-2016-0102").complaintFiled(on("2016-03-01")),
          aCase("KG-2016-0102").withdrawn(on("2016-03-03"), WithdrawalReason.FEAR_OF_REPRISAL),
          aCase("KG-2016-0103").complaintFiled(on("2016-03-01")),
          aCase("KG-2016-0103").withdrawn(on("2016-03-03"), WithdrawalReason.LOST_HOPE));

      assertThat(casewatch.alerts(COERCED_WITHDRAWAL))
          .extracting(Alert::getCaseId)
          .containsExactly("KG-2016-0101", "KG-2016-0102");
      assertThat(casewatch.alerts(COERCED_WITHDRAWAL).get(0).getExplanation())
          .isEqualTo(
              "complaint withdrawn 2016-04-01 (OTHER_REASON), 23 days after reprisal"
                  + " PRESSURE_TO_WITHDRAW on 2016-03-09 (within 90 days)");
      assertThat(casewatch.alerts(COERCED_WITHDRAWAL))
          .allMatch(alert -> alert.getSeverity() == Severity.HIGH);
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void compensationBelowTheFloorRaisesAndReachingItResolves(final ClockMode mode) {
    final Rules tajikFloor =
        RulesFile.parse("countries: {TJ: {compensationFloors: {TJS: 500000}}}");
    try (CasewatchDriver casewatch = CasewatchDriver.in(mode, tajikFloor)) {
      casewatch.publish(
          aCase("TJ-2016-0005").compensationAwarded(on("2016-09-01"), 150_000, "TJS"));

      assertThat(casewatch.alerts(INADEQUATE_COMPENSATION))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getStatus()).isEqualTo(RAISED);
                assertThat(alert.getExplanation())
                    .isEqualTo(
                        "compensation of 150000 TJS (minor units) awarded 2016-09-01 is below the"
                            + " floor of 500000 TJS minor units (the operator's rule table)");
              });

      casewatch.publish(
          aCase("TJ-2016-0005").compensationAwarded(on("2016-12-01"), 400_000, "TJS"));

      assertThat(casewatch.alerts(INADEQUATE_COMPENSATION))
          .extracting(Alert::getStatus)
          .containsExactly(RAISED, RESOLVED);
    }
  }
}
