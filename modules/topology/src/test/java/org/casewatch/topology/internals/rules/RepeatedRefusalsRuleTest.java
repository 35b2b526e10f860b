package org.casewatch.topology.internals.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;
import static org.casewatch.topology.internals.rules.RuleFixtures.judge;

import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/** Refusal, appeal, annulment, reopening and refusal again: the second refusal on is HIGH. */
class RepeatedRefusalsRuleTest {

  private final RepeatedRefusalsRule rule = new RepeatedRefusalsRule();
  private final CaseBuilder tj = aCase("TJ-2016-0057");
  private final CaseEvent registered = tj.registered(on("2016-02-25"));
  private final CaseEvent complaint = tj.complaintFiled(on("2016-03-01"));
  private final CaseEvent refused = tj.refused(on("2016-03-09"));
  private final CaseEvent appeal = tj.appealed(on("2016-04-01"), refused, Authority.PROSECUTOR);
  private final CaseEvent annulled = tj.annulled(on("2016-04-15"), refused);
  private final CaseEvent reopened = tj.investigationOpened(on("2016-04-15"));
  private final CaseEvent refusedAgain = tj.refused(on("2016-06-01"));

  @Test
  void aSingleRefusalIsNotRepeated() {
    assertThat(judge(rule, on("2016-12-31"), registered, complaint, refused).findings()).isEmpty();
  }

  @Test
  void theSecondRefusalAfterAnAnnulledOneIsRaised() {
    final RuleVerdict verdict =
        judge(
            rule,
            on("2016-06-01"),
            registered,
            complaint,
            refused,
            appeal,
            annulled,
            reopened,
            refusedAgain);

    assertThat(verdict.pendingDeadlines()).isEmpty();
    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.REPEATED_REFUSALS);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.severity()).isEqualTo(Severity.HIGH);
              assertThat(alert.at()).isEqualTo(on("2016-06-01"));
              assertThat(alert.deadline()).isNull();
              assertThat(alert.triggeringEventId()).isEqualTo(refusedAgain.getEventId());
              assertThat(alert.explanation())
                  .contains("refusal no. 2 on 2016-06-01 after refusals on 2016-03-09");
            });
  }

  @Test
  void everyRefusalFromTheSecondIsAnAlertAndATerminationCounts() {
    final CaseEvent appealAgain = tj.appealed(on("2016-06-10"), refusedAgain, Authority.PROSECUTOR);
    final CaseEvent reopenedAgain = tj.investigationOpened(on("2016-07-01"));
    final CaseEvent terminated =
        tj.investigationClosed(on("2016-09-01"), InvestigationOutcome.TERMINATED);

    final RuleVerdict verdict =
        judge(
            rule,
            on("2016-09-01"),
            registered,
            complaint,
            refused,
            appeal,
            annulled,
            reopened,
            refusedAgain,
            appealAgain,
            reopenedAgain,
            terminated);

    assertThat(verdict.findings())
        .extracting(AlertFinding::status, AlertFinding::triggeringEventId)
        .containsExactly(
            tuple(RAISED, refusedAgain.getEventId()), tuple(RAISED, terminated.getEventId()));
    assertThat(verdict.findings().get(1).explanation())
        .contains("refusal no. 3 on 2016-09-01 after refusals on 2016-03-09, 2016-06-01");
  }

  @Test
  void aReopeningAfterTheSecondRefusalResolvesNothing() {
    final RuleVerdict verdict =
        judge(
            rule,
            on("2016-12-31"),
            registered,
            complaint,
            refused,
            reopened,
            refusedAgain,
            tj.investigationOpened(on("2016-08-01")));

    assertThat(verdict.findings()).extracting(AlertFinding::status).containsExactly(RAISED);
  }

  @Test
  void aRetractedSecondRefusalLeavesASingleOne() {
    final CaseEvent retraction =
        tj.retraction(on("2016-06-02"), refusedAgain, RetractionReason.ENTERED_IN_ERROR);

    assertThat(
            judge(
                    rule,
                    on("2016-06-02"),
                    registered,
                    complaint,
                    refused,
                    reopened,
                    refusedAgain,
                    retraction)
                .findings())
        .isEmpty();
  }
}
