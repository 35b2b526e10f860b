package org.casewatch.topology.internals.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.casewatch.model.AlertResolution.ANSWERED_LATE;
import static org.casewatch.model.AlertResolution.DEADLINE_MET;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.model.AlertStatus.RESOLVED;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;
import static org.casewatch.topology.internals.rules.RuleFixtures.endOfLocalDay;
import static org.casewatch.topology.internals.rules.RuleFixtures.judge;
import static org.casewatch.topology.internals.rules.RuleFixtures.localTime;

import java.time.Instant;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.model.SuspensionReason;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/** "Perpetrator not identified" buries a case: a suspension without a step for 90 local days. */
class SuspensionTooLongRuleTest {

  private final SuspensionTooLongRule rule = new SuspensionTooLongRule();
  private final CaseBuilder uz = aCase("UZ-2016-0007");
  private final CaseEvent registered = uz.registered(on("2016-01-20"));
  private final CaseEvent complaint = uz.complaintFiled(on("2016-01-25"));
  private final CaseEvent opened = uz.investigationOpened(on("2016-02-01"));
  private final CaseEvent suspended =
      uz.suspended(on("2016-03-01"), SuspensionReason.PERPETRATOR_NOT_IDENTIFIED);
  private final Instant deadline = endOfLocalDay("2016-05-30", Country.UZ);

  @Test
  void aSuspensionWithoutAStepForNinetyLocalDaysIsRaised() {
    final RuleVerdict verdict =
        judge(rule, on("2016-06-01"), registered, complaint, opened, suspended);

    assertThat(verdict.pendingDeadlines()).isEmpty();
    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.SUSPENSION_TOO_LONG);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(alert.at()).isEqualTo(deadline);
              assertThat(alert.deadline()).isEqualTo(deadline);
              assertThat(alert.triggeringEventId()).isEqualTo(suspended.getEventId());
              assertThat(alert.thresholdDays()).isEqualTo(90);
              assertThat(alert.explanation())
                  .contains(
                      "investigation suspended (PERPETRATOR_NOT_IDENTIFIED) 2016-03-01 + 90 days"
                          + " = deadline end of 2016-05-30 (Asia/Tashkent)");
            });
  }

  @Test
  void aSuspensionIsPendingThroughItsNinetiethLocalDay() {
    final RuleVerdict verdict = judge(rule, deadline, registered, complaint, opened, suspended);

    assertThat(verdict.findings()).isEmpty();
    assertThat(verdict.pendingDeadlines()).containsExactly(deadline);
  }

  @Test
  void aResumptionOnTheNinetiethDayMeetsItAndOneADayLaterIsLate() {
    final CaseEvent inTime = uz.resumed(localTime("2016-05-30T23:59", Country.UZ));
    assertThat(
            judge(rule, on("2016-07-01"), registered, complaint, opened, suspended, inTime)
                .findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::triggeringEventId)
        .containsExactly(tuple(RESOLVED, DEADLINE_MET, inTime.getEventId()));

    final CaseEvent late = uz.resumed(on("2016-05-31"));
    assertThat(
            judge(rule, on("2016-07-01"), registered, complaint, opened, suspended, late)
                .findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::at)
        .containsExactly(
            tuple(RAISED, null, deadline), tuple(RESOLVED, ANSWERED_LATE, on("2016-05-31")));
  }

  @Test
  void aDecisionAReopeningOrTheSuspensionsAnnulmentAnswersIt() {
    for (final CaseEvent answer :
        new CaseEvent[] {
          uz.investigationClosed(on("2016-04-01"), InvestigationOutcome.TERMINATED),
          uz.investigationOpened(on("2016-04-01")),
          uz.annulled(on("2016-04-01"), suspended)
        }) {
      assertThat(
              judge(rule, on("2016-07-01"), registered, complaint, opened, suspended, answer)
                  .findings())
          .as(answer.getEventId())
          .extracting(
              AlertFinding::status, AlertFinding::resolution, AlertFinding::triggeringEventId)
          .containsExactly(tuple(RESOLVED, DEADLINE_MET, answer.getEventId()));
    }
  }

  @Test
  void theAnnulmentOfAnotherDecisionDoesNotAnswerIt() {
    final CaseEvent earlierRefusal = uz.refused(on("2016-01-28"));
    final CaseEvent annulledRefusal = uz.annulled(on("2016-04-01"), earlierRefusal);

    assertThat(
            judge(
                    rule,
                    on("2016-07-01"),
                    registered,
                    complaint,
                    earlierRefusal,
                    opened,
                    suspended,
                    annulledRefusal)
                .findings())
        .extracting(AlertFinding::status)
        .containsExactly(RAISED);
  }
}
