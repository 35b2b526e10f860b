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
import org.casewatch.model.UnBody;
import org.casewatch.model.UnStage;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/** Interim measures of a UN treaty body bind the State: a reprisal or a transfer breaches them. */
class UnInterimMeasuresBreachedRuleTest {

  private final UnInterimMeasuresBreachedRule rule = new UnInterimMeasuresBreachedRule();
  private final CaseBuilder uz = aCase("UZ-2016-0019");
  private final CaseEvent registered = uz.registered(on("2016-01-10"));
  private final CaseEvent complaint = uz.complaintFiled(on("2016-01-12"));
  private final CaseEvent measures =
      uz.unCommunication(on("2016-05-01"), UnBody.HUMAN_RIGHTS_COMMITTEE, UnStage.INTERIM_MEASURES);

  @Test
  void aReprisalAfterInterimMeasuresIsRaisedAtOnce() {
    final CaseEvent reprisal = uz.reprisal(on("2016-05-10"), ReprisalKind.PRESSURE_ON_RELATIVES);

    final RuleVerdict verdict =
        judge(rule, on("2016-05-10"), registered, complaint, measures, reprisal);

    assertThat(verdict.pendingDeadlines()).isEmpty();
    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.UN_INTERIM_MEASURES_BREACHED);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.severity()).isEqualTo(Severity.HIGH);
              assertThat(alert.at()).isEqualTo(on("2016-05-10"));
              assertThat(alert.deadline()).isNull();
              assertThat(alert.triggeringEventId()).isEqualTo(reprisal.getEventId());
              assertThat(alert.explanation())
                  .contains(
                      "reprisal PRESSURE_ON_RELATIVES",
                      "on 2016-05-10, after interim measures requested by"
                          + " HUMAN_RIGHTS_COMMITTEE on 2016-05-01");
            });
  }

  @Test
  void aTransferOfTheVictimBreachesThemAndEachEventIsItsOwnAlert() {
    final CaseEvent transfer = uz.custody(on("2016-05-20"), Custodian.NATIONAL_SECURITY);
    final CaseEvent cell = uz.reprisal(on("2016-06-01"), ReprisalKind.PUNISHMENT_CELL);

    final RuleVerdict verdict =
        judge(rule, on("2016-06-01"), registered, complaint, measures, transfer, cell);

    assertThat(verdict.findings())
        .extracting(AlertFinding::triggeringEventId)
        .containsExactly(transfer.getEventId(), cell.getEventId());
    assertThat(verdict.findings().get(0).explanation())
        .contains("victim transferred to NATIONAL_SECURITY on 2016-05-20");
  }

  @Test
  void aReleaseIsNoBreach() {
    assertThat(
            judge(
                    rule,
                    on("2016-05-20"),
                    registered,
                    complaint,
                    measures,
                    uz.custody(on("2016-05-20"), Custodian.RELEASED))
                .findings())
        .isEmpty();
  }

  @Test
  void aReprisalBeforeTheMeasuresOrAtTheirInstantIsNoBreach() {
    assertThat(
            judge(
                    rule,
                    on("2016-05-01"),
                    registered,
                    complaint,
                    uz.reprisal(on("2016-04-20"), ReprisalKind.DETENTION),
                    uz.reprisal(on("2016-05-01"), ReprisalKind.PHYSICAL_VIOLENCE),
                    measures)
                .findings())
        .isEmpty();
  }

  @Test
  void withoutInterimMeasuresNothingIsABreach() {
    assertThat(
            judge(
                    rule,
                    on("2016-05-10"),
                    registered,
                    complaint,
                    uz.unCommunication(
                        on("2016-04-01"), UnBody.HUMAN_RIGHTS_COMMITTEE, UnStage.REGISTERED),
                    uz.reprisal(on("2016-05-10"), ReprisalKind.DETENTION))
                .findings())
        .isEmpty();
  }
}
