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
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.model.SuspensionReason;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/** A refusal, termination or suspension not appealed within 30 local days: the lawyer's cue. */
class DecisionNotAppealedRuleTest {

  private final DecisionNotAppealedRule rule = new DecisionNotAppealedRule();
  private final CaseBuilder kz = aCase("KZ-2016-0042");
  private final CaseEvent registered = kz.registered(on("2016-03-01"));
  private final CaseEvent complaint = kz.complaintFiled(on("2016-03-02"));
  private final CaseEvent refused = kz.refused(on("2016-03-09"));
  private final Instant deadline = endOfLocalDay("2016-04-08", Country.KZ);

  @Test
  void aRefusalNotAppealedWithinThirtyLocalDaysIsRaised() {
    final RuleVerdict verdict = judge(rule, on("2016-04-10"), registered, complaint, refused);

    assertThat(verdict.pendingDeadlines()).isEmpty();
    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.DECISION_NOT_APPEALED);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.severity()).isEqualTo(Severity.LOW);
              assertThat(alert.at()).isEqualTo(deadline);
              assertThat(alert.deadline()).isEqualTo(deadline);
              assertThat(alert.triggeringEventId()).isEqualTo(refused.getEventId());
              assertThat(alert.thresholdDays()).isEqualTo(30);
              assertThat(alert.explanation())
                  .contains(
                      "decision REFUSED_TO_INITIATE 2016-03-09 + 30 days"
                          + " = deadline end of 2016-04-08 (Asia/Almaty)",
                      "[since 2000-01-01: casewatch default");
            });
  }

  @Test
  void aRefusalIsPendingUntilTheEndOfItsThirtiethLocalDay() {
    final RuleVerdict verdict = judge(rule, deadline, registered, complaint, refused);

    assertThat(verdict.findings()).isEmpty();
    assertThat(verdict.pendingDeadlines()).containsExactly(deadline);
  }

  @Test
  void anAppealOnTheLastEveningIsInTimeAndOneTheNextDayIsLate() {
    final CaseEvent inTime =
        kz.appealed(localTime("2016-04-08T22:00", Country.KZ), refused, Authority.COURT);
    assertThat(judge(rule, on("2016-05-01"), registered, complaint, refused, inTime).findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::triggeringEventId)
        .containsExactly(tuple(RESOLVED, DEADLINE_MET, inTime.getEventId()));

    final CaseEvent late = kz.appealed(on("2016-04-09"), refused, Authority.COURT);
    assertThat(judge(rule, on("2016-05-01"), registered, complaint, refused, late).findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::at)
        .containsExactly(
            tuple(RAISED, null, deadline), tuple(RESOLVED, ANSWERED_LATE, on("2016-04-09")));
  }

  @Test
  void anAppealTimedEarlierOnTheDayOfADateOnlyRefusalAnswersIt() {
    final CaseEvent sameDay =
        kz.appealed(localTime("2016-03-09T01:00", Country.KZ), refused, Authority.PROSECUTOR);

    assertThat(judge(rule, on("2016-05-01"), registered, complaint, refused, sameDay).findings())
        .extracting(AlertFinding::status, AlertFinding::resolution)
        .containsExactly(tuple(RESOLVED, DEADLINE_MET));
  }

  @Test
  void aReopeningAfterTheRefusalAnswersIt() {
    final CaseEvent reopened = kz.investigationOpened(on("2016-03-20"));

    assertThat(judge(rule, on("2016-05-01"), registered, complaint, refused, reopened).findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::triggeringEventId)
        .containsExactly(tuple(RESOLVED, DEADLINE_MET, reopened.getEventId()));
  }

  @Test
  void aSuspensionIsAnsweredByItsResumption() {
    final CaseEvent opened = kz.investigationOpened(on("2016-03-05"));
    final CaseEvent suspended =
        kz.suspended(on("2016-04-01"), SuspensionReason.PERPETRATOR_NOT_IDENTIFIED);
    final CaseEvent resumed = kz.resumed(on("2016-04-20"));

    assertThat(judge(rule, on("2016-06-01"), registered, complaint, opened, suspended).findings())
        .extracting(AlertFinding::status, AlertFinding::deadline)
        .containsExactly(tuple(RAISED, endOfLocalDay("2016-05-01", Country.KZ)));
    assertThat(
            judge(rule, on("2016-06-01"), registered, complaint, opened, suspended, resumed)
                .findings())
        .extracting(AlertFinding::status, AlertFinding::resolution)
        .containsExactly(tuple(RESOLVED, DEADLINE_MET));
  }

  @Test
  void aMinorsUnappealedRefusalIsMediumRatherThanLow() {
    final CaseEvent minor =
        kz.registered(on("2016-03-01"), Allegation.TORTURE, Agency.POLICE, AgeBand.UNDER_18);

    assertThat(judge(rule, on("2016-04-10"), minor, complaint, refused).findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(alert.explanation())
                  .endsWith("MEDIUM rather than LOW: the victim is a minor");
            });
  }
}
