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
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.model.SuspensionReason;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/** Every opening or reopening must be decided within 60 local days, moved by term extensions. */
class StalledInvestigationRuleTest {

  private final StalledInvestigationRule rule = new StalledInvestigationRule();
  private final CaseBuilder kz = aCase("KZ-2016-0042");
  private final CaseEvent registered = kz.registered(on("2016-02-20"));
  private final CaseEvent complaint = kz.complaintFiled(on("2016-02-25"));
  private final CaseEvent opened = kz.investigationOpened(on("2016-03-01"));
  private final Instant deadline = endOfLocalDay("2016-04-30", Country.KZ);

  @Test
  void anInvestigationUndecidedPastSixtyLocalDaysIsRaised() {
    final RuleVerdict verdict = judge(rule, on("2016-05-01"), registered, complaint, opened);

    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.STALLED_INVESTIGATION);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(alert.at()).isEqualTo(deadline);
              assertThat(alert.deadline()).isEqualTo(deadline);
              assertThat(alert.triggeringEventId()).isEqualTo(opened.getEventId());
              assertThat(alert.thresholdDays()).isEqualTo(60);
              assertThat(alert.explanation())
                  .contains(
                      "investigation opened under CC-146 2016-03-01 + 60 days"
                          + " = deadline end of 2016-04-30 (Asia/Almaty)");
            });
  }

  @Test
  void anOpenInvestigationWithinItsTermIsPending() {
    final RuleVerdict verdict = judge(rule, deadline, registered, complaint, opened);

    assertThat(verdict.findings()).isEmpty();
    assertThat(verdict.pendingDeadlines()).containsExactly(deadline);
  }

  @Test
  void aDecisionOnTheLastLocalDayMeetsTheTermAndOneADayLaterAnswersItLate() {
    final CaseEvent inTime =
        kz.investigationClosed(
            localTime("2016-04-30T23:00", Country.KZ), InvestigationOutcome.SENT_TO_COURT);
    assertThat(judge(rule, on("2016-06-01"), registered, complaint, opened, inTime).findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::at)
        .containsExactly(tuple(RESOLVED, DEADLINE_MET, inTime.getOccurredAt()));

    final CaseEvent late =
        kz.investigationClosed(on("2016-05-01"), InvestigationOutcome.SENT_TO_COURT);
    assertThat(judge(rule, on("2016-06-01"), registered, complaint, opened, late).findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::at)
        .containsExactly(
            tuple(RAISED, null, deadline), tuple(RESOLVED, ANSWERED_LATE, on("2016-05-01")));
  }

  @Test
  void aSuspensionIsNotADecision() {
    final CaseEvent suspended =
        kz.suspended(on("2016-03-20"), SuspensionReason.PERPETRATOR_NOT_IDENTIFIED);

    final RuleVerdict verdict =
        judge(rule, on("2016-05-01"), registered, complaint, opened, suspended);

    assertThat(verdict.findings())
        .extracting(AlertFinding::status, AlertFinding::deadline)
        .containsExactly(tuple(RAISED, deadline));
  }

  @Test
  void aTermExtendedBeforeItRanOutMovesTheDeadline() {
    final CaseEvent extended = kz.termExtended(on("2016-04-20"), 30);
    final Instant extendedDeadline = endOfLocalDay("2016-05-30", Country.KZ);

    assertThat(
            judge(rule, on("2016-05-15"), registered, complaint, opened, extended)
                .pendingDeadlines())
        .containsExactly(extendedDeadline);
    assertThat(judge(rule, on("2016-06-01"), registered, complaint, opened, extended).findings())
        .extracting(AlertFinding::status, AlertFinding::deadline, AlertFinding::thresholdDays)
        .containsExactly(tuple(RAISED, extendedDeadline, 90));
  }

  @Test
  void aTermExtendedAfterItRanOutMovesNothing() {
    final CaseEvent extendedTooLate = kz.termExtended(on("2016-05-05"), 30);

    final RuleVerdict verdict =
        judge(rule, on("2016-06-01"), registered, complaint, opened, extendedTooLate);

    assertThat(verdict.findings())
        .extracting(AlertFinding::status, AlertFinding::deadline, AlertFinding::thresholdDays)
        .containsExactly(tuple(RAISED, deadline, 60));
  }

  @Test
  void aReopeningAfterARefusalStartsItsOwnTermAndTheRefusalBeforeItMeetsNothing() {
    final CaseBuilder tj = aCase("TJ-2016-0057");
    final CaseEvent refused = tj.refused(on("2016-03-09"));
    final CaseEvent reopened = tj.investigationOpened(on("2016-05-01"));

    final RuleVerdict verdict =
        judge(
            rule,
            on("2016-12-31"),
            tj.registered(on("2016-02-25")),
            tj.complaintFiled(on("2016-03-01")),
            refused,
            tj.appealed(on("2016-04-01"), refused, Authority.PROSECUTOR),
            reopened);

    assertThat(verdict.findings())
        .extracting(AlertFinding::status, AlertFinding::deadline, AlertFinding::triggeringEventId)
        .containsExactly(
            tuple(RAISED, endOfLocalDay("2016-06-30", Country.TJ), reopened.getEventId()));
  }
}
