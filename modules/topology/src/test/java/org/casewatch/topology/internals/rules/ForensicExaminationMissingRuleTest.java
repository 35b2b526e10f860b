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
import org.casewatch.model.Examiner;
import org.casewatch.model.ForensicStage;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/** Marks fade: an examination must be conducted within three local days of the first complaint. */
class ForensicExaminationMissingRuleTest {

  private final ForensicExaminationMissingRule rule = new ForensicExaminationMissingRule();
  private final CaseBuilder tj = aCase("TJ-2016-0021");
  private final CaseEvent registered = tj.registered(on("2016-03-01"));
  private final CaseEvent complaint = tj.complaintFiled(on("2016-03-01"));
  private final Instant deadline = endOfLocalDay("2016-03-04", Country.TJ);

  @Test
  void noExaminationWithinThreeLocalDaysOfTheComplaintIsRaised() {
    final RuleVerdict verdict = judge(rule, on("2016-03-05"), registered, complaint);

    assertThat(verdict.pendingDeadlines()).isEmpty();
    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.FORENSIC_EXAMINATION_MISSING);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(alert.at()).isEqualTo(deadline);
              assertThat(alert.deadline()).isEqualTo(deadline);
              assertThat(alert.triggeringEventId()).isEqualTo(complaint.getEventId());
              assertThat(alert.thresholdDays()).isEqualTo(3);
              assertThat(alert.explanation())
                  .contains(
                      "first complaint filed to PROSECUTOR 2016-03-01 + 3 days"
                          + " = deadline end of 2016-03-04 (Asia/Dushanbe)",
                      "Istanbul Protocol");
            });
  }

  @Test
  void anExaminationOnTheThirdLocalDayMeetsItAndOneTheDayAfterIsLate() {
    final CaseEvent inTime =
        tj.examination(
            localTime("2016-03-04T22:00", Country.TJ),
            ForensicStage.CONDUCTED,
            Examiner.INDEPENDENT);
    assertThat(judge(rule, on("2016-04-01"), registered, complaint, inTime).findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::triggeringEventId)
        .containsExactly(tuple(RESOLVED, DEADLINE_MET, inTime.getEventId()));

    final CaseEvent late =
        tj.examination(on("2016-03-05"), ForensicStage.CONDUCTED, Examiner.STATE_BUREAU);
    assertThat(judge(rule, on("2016-04-01"), registered, complaint, late).findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::at)
        .containsExactly(
            tuple(RAISED, null, deadline), tuple(RESOLVED, ANSWERED_LATE, on("2016-03-05")));
  }

  @Test
  void aRequestOrARefusedExaminationDoesNotAnswerIt() {
    final RuleVerdict verdict =
        judge(
            rule,
            on("2016-03-05"),
            registered,
            complaint,
            tj.examination(on("2016-03-02"), ForensicStage.REQUESTED, Examiner.STATE_BUREAU),
            tj.examination(on("2016-03-03"), ForensicStage.REFUSED, Examiner.STATE_BUREAU));

    assertThat(verdict.findings())
        .extracting(AlertFinding::status, AlertFinding::deadline)
        .containsExactly(tuple(RAISED, deadline));
  }

  @Test
  void anExaminationConductedBeforeTheComplaintIsEnough() {
    final RuleVerdict verdict =
        judge(
            rule,
            on("2016-04-01"),
            tj.registered(on("2016-02-20")),
            tj.examination(on("2016-02-21"), ForensicStage.CONDUCTED, Examiner.STATE_BUREAU),
            complaint);

    assertThat(verdict.findings()).isEmpty();
    assertThat(verdict.pendingDeadlines()).isEmpty();
  }

  @Test
  void onlyTheFirstComplaintStartsTheClock() {
    final RuleVerdict verdict =
        judge(
            rule,
            on("2016-04-01"),
            registered,
            complaint,
            tj.complaintTo(Authority.COURT, on("2016-03-20")));

    assertThat(verdict.findings())
        .extracting(AlertFinding::triggeringEventId)
        .containsExactly(complaint.getEventId());
  }

  @Test
  void aThreatOfTortureLeavesNoMarksAndIsNotJudged() {
    final RuleVerdict verdict =
        judge(
            rule,
            on("2016-04-01"),
            tj.registered(
                on("2016-03-01"), Allegation.THREAT_OF_TORTURE, Agency.POLICE, AgeBand.AGE_18_29),
            complaint);

    assertThat(verdict.findings()).isEmpty();
    assertThat(verdict.pendingDeadlines()).isEmpty();
  }
}
