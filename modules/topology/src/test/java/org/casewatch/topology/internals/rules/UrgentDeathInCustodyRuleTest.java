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
import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/** A death in custody is investigated ex officio within three local days of its registration. */
class UrgentDeathInCustodyRuleTest {

  private final UrgentDeathInCustodyRule rule = new UrgentDeathInCustodyRule();
  private final CaseBuilder kz = aCase("KZ-2016-0401");
  private final CaseEvent death =
      kz.registered(
          on("2016-03-01"), Allegation.DEATH_IN_CUSTODY, Agency.POLICE, AgeBand.AGE_30_44);
  private final Instant deadline = endOfLocalDay("2016-03-04", Country.KZ);

  @Test
  void aDeathWithoutAnInvestigationWithinThreeLocalDaysIsRaised() {
    final RuleVerdict verdict = judge(rule, on("2016-03-05"), death);

    assertThat(verdict.pendingDeadlines()).isEmpty();
    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.URGENT_DEATH_IN_CUSTODY);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.severity()).isEqualTo(Severity.HIGH);
              assertThat(alert.at()).isEqualTo(deadline);
              assertThat(alert.deadline()).isEqualTo(deadline);
              assertThat(alert.triggeringEventId()).isEqualTo(death.getEventId());
              assertThat(alert.thresholdDays()).isEqualTo(3);
              assertThat(alert.explanation())
                  .contains(
                      "death in custody registered 2016-03-01 + 3 days"
                          + " = deadline end of 2016-03-04 (Asia/Almaty)",
                      "Minnesota Protocol");
            });
  }

  @Test
  void theThirdLocalDayIsPendingToItsLastMillisecond() {
    final RuleVerdict verdict = judge(rule, deadline, death);

    assertThat(verdict.findings()).isEmpty();
    assertThat(verdict.pendingDeadlines()).containsExactly(deadline);
  }

  @Test
  void aRefusalDoesNotAnswerIt() {
    final RuleVerdict verdict =
        judge(
            rule,
            on("2016-03-05"),
            death,
            kz.complaintFiled(on("2016-03-01")),
            kz.refused(on("2016-03-02")));

    assertThat(verdict.findings())
        .extracting(AlertFinding::status, AlertFinding::deadline)
        .containsExactly(tuple(RAISED, deadline));
  }

  @Test
  void anOpeningLateOnTheThirdDayMeetsItAndOneAfterIsLate() {
    final CaseEvent inTime = kz.investigationOpened(localTime("2016-03-04T23:00", Country.KZ));
    assertThat(judge(rule, on("2016-03-20"), death, inTime).findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::triggeringEventId)
        .containsExactly(tuple(RESOLVED, DEADLINE_MET, inTime.getEventId()));

    final CaseEvent late = kz.investigationOpened(on("2016-03-10"));
    assertThat(judge(rule, on("2016-03-20"), death, late).findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::at)
        .containsExactly(
            tuple(RAISED, null, deadline), tuple(RESOLVED, ANSWERED_LATE, on("2016-03-10")));
  }

  @Test
  void anOpeningBeforeTheDeathWasRegisteredAnswersIt() {
    final CaseEvent openedFirst = kz.investigationOpened(on("2016-02-28"));

    assertThat(judge(rule, on("2016-03-20"), openedFirst, death).findings())
        .extracting(AlertFinding::status, AlertFinding::resolution)
        .containsExactly(tuple(RESOLVED, DEADLINE_MET));
  }

  @Test
  void aTortureCaseIsNotUrgentByThisRule() {
    final RuleVerdict verdict = judge(rule, on("2016-06-01"), kz.registered(on("2016-03-01")));

    assertThat(verdict.findings()).isEmpty();
    assertThat(verdict.pendingDeadlines()).isEmpty();
  }
}
