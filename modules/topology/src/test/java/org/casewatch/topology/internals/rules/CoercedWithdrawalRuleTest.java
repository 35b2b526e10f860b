package org.casewatch.topology.internals.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;
import static org.casewatch.topology.internals.rules.RuleFixtures.judge;

import org.casewatch.model.CaseEvent;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/**
 * A complaint withdrawn within 90 local days of a reprisal, or for fear of reprisal or under
 * pressure, was coerced: the state's duty to investigate remains.
 */
class CoercedWithdrawalRuleTest {

  private final CoercedWithdrawalRule rule = new CoercedWithdrawalRule();
  private final CaseBuilder kg = aCase("KG-2016-0112");
  private final CaseEvent registered = kg.registered(on("2016-03-01"));
  private final CaseEvent complaint = kg.complaintFiled(on("2016-03-02"));
  private final CaseEvent pressure =
      kg.reprisal(on("2016-03-10"), ReprisalKind.PRESSURE_TO_WITHDRAW);

  @Test
  void aWithdrawalOnTheNinetiethLocalDayAfterAReprisalIsCoerced() {
    final CaseEvent withdrawn = kg.withdrawn(on("2016-06-08"), WithdrawalReason.LOST_HOPE);

    final RuleVerdict verdict =
        judge(rule, on("2016-06-08"), registered, complaint, pressure, withdrawn);

    assertThat(verdict.pendingDeadlines()).isEmpty();
    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.COERCED_WITHDRAWAL);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.severity()).isEqualTo(Severity.HIGH);
              assertThat(alert.at()).isEqualTo(on("2016-06-08"));
              assertThat(alert.deadline()).isNull();
              assertThat(alert.triggeringEventId()).isEqualTo(withdrawn.getEventId());
              assertThat(alert.thresholdDays()).isEqualTo(90);
              assertThat(alert.explanation())
                  .contains(
                      "complaint withdrawn 2016-06-08 (LOST_HOPE)",
                      "90 days after reprisal PRESSURE_TO_WITHDRAW on 2016-03-10");
            });
  }

  @Test
  void aWithdrawalForLostHopeOnTheNinetyFirstDayIsNot() {
    final CaseEvent withdrawn = kg.withdrawn(on("2016-06-09"), WithdrawalReason.LOST_HOPE);

    assertThat(judge(rule, on("2016-06-09"), registered, complaint, pressure, withdrawn).findings())
        .isEmpty();
  }

  @Test
  void aWithdrawalForFearOfReprisalIsCoercedWithoutAnyReprisalReported() {
    final CaseEvent withdrawn = kg.withdrawn(on("2016-05-01"), WithdrawalReason.FEAR_OF_REPRISAL);

    assertThat(judge(rule, on("2016-05-01"), registered, complaint, withdrawn).findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.severity()).isEqualTo(Severity.HIGH);
              assertThat(alert.explanation())
                  .contains("complaint withdrawn 2016-05-01 for FEAR_OF_REPRISAL");
            });
  }

  @Test
  void aWithdrawalUnderPressureIsCoerced() {
    final CaseEvent withdrawn = kg.withdrawn(on("2016-05-01"), WithdrawalReason.PRESSURE);

    assertThat(judge(rule, on("2016-05-01"), registered, complaint, withdrawn).findings())
        .extracting(AlertFinding::triggeringEventId)
        .containsExactly(withdrawn.getEventId());
  }

  @Test
  void aWithdrawalForLostHopeWithNoReprisalIsNot() {
    final CaseEvent withdrawn = kg.withdrawn(on("2016-05-01"), WithdrawalReason.LOST_HOPE);

    assertThat(judge(rule, on("2016-05-01"), registered, complaint, withdrawn).findings())
        .isEmpty();
  }

  @Test
  void aReprisalAfterTheWithdrawalDoesNotMakeItCoerced() {
    final CaseEvent withdrawn = kg.withdrawn(on("2016-03-05"), WithdrawalReason.OTHER_REASON);

    assertThat(judge(rule, on("2016-04-01"), registered, complaint, withdrawn, pressure).findings())
        .isEmpty();
  }
}
