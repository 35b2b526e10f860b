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
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/** An award must be paid in full within 180 local days; payments settle awards in order. */
class CompensationUnpaidRuleTest {

  private final CompensationUnpaidRule rule = new CompensationUnpaidRule();
  private final CaseBuilder tj = aCase("TJ-2016-0005");
  private final CaseEvent registered = tj.registered(on("2016-01-10"));
  private final CaseEvent award = tj.compensationAwarded(on("2016-03-01"), 6_000_000, "TJS");
  private final Instant deadline = endOfLocalDay("2016-08-28", Country.TJ);

  @Test
  void anAwardUnpaidAfter180LocalDaysIsRaised() {
    final RuleVerdict verdict = judge(rule, on("2016-09-01"), registered, award);

    assertThat(verdict.pendingDeadlines()).isEmpty();
    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.COMPENSATION_UNPAID);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(alert.at()).isEqualTo(deadline);
              assertThat(alert.deadline()).isEqualTo(deadline);
              assertThat(alert.triggeringEventId()).isEqualTo(award.getEventId());
              assertThat(alert.thresholdDays()).isEqualTo(180);
              assertThat(alert.explanation())
                  .contains(
                      "compensation of 6000000 TJS (minor units) awarded 2016-03-01 + 180 days"
                          + " = deadline end of 2016-08-28 (Asia/Dushanbe)");
            });
  }

  @Test
  void anAwardIsPendingThroughItsLastLocalDay() {
    final RuleVerdict verdict = judge(rule, deadline, registered, award);

    assertThat(verdict.findings()).isEmpty();
    assertThat(verdict.pendingDeadlines()).containsExactly(deadline);
  }

  @Test
  void aPaymentInFullOnTheLastEveningMeetsIt() {
    final CaseEvent paid =
        tj.compensationPaid(localTime("2016-08-28T23:00", Country.TJ), 6_000_000, "TJS");

    assertThat(judge(rule, on("2016-10-01"), registered, award, paid).findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::triggeringEventId)
        .containsExactly(tuple(RESOLVED, DEADLINE_MET, paid.getEventId()));
  }

  @Test
  void aPartPaymentLeavesItUnpaidUntilThePaymentThatCompletesIt() {
    final CaseEvent part = tj.compensationPaid(on("2016-05-01"), 4_000_000, "TJS");
    final CaseEvent rest = tj.compensationPaid(on("2016-09-15"), 2_000_000, "TJS");

    assertThat(judge(rule, on("2016-09-01"), registered, award, part).findings())
        .extracting(AlertFinding::status)
        .containsExactly(RAISED);
    assertThat(judge(rule, on("2016-10-01"), registered, award, part, rest).findings())
        .extracting(
            AlertFinding::status,
            AlertFinding::resolution,
            AlertFinding::at,
            AlertFinding::triggeringEventId)
        .containsExactly(
            tuple(RAISED, null, deadline, award.getEventId()),
            tuple(RESOLVED, ANSWERED_LATE, on("2016-09-15"), rest.getEventId()));
  }

  @Test
  void aPaymentInAnotherCurrencyPaysNothing() {
    final CaseEvent inDollars = tj.compensationPaid(on("2016-04-01"), 6_000_000, "USD");

    assertThat(judge(rule, on("2016-09-01"), registered, award, inDollars).findings())
        .extracting(AlertFinding::status)
        .containsExactly(RAISED);
  }

  @Test
  void aPaymentMadeBeforeTheAwardCountsTowardsIt() {
    final CaseEvent advance = tj.compensationPaid(on("2016-02-15"), 6_000_000, "TJS");

    assertThat(judge(rule, on("2016-09-01"), registered, advance, award).findings())
        .extracting(AlertFinding::status, AlertFinding::resolution)
        .containsExactly(tuple(RESOLVED, DEADLINE_MET));
  }

  @Test
  void paymentsSettleAwardsInTheOrderTheyWereMade() {
    final CaseEvent second = tj.compensationAwarded(on("2016-04-01"), 1_000_000, "TJS");
    final CaseEvent first = tj.compensationPaid(on("2016-05-01"), 6_000_000, "TJS");
    final CaseEvent other = tj.compensationPaid(on("2016-10-01"), 1_000_000, "TJS");

    assertThat(judge(rule, on("2016-11-01"), registered, award, second, first, other).findings())
        .extracting(
            AlertFinding::status,
            AlertFinding::resolution,
            AlertFinding::deadline,
            AlertFinding::triggeringEventId)
        .containsExactly(
            tuple(RESOLVED, DEADLINE_MET, deadline, first.getEventId()),
            tuple(RAISED, null, endOfLocalDay("2016-09-28", Country.TJ), second.getEventId()),
            tuple(
                RESOLVED,
                ANSWERED_LATE,
                endOfLocalDay("2016-09-28", Country.TJ),
                other.getEventId()));
  }
}
