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
import org.casewatch.model.UnBody;
import org.casewatch.model.UnStage;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/** The State replies to a UN body's views within 180 local days. */
class UnViewsNotImplementedRuleTest {

  private final UnViewsNotImplementedRule rule = new UnViewsNotImplementedRule();
  private final CaseBuilder kg = aCase("KG-2016-0030");
  private final CaseEvent registered = kg.registered(on("2016-01-05"));
  private final CaseEvent views =
      kg.unCommunication(on("2016-03-01"), UnBody.HUMAN_RIGHTS_COMMITTEE, UnStage.VIEWS_ADOPTED);
  private final Instant deadline = endOfLocalDay("2016-08-28", Country.KG);

  @Test
  void viewsWithoutAStateReplyWithin180LocalDaysAreRaised() {
    final RuleVerdict verdict = judge(rule, on("2016-09-01"), registered, views);

    assertThat(verdict.pendingDeadlines()).isEmpty();
    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.UN_VIEWS_NOT_IMPLEMENTED);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(alert.at()).isEqualTo(deadline);
              assertThat(alert.deadline()).isEqualTo(deadline);
              assertThat(alert.triggeringEventId()).isEqualTo(views.getEventId());
              assertThat(alert.thresholdDays()).isEqualTo(180);
              assertThat(alert.explanation())
                  .contains(
                      "views adopted by HUMAN_RIGHTS_COMMITTEE 2016-03-01 + 180 days"
                          + " = deadline end of 2016-08-28 (Asia/Bishkek)");
            });
  }

  @Test
  void viewsArePendingUntilTheEndOfTheLastLocalDay() {
    final RuleVerdict verdict = judge(rule, deadline, registered, views);

    assertThat(verdict.findings()).isEmpty();
    assertThat(verdict.pendingDeadlines()).containsExactly(deadline);
  }

  @Test
  void aReplyOnTheLastDayMeetsItAndOneADayLaterIsLate() {
    final CaseEvent inTime =
        kg.unCommunication(
            localTime("2016-08-28T21:00", Country.KG),
            UnBody.HUMAN_RIGHTS_COMMITTEE,
            UnStage.STATE_REPLY);
    assertThat(judge(rule, on("2016-10-01"), registered, views, inTime).findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::triggeringEventId)
        .containsExactly(tuple(RESOLVED, DEADLINE_MET, inTime.getEventId()));

    final CaseEvent late =
        kg.unCommunication(on("2016-08-29"), UnBody.HUMAN_RIGHTS_COMMITTEE, UnStage.STATE_REPLY);
    assertThat(judge(rule, on("2016-10-01"), registered, views, late).findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::at)
        .containsExactly(
            tuple(RAISED, null, deadline), tuple(RESOLVED, ANSWERED_LATE, on("2016-08-29")));
  }

  @Test
  void aReplyToAnotherBodyDoesNotAnswerIt() {
    final CaseEvent toCat =
        kg.unCommunication(on("2016-05-01"), UnBody.COMMITTEE_AGAINST_TORTURE, UnStage.STATE_REPLY);

    assertThat(judge(rule, on("2016-09-01"), registered, views, toCat).findings())
        .extracting(AlertFinding::status, AlertFinding::deadline)
        .containsExactly(tuple(RAISED, deadline));
  }
}
