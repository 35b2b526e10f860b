package org.casewatch.topology.internals.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.casewatch.model.AlertResolution.NO_LONGER_APPLIES;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.model.AlertStatus.RESOLVED;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;
import static org.casewatch.topology.internals.rules.RuleFixtures.judge;

import org.casewatch.model.CaseEvent;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/** Tajik awards below the floor of 50,000 TJS (5,000,000 minor units) are not adequate. */
class InadequateCompensationRuleTest {

  private final InadequateCompensationRule rule = new InadequateCompensationRule();
  private final CaseBuilder tj = aCase("TJ-2016-0005");
  private final CaseEvent registered = tj.registered(on("2016-01-10"));

  @Test
  void anAwardBelowTheTajikFloorIsRaised() {
    final CaseEvent award = tj.compensationAwarded(on("2016-05-10"), 1_000_000, "TJS");

    final RuleVerdict verdict = judge(rule, on("2016-05-10"), registered, award);

    assertThat(verdict.pendingDeadlines()).isEmpty();
    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.INADEQUATE_COMPENSATION);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.severity()).isEqualTo(Severity.LOW);
              assertThat(alert.at()).isEqualTo(on("2016-05-10"));
              assertThat(alert.deadline()).isNull();
              assertThat(alert.triggeringEventId()).isEqualTo(award.getEventId());
              assertThat(alert.explanation())
                  .contains(
                      "compensation of 1000000 TJS (minor units) awarded 2016-05-10",
                      "below the floor of 5000000 TJS minor units (since 2012-01-01;");
            });
  }

  @Test
  void anAwardAtTheFloorIsAdequate() {
    final CaseEvent award = tj.compensationAwarded(on("2016-05-10"), 5_000_000, "TJS");

    assertThat(judge(rule, on("2016-05-10"), registered, award).findings()).isEmpty();
  }

  @Test
  void aLaterAwardThatBringsTheTotalToTheFloorResolvesTheFirst() {
    final CaseEvent first = tj.compensationAwarded(on("2016-05-10"), 3_000_000, "TJS");
    final CaseEvent second = tj.compensationAwarded(on("2016-07-01"), 2_000_000, "TJS");

    final RuleVerdict verdict = judge(rule, on("2016-07-01"), registered, first, second);

    assertThat(verdict.findings())
        .extracting(
            AlertFinding::status,
            AlertFinding::resolution,
            AlertFinding::at,
            AlertFinding::triggeringEventId)
        .containsExactly(
            tuple(RAISED, null, on("2016-05-10"), first.getEventId()),
            tuple(RESOLVED, NO_LONGER_APPLIES, on("2016-07-01"), second.getEventId()));
  }

  @Test
  void aCurrencyWithoutAFloorIsNotJudged() {
    final CaseEvent inDollars = tj.compensationAwarded(on("2016-05-10"), 100, "USD");
    final CaseBuilder kz = aCase("KZ-2016-0042");

    assertThat(judge(rule, on("2016-05-10"), registered, inDollars).findings()).isEmpty();
    assertThat(
            judge(
                    rule,
                    on("2016-05-10"),
                    kz.registered(on("2016-01-10")),
                    kz.compensationAwarded(on("2016-05-10"), 100, "KZT"))
                .findings())
        .isEmpty();
  }

  @Test
  void anAwardBeforeTheFloorWasInForceIsNotJudged() {
    final CaseBuilder early = aCase("TJ-2011-0001");

    assertThat(
            judge(
                    rule,
                    on("2011-12-31"),
                    early.registered(on("2011-06-01")),
                    early.compensationAwarded(on("2011-12-31"), 1_000_000, "TJS"))
                .findings())
        .isEmpty();
  }
}
