package org.casewatch.topology.internals.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.casewatch.model.AlertResolution.ANSWERED_LATE;
import static org.casewatch.model.AlertResolution.DEADLINE_MET;
import static org.casewatch.model.AlertResolution.NO_LONGER_APPLIES;
import static org.casewatch.model.AlertResolution.WITHDRAWN_AFTER_STALL;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.model.AlertStatus.RESOLVED;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;
import static org.casewatch.topology.internals.rules.RuleFixtures.endOfLocalDay;
import static org.casewatch.topology.internals.rules.RuleFixtures.judge;
import static org.casewatch.topology.internals.rules.RuleFixtures.localTime;

import java.time.Instant;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.model.SuspensionReason;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/** Every complaint or appeal to a body that can open a criminal case waits ten local days. */
class StalledComplaintRuleTest {

  private final StalledComplaintRule rule = new StalledComplaintRule();
  private final CaseBuilder kz = aCase("KZ-2016-0042");
  private final CaseEvent registered = kz.registered(on("2016-03-01"));
  private final CaseEvent complaint = kz.complaintFiled(on("2016-03-02"));
  private final Instant deadline = endOfLocalDay("2016-03-12", Country.KZ);

  @Test
  void aComplaintUnansweredPastTenLocalDaysIsRaised() {
    final RuleVerdict verdict = judge(rule, on("2016-03-13"), registered, complaint);

    assertThat(verdict.pendingDeadlines()).isEmpty();
    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.STALLED_COMPLAINT);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.resolution()).isNull();
              assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(alert.at()).isEqualTo(deadline);
              assertThat(alert.deadline()).isEqualTo(deadline);
              assertThat(alert.triggeringEventId()).isEqualTo(complaint.getEventId());
              assertThat(alert.thresholdDays()).isEqualTo(10);
              assertThat(alert.explanation())
                  .contains(
                      "complaint filed to PROSECUTOR 2016-03-02 + 10 days"
                          + " = deadline end of 2016-03-12 (Asia/Almaty)");
            });
  }

  @Test
  void aSuspensionOfTheInvestigationInTimeIsADecisionThatAnswersTheComplaint() {
    final CaseEvent opened = kz.investigationOpened(on("2016-02-01"));
    final CaseEvent another = kz.complaintFiled(on("2016-03-01"));
    final CaseEvent suspended =
        kz.suspended(on("2016-03-05"), SuspensionReason.PERPETRATOR_NOT_IDENTIFIED);

    final RuleVerdict verdict = judge(rule, on("2016-04-01"), opened, another, suspended);

    assertThat(verdict.findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::triggeringEventId)
        .containsExactly(tuple(RESOLVED, DEADLINE_MET, suspended.getEventId()));
  }

  @Test
  void aComplaintIsNotMissedWhileTheClockIsOnTheLastMillisecondOfItsDeadlineDay() {
    final RuleVerdict verdict = judge(rule, deadline, registered, complaint);

    assertThat(verdict.findings()).isEmpty();
    assertThat(verdict.pendingDeadlines()).containsExactly(deadline);
  }

  @Test
  void theDeadlineIsTheEndOfTheLocalDayInEachCountrysOwnZone() {
    // Written out, not computed from the rule table's zones: Almaty UTC+6, Ashgabat UTC+5 in 2016.
    assertThat(deadline).isEqualTo(Instant.parse("2016-03-12T17:59:59.999Z"));
    final CaseBuilder tm = aCase("TM-2016-0007");
    final CaseEvent filed = tm.complaintFiled(Instant.parse("2016-03-02T06:00:00Z"));
    // 00:30 on 03-13 in Ashgabat is 19:30 on 03-12 in UTC: a day late all the same.
    final CaseEvent opened = tm.investigationOpened(Instant.parse("2016-03-12T19:30:00Z"));

    final RuleVerdict verdict = judge(rule, on("2016-04-01"), filed, opened);

    assertThat(verdict.findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::deadline)
        .containsExactly(
            tuple(RAISED, null, Instant.parse("2016-03-12T18:59:59.999Z")),
            tuple(RESOLVED, ANSWERED_LATE, Instant.parse("2016-03-12T18:59:59.999Z")));
  }

  @Test
  void anInvestigationOpenedLateInTheEveningOfTheDeadlineDayMeetsIt() {
    final CaseEvent opened = kz.investigationOpened(localTime("2016-03-12T23:30", Country.KZ));

    final RuleVerdict verdict = judge(rule, on("2016-04-01"), registered, complaint, opened);

    assertThat(verdict.findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::at)
        .containsExactly(tuple(RESOLVED, DEADLINE_MET, opened.getOccurredAt()));
    assertThat(verdict.findings().get(0).triggeringEventId()).isEqualTo(opened.getEventId());
  }

  @Test
  void anInvestigationOpenedJustAfterLocalMidnightAnswersItLate() {
    // 00:30 on 03-13 in Almaty is still 03-12 in UTC: the local day decides.
    final CaseEvent opened = kz.investigationOpened(localTime("2016-03-13T00:30", Country.KZ));

    final RuleVerdict verdict = judge(rule, on("2016-04-01"), registered, complaint, opened);

    assertThat(verdict.findings())
        .extracting(
            AlertFinding::status,
            AlertFinding::resolution,
            AlertFinding::at,
            AlertFinding::triggeringEventId)
        .containsExactly(
            tuple(RAISED, null, deadline, complaint.getEventId()),
            tuple(RESOLVED, ANSWERED_LATE, opened.getOccurredAt(), opened.getEventId()));
  }

  @Test
  void aWithdrawalAfterTheStallIsNotAnAnswer() {
    final CaseEvent filed = kz.complaintFiled(on("2016-03-01"));
    final CaseEvent withdrawn = kz.withdrawn(on("2016-04-20"), WithdrawalReason.LOST_HOPE);

    final RuleVerdict verdict = judge(rule, on("2016-05-01"), registered, filed, withdrawn);

    assertThat(verdict.findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::at)
        .containsExactly(
            tuple(RAISED, null, endOfLocalDay("2016-03-11", Country.KZ)),
            tuple(RESOLVED, WITHDRAWN_AFTER_STALL, on("2016-04-20")));
  }

  @Test
  void aWithdrawalBeforeTheDeadlineEndsTheWaitWithoutMeetingIt() {
    final CaseEvent withdrawn = kz.withdrawn(on("2016-03-05"), WithdrawalReason.FEAR_OF_REPRISAL);

    final RuleVerdict verdict = judge(rule, on("2016-05-01"), registered, complaint, withdrawn);

    assertThat(verdict.findings())
        .extracting(AlertFinding::status, AlertFinding::resolution, AlertFinding::triggeringEventId)
        .containsExactly(tuple(RESOLVED, NO_LONGER_APPLIES, withdrawn.getEventId()));
  }

  @Test
  void aRefusalAnswersTheComplaintAndTheAppealAgainstItStartsItsOwnClock() {
    final CaseEvent refused = kz.refused(on("2016-03-05"));
    final CaseEvent appeal = kz.appealed(on("2016-03-10"), refused, Authority.PROSECUTOR);

    final RuleVerdict verdict =
        judge(rule, on("2016-04-01"), registered, complaint, refused, appeal);

    assertThat(verdict.findings())
        .extracting(
            AlertFinding::status,
            AlertFinding::resolution,
            AlertFinding::deadline,
            AlertFinding::triggeringEventId)
        .containsExactlyInAnyOrder(
            tuple(RESOLVED, DEADLINE_MET, deadline, refused.getEventId()),
            tuple(RAISED, null, endOfLocalDay("2016-03-20", Country.KZ), appeal.getEventId()));
  }

  @Test
  void anAnnulmentAndReopeningAnswerTheAppeal() {
    final CaseEvent refused = kz.refused(on("2016-03-05"));
    final CaseEvent appeal = kz.appealed(on("2016-03-10"), refused, Authority.PROSECUTOR);
    final CaseEvent annulled = kz.annulled(on("2016-03-15"), refused);
    final CaseEvent reopened = kz.investigationOpened(on("2016-03-15"));

    final RuleVerdict verdict =
        judge(rule, on("2016-06-01"), registered, complaint, refused, appeal, annulled, reopened);

    assertThat(verdict.findings())
        .extracting(AlertFinding::status, AlertFinding::resolution)
        .containsExactly(tuple(RESOLVED, DEADLINE_MET), tuple(RESOLVED, DEADLINE_MET));
  }

  @Test
  void anEarlierDecisionDoesNotAnswerALaterComplaint() {
    final CaseEvent opened = kz.investigationOpened(on("2016-01-10"));
    final CaseEvent closed =
        kz.investigationClosed(on("2016-02-01"), InvestigationOutcome.TERMINATED);
    final CaseEvent later = kz.complaintFiled(on("2016-03-01"));

    final RuleVerdict verdict =
        judge(rule, on("2016-04-01"), kz.registered(on("2016-01-05")), opened, closed, later);

    assertThat(verdict.findings())
        .extracting(AlertFinding::status, AlertFinding::deadline, AlertFinding::triggeringEventId)
        .containsExactly(
            tuple(RAISED, endOfLocalDay("2016-03-11", Country.KZ), later.getEventId()));
  }

  @Test
  void aComplaintToTheOmbudsmanStartsNoClock() {
    final CaseEvent toOmbudsman = kz.complaintTo(Authority.OMBUDSMAN, on("2016-03-02"));

    final RuleVerdict verdict = judge(rule, on("2017-01-01"), registered, toOmbudsman);

    assertThat(verdict.findings()).isEmpty();
    assertThat(verdict.pendingDeadlines()).isEmpty();
  }
}
