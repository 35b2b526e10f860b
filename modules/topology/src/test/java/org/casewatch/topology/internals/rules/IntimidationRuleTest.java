package org.casewatch.topology.internals.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;
import static org.casewatch.topology.internals.rules.RuleFixtures.judge;

import org.casewatch.model.CaseEvent;
import org.casewatch.model.Custodian;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/**
 * A reprisal after registration and before any complaint, so that none is filed: Kazakh warnings of
 * "false information" charges.
 */
class IntimidationRuleTest {

  private final IntimidationRule rule = new IntimidationRule();
  private final CaseBuilder kz = aCase("KZ-2016-0042");
  private final CaseEvent registered = kz.registered(on("2016-03-01"));
  private final CaseEvent warning =
      kz.reprisal(on("2016-03-05"), ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES);

  @Test
  void aWarningBeforeAnyComplaintIsRaisedAtOnce() {
    final RuleVerdict verdict = judge(rule, on("2016-03-05"), registered, warning);

    assertThat(verdict.pendingDeadlines()).isEmpty();
    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.INTIMIDATION);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(alert.at()).isEqualTo(on("2016-03-05"));
              assertThat(alert.deadline()).isNull();
              assertThat(alert.triggeringEventId()).isEqualTo(warning.getEventId());
              assertThat(alert.explanation())
                  .contains(
                      "THREAT_OF_FALSE_REPORT_CHARGES",
                      "on 2016-03-05, 4 days after registration and before any complaint",
                      "UN CAT art. 13");
            });
  }

  @Test
  void aComplaintFiledAfterTheWarningLeavesItIntimidation() {
    assertThat(
            judge(rule, on("2016-03-10"), registered, warning, kz.complaintFiled(on("2016-03-10")))
                .findings())
        .extracting(AlertFinding::triggeringEventId)
        .containsExactly(warning.getEventId());
  }

  @Test
  void aReprisalAtOrAfterTheComplaintIsRetaliationNotIntimidation() {
    final CaseEvent complaint = kz.complaintFiled(on("2016-03-05"));
    final CaseEvent later = kz.reprisal(on("2016-03-20"), ReprisalKind.PRESSURE_TO_WITHDRAW);

    assertThat(judge(rule, on("2016-03-20"), registered, complaint, warning, later).findings())
        .isEmpty();
  }

  @Test
  void aReprisalBeforeTheRegistrationIsNotJudged() {
    final CaseEvent before = kz.reprisal(on("2016-02-20"), ReprisalKind.PHYSICAL_VIOLENCE);

    assertThat(judge(rule, on("2016-03-05"), registered, before).findings()).isEmpty();
  }

  @Test
  void aVictimInCustodyIsIntimidatedAtHighSeverityUntilReleased() {
    final CaseEvent held = kz.custody(on("2016-03-02"), Custodian.PENITENTIARY_SERVICE);
    assertThat(judge(rule, on("2016-03-05"), registered, held, warning).findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.severity()).isEqualTo(Severity.HIGH);
              assertThat(alert.explanation()).contains("the victim in custody");
            });

    final CaseEvent released = kz.custody(on("2016-03-03"), Custodian.RELEASED);
    assertThat(judge(rule, on("2016-03-05"), registered, held, released, warning).findings())
        .extracting(AlertFinding::severity)
        .containsExactly(Severity.MEDIUM);
  }

  @Test
  void aPunishmentCellIsOnlyForDetaineesAndSoHigh() {
    final CaseEvent cell = kz.reprisal(on("2016-03-05"), ReprisalKind.PUNISHMENT_CELL);

    assertThat(judge(rule, on("2016-03-05"), registered, cell).findings())
        .extracting(AlertFinding::severity)
        .containsExactly(Severity.HIGH);
  }
}
