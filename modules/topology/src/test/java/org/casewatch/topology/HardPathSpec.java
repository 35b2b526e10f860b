package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.model.AlertStatus.RESOLVED;
import static org.casewatch.model.RuleId.STALLED_COMPLAINT;
import static org.casewatch.model.RuleId.STALLED_INVESTIGATION;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseStage;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.RuleId;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.topology.deadletters.DeadLetter;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The paths an adversarial review found hard: same-day dates, paperwork added to a case that was
 * judged before, suspensions, withdrawals in time, unrelated retractions and records stamped in the
 * future. Each failed before its fix. (A backlog after downtime is in CaseTrackerTest: a test
 * driver cannot stop a processor while records wait in the log.)
 */
class HardPathSpec {

  private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

  private static CaseEvent withId(final CaseEvent event, final String eventId) {
    return CaseEvent.newBuilder(event).setEventId(eventId).build();
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void paperworkImportedIntoACaseJudgedBeforeIsJudgedOnAllOfIt(final ClockMode mode) {
    try (CasewatchDriver casewatch =
        mode == ClockMode.LIVE ? CasewatchDriver.live(NOW) : CasewatchDriver.replay()) {
      final CaseBuilder kz = aCase("KZ-2016-1600");
      casewatch.publishArriving(NOW, kz.registered(on("2016-03-01")));
      final Instant later = NOW.plusSeconds(600);
      if (mode == ClockMode.LIVE) {
        casewatch.advanceWallClock(Duration.ofMinutes(10));
      } else {
        casewatch.publishArriving(NOW.plusSeconds(60), aCase("KZ-2026-0001").registered(NOW));
      }
      casewatch.publishArriving(
          later, kz.complaintFiled(on("2016-03-02")), kz.investigationOpened(on("2016-03-05")));
      if (mode == ClockMode.LIVE) {
        casewatch.advanceWallClock(Duration.ofMinutes(2));
      } else {
        casewatch.publishArriving(later.plusSeconds(120), aCase("KZ-2026-0002").registered(later));
      }

      assertThat(casewatch.alerts(STALLED_COMPLAINT))
          .as("answered in time, imported in one request")
          .isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void anAppealOnTheDayOfTheRefusalWaitsForItsOwnAnswer(final ClockMode mode) {
    final Instant start = on("2016-03-10");
    try (CasewatchDriver casewatch = ComplaintPathSpec.driver(mode, start)) {
      final CaseBuilder tj = aCase("TJ-2016-0704");
      final CaseEvent appeal = tj.complaintTo(Authority.COURT, on("2016-03-09"));
      casewatch.publish(
          tj.registered(on("2016-02-25")),
          tj.complaintTo(Authority.PROSECUTOR, on("2016-03-01")),
          tj.investigationClosed(on("2016-03-09"), InvestigationOutcome.REFUSED_NO_CRIME),
          appeal);
      ComplaintPathSpec.clockTo(casewatch, mode, Country.TJ, start, "2016-12-31");

      assertThat(casewatch.alerts(STALLED_COMPLAINT, RAISED))
          .extracting(Alert::getTriggeringEventId)
          .containsExactly(appeal.getEventId());
    }
  }

  @Test
  void aComplaintOnTheDayAnEarlierInvestigationIsClosedIsNotAnsweredByThatClosure() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseBuilder kg = aCase("KG-2016-0402");
      final CaseEvent complaint = kg.complaintFiled(on("2016-03-01"));
      casewatch.publish(
          kg.registered(on("2016-01-05")),
          kg.investigationOpened(on("2016-01-10")),
          kg.investigationClosed(on("2016-03-01"), InvestigationOutcome.TERMINATED),
          complaint,
          aCase("KG-2016-0403").registered(on("2016-12-31")));

      assertThat(casewatch.alerts(STALLED_COMPLAINT))
          .extracting(Alert::getTriggeringEventId)
          .containsExactly(complaint.getEventId());
    }
  }

  @Test
  void aComplaintRefusedOnItsOwnDayIsAnswered() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseBuilder kz = aCase("KZ-2016-0410");
      casewatch.publish(
          kz.registered(on("2016-03-01")),
          kz.complaintFiled(on("2016-03-02")),
          kz.investigationClosed(on("2016-03-02"), InvestigationOutcome.REFUSED_NO_CRIME),
          aCase("KZ-2016-0411").registered(on("2016-12-31")));

      assertThat(casewatch.alerts(STALLED_COMPLAINT)).isEmpty();
    }
  }

  @Test
  void anOpeningAndADecisionOnOneDayFoldTheSameWhateverTheirIds() {
    for (final String[] ids : new String[][] {{"a-open", "b-close"}, {"b-open", "a-close"}}) {
      try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
        final CaseBuilder kg = aCase("KG-2016-0703");
        casewatch.publish(
            kg.registered(on("2016-03-01")),
            kg.complaintFiled(on("2016-03-02")),
            withId(kg.investigationOpened(on("2016-03-05")), ids[0]),
            withId(
                kg.investigationClosed(on("2016-03-05"), InvestigationOutcome.TERMINATED), ids[1]),
            aCase("KG-2016-0704").registered(on("2016-12-31")));

        assertThat(casewatch.alerts(STALLED_INVESTIGATION)).isEmpty();
        final CaseState state = casewatch.caseState("KG-2016-0703");
        assertThat(state.getInvestigationOpenNow()).as("ids %s", List.of(ids)).isFalse();
        assertThat(state.getStage()).isEqualTo(CaseStage.INVESTIGATION_CLOSED);
        assertThat(state.getOutcome()).isEqualTo(InvestigationOutcome.TERMINATED);
      }
    }
  }

  @Test
  void aSuspensionDoesNotStopTheInvestigationClock() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseBuilder uz = aCase("UZ-2016-0705");
      casewatch.publish(
          uz.registered(on("2016-01-04")),
          uz.complaintFiled(on("2016-01-05")),
          uz.investigationOpened(on("2016-01-10")),
          uz.investigationClosed(on("2016-02-01"), InvestigationOutcome.SUSPENDED),
          aCase("UZ-2016-0706").registered(on("2016-12-31")));

      assertThat(casewatch.alerts(STALLED_INVESTIGATION, RAISED)).hasSize(1);
      assertThat(casewatch.caseState("UZ-2016-0705").getInvestigationOpenNow()).isTrue();
      assertThat(casewatch.caseState("UZ-2016-0705").getOutcome())
          .isEqualTo(InvestigationOutcome.SUSPENDED);
    }
  }

  @Test
  void aWithdrawalBeforeTheDeadlineIsNeverADeadlineMet() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseBuilder kg = aCase("KG-2016-0708");
      casewatch.publish(
          kg.registered(on("2016-03-01")),
          kg.complaintFiled(on("2016-03-02")),
          aCase("KG-2016-0709").registered(on("2016-04-01")));
      casewatch.publish(kg.withdrawn(on("2016-03-05"), WithdrawalReason.PRESSURE));

      assertThat(casewatch.alerts(STALLED_COMPLAINT, RESOLVED))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getResolution()).isEqualTo(AlertResolution.NO_LONGER_APPLIES);
                assertThat(alert.getExplanation())
                    .endsWith("before the deadline: the wait ended without an answer");
              });
    }
  }

  @Test
  void anUnrelatedRetractionLeavesOtherAlertsAlone() {
    try (CasewatchDriver casewatch =
        CasewatchDriver.replay(
            RulesFile.parse("countries: {TJ: {compensationFloors: {TJS: 500000}}}"))) {
      final CaseBuilder tj = aCase("TJ-2016-0707");
      final CaseEvent reprisal = tj.reprisal(on("2016-05-01"), ReprisalKind.PRESSURE_TO_WITHDRAW);
      casewatch.publish(
          tj.registered(on("2016-03-01")),
          tj.complaintFiled(on("2016-03-02")),
          tj.investigationOpened(on("2016-03-03")),
          tj.compensationAwarded(on("2016-04-10"), 100000, "TJS"),
          reprisal);
      casewatch.publish(tj.compensationAwarded(on("2016-04-01"), 450000, "TJS"));
      final List<Alert> before = casewatch.alerts(RuleId.INADEQUATE_COMPENSATION);

      casewatch.publish(
          tj.retraction(on("2016-05-02"), reprisal, RetractionReason.ENTERED_IN_ERROR));

      assertThat(casewatch.alerts(RuleId.INADEQUATE_COMPENSATION)).isEqualTo(before);
      assertThat(casewatch.alerts(RuleId.RETALIATION, RESOLVED))
          .singleElement()
          .satisfies(
              alert -> assertThat(alert.getResolution()).isEqualTo(AlertResolution.RETRACTED));
    }
  }

  @Test
  void aReplayRefusesARecordStampedInTheFutureAsLiveDoes() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase("KZ-2016-0701").complaintFiled(on("2016-03-02")),
          aCase("KZ-2016-0702").investigationOpened(on("2016-03-03")));
      final Instant future = Instant.parse("2099-01-01T00:00:00Z");
      casewatch.publishArriving(future, aCase("KZ-2099-0001").registered(future));
      casewatch.publish(aCase("KZ-2016-0703").registered(on("2016-03-04")));

      assertThat(casewatch.deadLetters())
          .singleElement()
          .satisfies(
              letter ->
                  assertThat(ComplaintPathSpec.header(letter, DeadLetter.REASON_CODE))
                      .isEqualTo("future-dated"));
      assertThat(casewatch.alerts(STALLED_COMPLAINT)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void anOpeningOnTheDayOfARepeatComplaintAnswersIt(final ClockMode mode) {
    final Instant start = on("2016-03-02");
    try (CasewatchDriver casewatch = ComplaintPathSpec.driver(mode, start)) {
      final CaseBuilder kg = aCase("KG-2016-0501");
      final CaseEvent first = kg.complaintTo(Authority.PROSECUTOR, on("2016-01-06"));
      casewatch.publish(
          kg.registered(on("2016-01-05")),
          first,
          kg.complaintTo(Authority.INTERNAL_AFFAIRS, on("2016-03-01")),
          kg.investigationOpened(on("2016-03-01")));
      ComplaintPathSpec.clockTo(casewatch, mode, Country.KG, start, "2016-12-31");

      assertThat(casewatch.alerts(STALLED_COMPLAINT, RAISED))
          .extracting(Alert::getTriggeringEventId)
          .containsExactly(first.getEventId());
    }
  }

  @Test
  void liveABrokerClockAMinuteBehindDoesNotHideDeadlines() {
    final Instant deadline = ComplaintPathSpec.endOfLocalDay("2026-03-11", "Asia/Almaty");
    final Instant start = deadline.minus(Duration.ofMinutes(10));
    final Duration skew = Duration.ofSeconds(60);
    try (CasewatchDriver casewatch = CasewatchDriver.live(start)) {
      final CaseBuilder kz = aCase("KZ-2026-0601");
      casewatch.publishArriving(
          start.minus(skew), kz.registered(on("2026-03-01")), kz.complaintFiled(on("2026-03-01")));
      Instant wall = start;
      for (int step = 0; step < 12 * 12; step++) {
        casewatch.advanceWallClock(Duration.ofSeconds(5));
        wall = wall.plusSeconds(5);
        if (step % 4 == 0) {
          final Instant stamped = wall.minus(skew);
          casewatch.publishArriving(
              stamped, aCase(String.format("KZ-2026-%04d", 1000 + step / 4)).registered(stamped));
        }
      }

      assertThat(casewatch.alerts(STALLED_COMPLAINT, RAISED))
          .extracting(Alert::getCaseId)
          .containsExactly("KZ-2026-0601");
    }
  }

  @Test
  void anArchiveCaseReadBehindALaterStampedRecordIsJudgedOnAllOfIt() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final Instant t = Instant.parse("2026-11-30T06:00:00Z");
      casewatch.publishArriving(
          t.minusSeconds(600), aCase("KZ-2026-0001").registered(on("2026-11-29")));
      casewatch.publishArriving(
          t.plusSeconds(60), aCase("KG-2026-0001").registered(on("2026-11-29")));
      final CaseBuilder kz = aCase("KZ-2016-0700");
      casewatch.publishArriving(
          t,
          kz.registered(on("2016-03-01")),
          kz.complaintFiled(on("2016-03-02")),
          kz.investigationOpened(on("2016-03-05")));
      casewatch.publishArriving(
          t.plusSeconds(300), aCase("KG-2026-0002").registered(on("2026-11-30")));

      assertThat(casewatch.alerts(STALLED_COMPLAINT)).isEmpty();
    }
  }
}
