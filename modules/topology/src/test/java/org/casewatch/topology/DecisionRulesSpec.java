package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.model.AlertStatus.RESOLVED;
import static org.casewatch.model.RuleId.DECISION_NOT_APPEALED;
import static org.casewatch.model.RuleId.REFUSAL_TO_INVESTIGATE;
import static org.casewatch.model.RuleId.REPEATED_REFUSALS;
import static org.casewatch.model.RuleId.STALLED_INVESTIGATION;
import static org.casewatch.model.RuleId.SUSPENSION_TOO_LONG;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;
import static org.casewatch.topology.ComplaintPathSpec.endOfLocalDay;

import org.casewatch.model.Alert;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.Severity;
import org.casewatch.model.SuspensionReason;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules on what the authorities decide: a refusal to investigate, a decision left unappealed,
 * refusals repeated ("ping-pong"), a suspension that buries a case. Each fires, stays silent at its
 * boundary and is resolved by late evidence, in both clock modes. Kazakh dates; a deadline ends at
 * the end of the local day in Asia/Almaty.
 */
class DecisionRulesSpec {

  private static final String CASE = "KZ-2016-0201";
  private final CaseBuilder kz = aCase(CASE);
  private final CaseEvent registered = kz.registered(on("2016-03-01"));
  private final CaseEvent complaint = kz.complaintTo(Authority.PROSECUTOR, on("2016-03-02"));
  private final CaseEvent refusal = kz.refused(on("2016-03-05"));

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void aRefusalToInitiateIsReportedAtOnceAndAnAnnulmentResolvesIt(final ClockMode mode) {
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-03-06").given(registered, complaint, refusal)) {
      assertThat(scenario.alerts(REFUSAL_TO_INVESTIGATE))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getStatus()).isEqualTo(RAISED);
                assertThat(alert.getSeverity()).isEqualTo(Severity.MEDIUM);
                assertThat(alert.getAt()).isEqualTo(on("2016-03-05"));
                assertThat(alert.getTriggeringEventId()).isEqualTo(refusal.getEventId());
                assertThat(alert.getExplanation())
                    .startsWith("decision REFUSED_TO_INITIATE on 2016-03-05 [UN CAT art. 12");
              });

      final CaseEvent annulment = kz.annulled(on("2016-03-20"), refusal);
      scenario.clockTo(Country.KZ, "2016-03-25").late(annulment);

      assertThat(scenario.alerts(REFUSAL_TO_INVESTIGATE, RESOLVED))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getResolution()).isEqualTo(AlertResolution.NO_LONGER_APPLIES);
                assertThat(alert.getTriggeringEventId()).isEqualTo(annulment.getEventId());
                assertThat(alert.getExplanation()).endsWith("annulled on 2016-03-20");
              });
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void onlyRefusalsAndTerminationsAreRefusalsNotSuspensionsOrCharges(final ClockMode mode) {
    final CaseBuilder other = aCase("KZ-2016-0202");
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-06-01")
            .given(
                registered,
                complaint,
                kz.investigationOpened(on("2016-03-03")),
                kz.suspended(on("2016-03-10"), SuspensionReason.PERPETRATOR_NOT_IDENTIFIED),
                kz.investigationClosed(on("2016-03-20"), InvestigationOutcome.SUSPENDED),
                kz.investigationClosed(on("2016-04-01"), InvestigationOutcome.SENT_TO_COURT),
                other.registered(on("2016-03-01")),
                other.complaintFiled(on("2016-03-02")),
                other.investigationClosed(on("2016-03-04"), InvestigationOutcome.REFUSED_NO_CRIME),
                other.investigationOpened(on("2016-03-10")),
                other.investigationClosed(on("2016-04-10"), InvestigationOutcome.TERMINATED))) {

      assertThat(scenario.alerts(REFUSAL_TO_INVESTIGATE))
          .extracting(Alert::getCaseId, Alert::getStatus)
          .containsExactly(
              tuple("KZ-2016-0202", RAISED),
              tuple("KZ-2016-0202", RESOLVED),
              tuple("KZ-2016-0202", RAISED));
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void aRefusalNotAppealedWithinThirtyDaysIsALowReminder(final ClockMode mode) {
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-03-06").given(registered, complaint, refusal)) {
      scenario.clockTo(Country.KZ, "2016-04-04");
      assertThat(scenario.alerts(DECISION_NOT_APPEALED))
          .as("the clock on the deadline day misses nothing")
          .isEmpty();

      scenario.clockTo(Country.KZ, "2016-04-06");
      assertThat(scenario.alerts(DECISION_NOT_APPEALED))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getStatus()).isEqualTo(RAISED);
                assertThat(alert.getSeverity()).isEqualTo(Severity.LOW);
                assertThat(alert.getDeadline())
                    .isEqualTo(endOfLocalDay("2016-04-04", "Asia/Almaty"));
                assertThat(alert.getThresholdDays()).isEqualTo(30);
                assertThat(alert.getExplanation())
                    .contains(
                        "decision REFUSED_TO_INITIATE 2016-03-05 + 30 days", "casewatch default");
              });
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void anAppealOnTheLastDayMeetsItAndAnAppealOfAnotherDecisionDoesNot(final ClockMode mode) {
    final CaseEvent secondRefusal =
        kz.investigationClosed(on("2016-03-07"), InvestigationOutcome.TERMINATED);
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-04-04")
            .given(
                registered,
                complaint,
                refusal,
                kz.investigationOpened(on("2016-03-06")),
                secondRefusal,
                kz.appealed(on("2016-04-04"), refusal, Authority.COURT))) {
      scenario.clockTo(Country.KZ, "2016-05-30");

      assertThat(scenario.alerts(DECISION_NOT_APPEALED, RAISED))
          .singleElement()
          .satisfies(
              alert ->
                  assertThat(alert.getTriggeringEventId()).isEqualTo(secondRefusal.getEventId()));
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void anAppealSentLateShowsTheReminderWasMetOrAnsweredLate(final ClockMode mode) {
    final CaseBuilder other = aCase("KZ-2016-0203");
    final CaseEvent otherRefusal = other.refused(on("2016-03-05"));
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-03-06")
            .given(
                registered,
                complaint,
                refusal,
                other.registered(on("2016-03-01")),
                other.complaintFiled(on("2016-03-02")),
                otherRefusal)) {
      scenario.clockTo(Country.KZ, "2016-04-10");
      assertThat(scenario.alerts(DECISION_NOT_APPEALED, RAISED)).hasSize(2);

      scenario.late(
          kz.appealed(on("2016-04-03"), refusal, Authority.PROSECUTOR),
          other.appealed(on("2016-04-08"), otherRefusal, Authority.COURT));

      assertThat(scenario.alerts(DECISION_NOT_APPEALED, RESOLVED))
          .extracting(Alert::getCaseId, Alert::getResolution)
          .containsExactlyInAnyOrder(
              tuple(CASE, AlertResolution.DEADLINE_MET),
              tuple("KZ-2016-0203", AlertResolution.ANSWERED_LATE));
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void theSecondRefusalAfterAppealAnnulmentAndReopeningIsHighAndARetractionTakesItBack(
      final ClockMode mode) {
    final CaseEvent appeal = kz.appealed(on("2016-03-10"), refusal, Authority.PROSECUTOR);
    final CaseEvent secondRefusal =
        kz.investigationClosed(on("2016-04-20"), InvestigationOutcome.TERMINATED);
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-04-21")
            .given(
                registered,
                complaint,
                refusal,
                appeal,
                kz.annulled(on("2016-03-15"), refusal),
                kz.investigationOpened(on("2016-03-16")),
                secondRefusal)) {
      assertThat(scenario.alerts(REPEATED_REFUSALS))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getStatus()).isEqualTo(RAISED);
                assertThat(alert.getSeverity()).isEqualTo(Severity.HIGH);
                assertThat(alert.getTriggeringEventId()).isEqualTo(secondRefusal.getEventId());
                assertThat(alert.getExplanation())
                    .startsWith("refusal no. 2 on 2016-04-20 after refusals on 2016-03-05");
              });
      assertThat(scenario.caseState(CASE))
          .satisfies(
              state -> {
                assertThat(state.getRefusalCount()).isEqualTo(2);
                assertThat(state.getAppealCount()).isEqualTo(1);
                assertThat(state.getAnnulmentCount()).isEqualTo(1);
                assertThat(state.getReopeningCount()).isEqualTo(1);
              });

      scenario
          .clockTo(Country.KZ, "2016-05-01")
          .late(kz.retraction(on("2016-05-01"), refusal, RetractionReason.ENTERED_IN_ERROR));

      assertThat(scenario.alerts(REPEATED_REFUSALS, RESOLVED))
          .singleElement()
          .satisfies(
              alert -> assertThat(alert.getResolution()).isEqualTo(AlertResolution.RETRACTED));
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void oneRefusalIsNoRepetition(final ClockMode mode) {
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-03-06").given(registered, complaint, refusal)) {
      scenario.clockTo(Country.KZ, "2016-12-31");
      assertThat(scenario.alerts(REPEATED_REFUSALS)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void aSuspensionOfMoreThanNinetyDaysIsAnAlertAndNeverMeetsTheInvestigationDeadline(
      final ClockMode mode) {
    final CaseEvent suspension =
        kz.suspended(on("2016-02-01"), SuspensionReason.PERPETRATOR_NOT_IDENTIFIED);
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-02-02")
            .given(
                kz.registered(on("2016-01-05")),
                kz.complaintFiled(on("2016-01-06")),
                kz.investigationOpened(on("2016-01-10")),
                suspension)) {
      scenario.clockTo(Country.KZ, "2016-05-01");
      assertThat(scenario.alerts(SUSPENSION_TOO_LONG))
          .as("the clock on the 90th day misses nothing")
          .isEmpty();

      scenario.clockTo(Country.KZ, "2016-05-03");
      assertThat(scenario.alerts(SUSPENSION_TOO_LONG))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getStatus()).isEqualTo(RAISED);
                assertThat(alert.getDeadline())
                    .isEqualTo(endOfLocalDay("2016-05-01", "Asia/Almaty"));
                assertThat(alert.getTriggeringEventId()).isEqualTo(suspension.getEventId());
              });
      assertThat(scenario.alerts(STALLED_INVESTIGATION, RAISED))
          .as("a suspension decides nothing")
          .hasSize(1);
      assertThat(scenario.caseState(CASE).getSuspendedNow()).isTrue();

      scenario.late(kz.resumed(on("2016-04-20")));
      assertThat(scenario.alerts(SUSPENSION_TOO_LONG, RESOLVED))
          .singleElement()
          .satisfies(
              alert -> assertThat(alert.getResolution()).isEqualTo(AlertResolution.DEADLINE_MET));
      assertThat(scenario.caseState(CASE).getSuspendedNow()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void aSuspensionResumedOnItsLastDayIsNoAlertAndOneResumedLaterIsAnsweredLate(
      final ClockMode mode) {
    final CaseBuilder other = aCase("KZ-2016-0204");
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-05-01")
            .given(
                kz.registered(on("2016-01-05")),
                kz.investigationOpened(on("2016-01-10")),
                kz.suspended(on("2016-02-01"), SuspensionReason.SUSPECT_ABSCONDED),
                kz.resumed(on("2016-05-01")),
                other.registered(on("2016-01-05")),
                other.investigationOpened(on("2016-01-10")),
                other.investigationClosed(on("2016-02-01"), InvestigationOutcome.SUSPENDED))) {
      scenario.clockTo(Country.KZ, "2016-05-20").late(other.resumed(on("2016-05-10")));

      assertThat(scenario.alerts(SUSPENSION_TOO_LONG))
          .extracting(Alert::getCaseId, Alert::getStatus, Alert::getResolution)
          .containsExactly(
              tuple("KZ-2016-0204", RAISED, null),
              tuple("KZ-2016-0204", RESOLVED, AlertResolution.ANSWERED_LATE));
    }
  }
}
