package org.casewatch.topology.internals.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.casewatch.model.AlertResolution.NO_LONGER_APPLIES;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.model.AlertStatus.RESOLVED;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;
import static org.casewatch.topology.internals.rules.RuleFixtures.judge;

import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/** A refusal to investigate is reported at once, until it is annulled or the case reopened. */
class RefusalToInvestigateRuleTest {

  private final RefusalToInvestigateRule rule = new RefusalToInvestigateRule();
  private final CaseBuilder tj = aCase("TJ-2016-0057");
  private final CaseEvent registered = tj.registered(on("2016-02-25"));
  private final CaseEvent complaint = tj.complaintFiled(on("2016-03-01"));
  private final CaseEvent refused = tj.refused(on("2016-03-09"));

  @Test
  void aRefusalToInitiateIsRaisedAtOnce() {
    final RuleVerdict verdict = judge(rule, on("2016-03-09"), registered, complaint, refused);

    assertThat(verdict.pendingDeadlines()).isEmpty();
    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.REFUSAL_TO_INVESTIGATE);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(alert.at()).isEqualTo(on("2016-03-09"));
              assertThat(alert.deadline()).isNull();
              assertThat(alert.triggeringEventId()).isEqualTo(refused.getEventId());
              assertThat(alert.explanation())
                  .contains("decision REFUSED_TO_INITIATE on 2016-03-09", "UN CAT art. 12");
            });
  }

  @Test
  void aTerminationAndAV1RefusalForNoCrimeAreRefusalsToo() {
    final CaseEvent opened = tj.investigationOpened(on("2016-03-05"));
    final CaseEvent terminated =
        tj.investigationClosed(on("2016-04-01"), InvestigationOutcome.TERMINATED);
    final CaseBuilder other = aCase("TJ-2016-0058");
    final CaseEvent noCrime =
        other.investigationClosed(on("2016-04-01"), InvestigationOutcome.REFUSED_NO_CRIME);

    assertThat(judge(rule, on("2016-04-01"), registered, complaint, opened, terminated).findings())
        .extracting(AlertFinding::status, AlertFinding::triggeringEventId)
        .containsExactly(tuple(RAISED, terminated.getEventId()));
    assertThat(
            judge(
                    rule,
                    on("2016-04-01"),
                    other.registered(on("2016-03-01")),
                    other.complaintFiled(on("2016-03-02")),
                    noCrime)
                .findings())
        .extracting(AlertFinding::status, AlertFinding::triggeringEventId)
        .containsExactly(tuple(RAISED, noCrime.getEventId()));
  }

  @Test
  void aDecisionToChargeIsNoRefusal() {
    final CaseEvent opened = tj.investigationOpened(on("2016-03-05"));
    final CaseEvent charged =
        tj.investigationClosed(on("2016-04-01"), InvestigationOutcome.CHARGED);

    assertThat(judge(rule, on("2016-04-01"), registered, complaint, opened, charged).findings())
        .isEmpty();
  }

  @Test
  void anAnnulmentOfTheRefusalResolvesIt() {
    final CaseEvent appeal = tj.appealed(on("2016-04-01"), refused, Authority.PROSECUTOR);
    final CaseEvent annulled = tj.annulled(on("2016-04-15"), refused);

    final RuleVerdict verdict =
        judge(rule, on("2016-04-15"), registered, complaint, refused, appeal, annulled);

    assertThat(verdict.findings())
        .extracting(
            AlertFinding::status,
            AlertFinding::resolution,
            AlertFinding::at,
            AlertFinding::triggeringEventId)
        .containsExactly(
            tuple(RAISED, null, on("2016-03-09"), refused.getEventId()),
            tuple(RESOLVED, NO_LONGER_APPLIES, on("2016-04-15"), annulled.getEventId()));
  }

  @Test
  void aReopeningAfterTheRefusalResolvesItButAnOpeningBeforeItDoesNot() {
    final CaseEvent reopened = tj.investigationOpened(on("2016-05-01"));

    assertThat(judge(rule, on("2016-05-01"), registered, complaint, refused, reopened).findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::at)
        .containsExactly(
            tuple(RAISED, null, on("2016-03-09")),
            tuple(RESOLVED, NO_LONGER_APPLIES, on("2016-05-01")));

    final CaseEvent openedBefore = tj.investigationOpened(on("2016-03-05"));
    assertThat(
            judge(rule, on("2016-05-01"), registered, complaint, openedBefore, refused).findings())
        .extracting(AlertFinding::status)
        .containsExactly(RAISED);
  }

  @Test
  void aRefusalAfterTheReopeningIsANewAlert() {
    final CaseEvent annulled = tj.annulled(on("2016-04-15"), refused);
    final CaseEvent reopened = tj.investigationOpened(on("2016-04-15"));
    final CaseEvent refusedAgain = tj.refused(on("2016-06-01"));

    final RuleVerdict verdict =
        judge(
            rule,
            on("2016-06-01"),
            registered,
            complaint,
            refused,
            annulled,
            reopened,
            refusedAgain);

    assertThat(verdict.findings())
        .extracting(AlertFinding::status, AlertFinding::triggeringEventId)
        .containsExactly(
            tuple(RAISED, refused.getEventId()),
            tuple(RESOLVED, annulled.getEventId()),
            tuple(RAISED, refusedAgain.getEventId()));
  }
}
