package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.model.AlertStatus.RESOLVED;
import static org.casewatch.model.RuleId.STALLED_COMPLAINT;
import static org.casewatch.model.RuleId.STALLED_INVESTIGATION;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseStage;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.topology.deadletters.DeadLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real path of a complaint in Central Asia, and the clocks nobody may poison: each numbered
 * sequence is one that gave a wrong alert before deadlines were counted per start, in local days,
 * against clocks per country (issue 11), written as given events, when time passes, then alerts.
 * Dates are occurredAt; {@code on(date)} is midnight UTC, the morning of that local date in all
 * five countries.
 */
class ComplaintPathSpec {

  /**
   * The last millisecond of {@code date} in the country's zone: when a deadline on that day ends.
   */
  static Instant endOfLocalDay(final String date, final String zone) {
    return LocalDate.parse(date)
        .plusDays(1)
        .atStartOfDay(ZoneId.of(zone))
        .toInstant()
        .minusMillis(1);
  }

  /**
   * Moves the clock of the case's country to {@code date}: another case's event in REPLAY, the wall
   * clock in LIVE.
   */
  static void clockTo(
      final CasewatchDriver casewatch,
      final ClockMode mode,
      final Country country,
      final Instant start,
      final String date) {
    if (mode == ClockMode.REPLAY) {
      casewatch.publish(aCase(country.name() + "-2016-9999").registered(on(date)));
    } else {
      casewatch.advanceWallClock(Duration.between(start, on(date)));
    }
  }

  static CasewatchDriver driver(final ClockMode mode, final Instant start) {
    return mode == ClockMode.REPLAY ? CasewatchDriver.replay() : CasewatchDriver.live(start);
  }

  // 1. Refused, appealed, reopened: the reopening is open and has its own 60-day deadline.
  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void sequence1RefusalAppealAndReopeningIsTheNormalPath(final ClockMode mode) {
    final Instant start = on("2016-05-02");
    try (CasewatchDriver casewatch = driver(mode, start)) {
      final CaseBuilder tj = aCase("TJ-2016-0011");
      final CaseEvent reopening = tj.investigationOpened(on("2016-05-01"));
      casewatch.publish(
          tj.registered(on("2016-02-25")),
          tj.complaintTo(Authority.PROSECUTOR, on("2016-03-01")),
          tj.investigationClosed(on("2016-03-09"), InvestigationOutcome.REFUSED_NO_CRIME),
          tj.complaintFiled(on("2016-04-01")),
          reopening);
      clockTo(casewatch, mode, Country.TJ, start, "2016-12-31");

      assertThat(casewatch.alerts(STALLED_INVESTIGATION))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getStatus()).isEqualTo(RAISED);
                assertThat(alert.getDeadline())
                    .isEqualTo(endOfLocalDay("2016-06-30", "Asia/Dushanbe"));
                assertThat(alert.getTriggeringEventId()).isEqualTo(reopening.getEventId());
              });
      // The appeal of 04-01 was answered by the reopening, 20 days late.
      assertThat(casewatch.alerts(STALLED_COMPLAINT))
          .extracting(Alert::getStatus, Alert::getResolution)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(RAISED, null),
              org.assertj.core.groups.Tuple.tuple(RESOLVED, AlertResolution.ANSWERED_LATE));
      final CaseState state = casewatch.caseState("TJ-2016-0011");
      assertThat(state.getInconsistent())
          .as("refuse, appeal, reopen is normal: %s", state.getInconsistencies())
          .isFalse();
      assertThat(state.getInvestigationOpenNow()).isTrue();
      assertThat(state.getStage()).isEqualTo(CaseStage.INVESTIGATION_OPENED);
      assertThat(state.getOutcome()).as("the refusal was annulled by the reopening").isNull();
      assertThat(casewatch.countryStats(Country.TJ).getInvestigationsOpenNow()).isEqualTo(1);
    }
  }

  // 2. An investigation closed before a complaint does not answer it.
  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void sequence2AnEarlierEventDoesNotMeetALaterDeadline(final ClockMode mode) {
    final Instant start = on("2016-03-02");
    try (CasewatchDriver casewatch = driver(mode, start)) {
      final CaseBuilder kg = aCase("KG-2016-0002");
      final CaseEvent complaint = kg.complaintFiled(on("2016-03-01"));
      casewatch.publish(
          kg.registered(on("2016-01-05")),
          kg.investigationOpened(on("2016-01-10")),
          kg.investigationClosed(on("2016-02-01"), InvestigationOutcome.TERMINATED),
          complaint);
      clockTo(casewatch, mode, Country.KG, start, "2016-12-31");

      assertThat(casewatch.alerts(STALLED_COMPLAINT))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getStatus()).isEqualTo(RAISED);
                assertThat(alert.getTriggeringEventId()).isEqualTo(complaint.getEventId());
                assertThat(alert.getDeadline())
                    .isEqualTo(endOfLocalDay("2016-03-11", "Asia/Bishkek"));
              });
      assertThat(casewatch.alerts(STALLED_INVESTIGATION)).isEmpty();
    }
  }

  // 3. A deadline is missed only when the clock is strictly past it; ties at one instant decide
  // nothing.
  @Test
  void sequence3AClockOnTheDeadlineDoesNotFireItAndTiesDoNotMatter() {
    final Instant deadline = endOfLocalDay("2016-03-12", "Asia/Almaty");
    for (final boolean investigationFirst : new boolean[] {true, false}) {
      try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
        casewatch.publish(aCase("KZ-2016-0031").complaintFiled(on("2016-03-02")));
        final CaseEvent investigation = aCase("KZ-2016-0031").investigationOpened(deadline);
        final CaseEvent other = aCase("KZ-2016-0032").registered(deadline);
        casewatch.publish(
            investigationFirst ? List.of(investigation, other) : List.of(other, investigation));
        assertThat(casewatch.alerts(STALLED_COMPLAINT))
            .as("investigation first: %s", investigationFirst)
            .isEmpty();
      }
    }
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase("KZ-2016-0031").complaintFiled(on("2016-03-02")),
          aCase("KZ-2016-0032").registered(deadline));
      assertThat(casewatch.alerts(STALLED_COMPLAINT)).as("clock on the deadline").isEmpty();

      casewatch.publish(aCase("KZ-2016-0033").registered(deadline.plusMillis(1)));
      assertThat(casewatch.alerts(STALLED_COMPLAINT, RAISED))
          .as("one millisecond past it")
          .hasSize(1);
    }
  }

  // 4. A resend with the same eventId and another date is a conflict: dead-lettered, and no clock
  // moves.
  @Test
  void sequence4AConflictingDuplicateIsDeadLetteredAndMovesNoClock() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseEvent registered = aCase("KZ-2016-0041").registered(on("2016-03-01"));
      final CaseEvent complaint = aCase("KZ-2016-0042").complaintFiled(on("2016-03-02"));
      casewatch.publish(registered, complaint);
      final CaseEvent redated =
          CaseEvent.newBuilder(registered)
              .setOccurredAt(on("2016-06-01"))
              .setRecordedAt(on("2016-06-01"))
              .build();

      casewatch.publish(redated, complaint);

      assertThat(casewatch.alerts(STALLED_COMPLAINT)).as("the KZ clock stayed at 03-02").isEmpty();
      final List<TestRecord<byte[], byte[]>> deadLetters = casewatch.deadLetters();
      assertThat(deadLetters)
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(header(letter, DeadLetter.REASON_CODE))
                    .isEqualTo("conflicting-duplicate");
                assertThat(header(letter, DeadLetter.REASON))
                    .contains(
                        registered.getEventId(),
                        "occurredAt 2016-03-01T00:00:00Z then 2016-06-01T00:00:00Z",
                        "EventRetracted");
                assertThat(letter.value()).isEqualTo(casewatch.bytesOf(redated));
              });
      assertThat(casewatch.caseState("KZ-2016-0041").getRegisteredAt()).isEqualTo(on("2016-03-01"));
    }
  }

  // 5. A resolution is stamped no earlier than its raise and names the event that resolved it.
  @Test
  void sequence5AResolutionNeverGoesBackInTime() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase("UZ-2016-0005").complaintFiled(on("2016-03-01")),
          aCase("UZ-2016-0006").registered(on("2016-04-01")));
      final CaseEvent investigation = aCase("UZ-2016-0005").investigationOpened(on("2016-03-04"));

      casewatch.publish(investigation);

      final List<Alert> alerts = casewatch.alerts(STALLED_COMPLAINT);
      assertThat(alerts).extracting(Alert::getStatus).containsExactly(RAISED, RESOLVED);
      assertThat(alerts.get(1).getAt()).isEqualTo(alerts.get(0).getAt());
      assertThat(alerts.get(1).getResolution()).isEqualTo(AlertResolution.DEADLINE_MET);
      assertThat(alerts.get(1).getTriggeringEventId()).isEqualTo(investigation.getEventId());
    }
  }

  // 6. LIVE: a silent case is flagged within a minute of its deadline, whatever traffic its
  // partition carries.
  @Test
  void sequence6LiveASilentCaseIsFlaggedWhileOthersPublishEveryFewSeconds() {
    final Instant start = Instant.parse("2026-11-20T04:00:00Z");
    final Instant deadline = endOfLocalDay("2026-11-30", "Asia/Almaty");
    try (CasewatchDriver casewatch = CasewatchDriver.live(start)) {
      casewatch.publish(aCase("KZ-2026-0001").complaintFiled(start));
      casewatch.advanceWallClock(Duration.between(start, deadline.minusSeconds(30)));
      Instant now = deadline.minusSeconds(30);
      int sequence = 0;
      while (now.isBefore(deadline.plusSeconds(60))) {
        // Old paperwork from Kyrgyzstan and new cases from Kazakhstan, every 5 seconds.
        casewatch.publish(
            aCase(String.format("KG-2016-%04d", ++sequence)).registered(on("2016-02-01")),
            aCase(String.format("KZ-2026-%04d", 100 + sequence)).registered(now));
        casewatch.advanceWallClock(Duration.ofSeconds(5));
        now = now.plusSeconds(5);
      }

      assertThat(casewatch.alerts(STALLED_COMPLAINT))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getCaseId()).isEqualTo("KZ-2026-0001");
                assertThat(alert.getAt()).isEqualTo(deadline);
              });
    }
  }

  // 7. An event dated 2099 is refused as future-dated, wherever it came from, and moves no clock.
  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void sequence7AnEventFromTheFutureIsDeadLetteredAndPoisonsNoClock(final ClockMode mode) {
    final Instant now = Instant.parse("2026-11-30T06:00:00Z");
    try (CasewatchDriver casewatch = driver(mode, now)) {
      casewatch.publishArriving(
          now, aCase("KZ-2026-0007").complaintFiled(now.minus(Duration.ofDays(2))));
      final CaseEvent fromTheFuture =
          aCase("KZ-2026-0008").registered(Instant.parse("2099-01-01T00:00:00Z"));

      casewatch.publishArriving(now, fromTheFuture);
      casewatch.publishArriving(now, aCase("TJ-2026-0001").registered(now));
      if (mode == ClockMode.LIVE) {
        // A producer that stamps its record 2099 on a topic the broker does not stamp: LIVE
        // believes its own clock.
        casewatch.publishArriving(
            Instant.parse("2099-01-01T00:00:00Z"),
            aCase("KZ-2026-0009").registered(Instant.parse("2099-01-01T00:00:00Z")));
        casewatch.advanceWallClock(Duration.ofMinutes(2));
      }

      assertThat(casewatch.deadLetters())
          .hasSize(mode == ClockMode.LIVE ? 2 : 1)
          .allSatisfy(
              letter -> {
                assertThat(header(letter, DeadLetter.REASON_CODE)).isEqualTo("future-dated");
                assertThat(header(letter, DeadLetter.REASON)).contains("later than its arrival");
              });
      assertThat(casewatch.alerts()).as("no alert changed").isEmpty();
      assertThat(casewatch.caseState("KZ-2026-0008")).isNull();
    }
  }

  // 8. Local calendars: years, deadlines and explanations in the country's own time zone.
  @Test
  void sequence8DatesYearsAndDeadlinesAreLocal() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseBuilder kg = aCase("KG-2016-0008");
      casewatch.publish(
          kg.registered(Instant.parse("2016-01-01T00:00:00+06:00")),
          kg.complaintFiled(Instant.parse("2016-03-01T08:00:00+06:00")),
          // 10 x 24 hours after the complaint would end at 08:00 on 03-11; the local day ends at
          // midnight.
          kg.investigationOpened(Instant.parse("2016-03-11T20:00:00+06:00")));
      final CaseBuilder late = aCase("KG-2016-0009");
      casewatch.publish(late.complaintFiled(Instant.parse("2016-03-01T23:30:00+06:00")));
      clockTo(casewatch, ClockMode.REPLAY, Country.KG, null, "2016-12-31");

      assertThat(casewatch.countryStats(Country.KG).getCasesRegisteredByYear())
          .containsEntry("2016", 2L)
          .doesNotContainKey("2015");
      assertThat(casewatch.caseState("KG-2016-0008").getRegisteredYear()).isEqualTo(2016);
      assertThat(casewatch.alerts(STALLED_COMPLAINT))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getCaseId()).isEqualTo("KG-2016-0009");
                assertThat(alert.getDeadline())
                    .isEqualTo(Instant.parse("2016-03-11T23:59:59.999+06:00"));
                assertThat(alert.getExplanation())
                    .startsWith(
                        "complaint filed to PROSECUTOR 2016-03-01 + 10 days = deadline end of"
                            + " 2016-03-11 (Asia/Bishkek)");
              });
    }
  }

  // 9. Complaints to bodies that cannot open a criminal case start no criminal-investigation clock.
  @Test
  void sequence9OmbudsmanNpmAndUnComplaintsStartNoClock() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseBuilder tm = aCase("TM-2016-0009");
      casewatch.publish(
          tm.registered(on("2016-03-01")),
          tm.complaintTo(Authority.UN_TREATY_BODY, on("2016-03-02")),
          tm.complaintTo(Authority.OMBUDSMAN, on("2016-03-03")),
          tm.complaintTo(Authority.NATIONAL_PREVENTIVE_MECHANISM, on("2016-03-04")),
          tm.complaintTo(Authority.OTHER_AUTHORITY, on("2016-03-05")));
      clockTo(casewatch, ClockMode.REPLAY, Country.TM, null, "2016-12-31");

      assertThat(casewatch.alerts(STALLED_COMPLAINT)).isEmpty();
      assertThat(casewatch.caseState("TM-2016-0009").getFirstCriminalComplaintAt()).isNull();
      assertThat(casewatch.countryStats(Country.TM).getComplaintsFiled()).isEqualTo(1);
      assertThat(casewatch.countryStats(Country.TM).getCriminalComplaints()).isZero();
    }
  }

  // 10. A withdrawal after a missed deadline is not a met deadline: WITHDRAWN_AFTER_STALL, and
  // counted.
  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void sequence10AWithdrawalAfterTheStallIsCountedNotForgiven(final ClockMode mode) {
    final Instant start = on("2016-03-01").plusSeconds(3600);
    try (CasewatchDriver casewatch = driver(mode, start)) {
      casewatch.publish(aCase("KG-2016-0010").complaintFiled(on("2016-03-01")));
      clockTo(casewatch, mode, Country.KG, start, "2016-04-21");
      final Alert raised = casewatch.alerts(STALLED_COMPLAINT, RAISED).get(0);
      final CaseEvent withdrawal =
          aCase("KG-2016-0010").withdrawn(on("2016-04-20"), WithdrawalReason.LOST_HOPE);

      casewatch.publish(withdrawal);

      assertThat(casewatch.alerts(STALLED_COMPLAINT, RESOLVED))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getAlertId()).isEqualTo(raised.getAlertId());
                assertThat(alert.getResolution()).isEqualTo(AlertResolution.WITHDRAWN_AFTER_STALL);
                assertThat(alert.getAt()).isEqualTo(on("2016-04-20"));
                assertThat(alert.getTriggeringEventId()).isEqualTo(withdrawal.getEventId());
              });
      assertThat(casewatch.caseState("KG-2016-0010").getWithdrawnAfterStall()).isTrue();
      assertThat(casewatch.countryStats(Country.KG).getComplaintsWithdrawnAfterStall())
          .isEqualTo(1);
      assertThat(casewatch.countryStats(Country.KG).getComplaintsStalledNow()).isZero();
    }
  }

  // 11. LIVE: an archive import while another country publishes live raises nothing for timely
  // cases.
  @Test
  void sequence11LiveAnArchiveImportIsJudgedOnAllOfItsEvents() {
    final Instant now = Instant.parse("2026-11-30T06:00:00Z");
    try (CasewatchDriver casewatch = CasewatchDriver.live(now)) {
      casewatch.publishArriving(now, aCase("KG-2026-0001").registered(now));
      for (int i = 1; i <= 20; i++) {
        final CaseBuilder archived = aCase(String.format("KZ-2016-%04d", i));
        casewatch.publishArriving(
            now, archived.registered(on("2016-03-01")), archived.complaintFiled(on("2016-03-02")));
        // The stream thread may punctuate between two events of one request.
        casewatch.advanceWallClock(Duration.ofSeconds(11));
        casewatch.publishArriving(now, archived.investigationOpened(on("2016-03-05")));
      }
      final CaseBuilder stalled = aCase("KZ-2016-0999");
      casewatch.publishArriving(
          now, stalled.registered(on("2016-03-01")), stalled.complaintFiled(on("2016-03-02")));
      casewatch.advanceWallClock(Duration.ofMinutes(2));

      assertThat(casewatch.alerts(STALLED_COMPLAINT))
          .as("only the archived case that really stalled")
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getCaseId()).isEqualTo("KZ-2016-0999");
                assertThat(alert.getStatus()).isEqualTo(RAISED);
              });
    }
  }

  // 12 is in BoundedCaseStateSpec; 13 in CountryFiguresTest.

  @Test
  void oneCountrysEventsNeverMoveAnotherCountrysClock() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase("KG-2016-0021").complaintFiled(on("2016-03-02")),
          aCase("KZ-2020-0001").registered(on("2020-01-01")));

      assertThat(casewatch.alerts(STALLED_COMPLAINT)).isEmpty();

      casewatch.publish(aCase("KG-2016-0022").registered(on("2016-03-13")));
      assertThat(casewatch.alerts(STALLED_COMPLAINT, RAISED))
          .extracting(Alert::getCaseId)
          .containsExactly("KG-2016-0021");
    }
  }

  @Test
  void twoReopeningsEachHaveTheirOwnDeadline() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseBuilder uz = aCase("UZ-2016-0012");
      final CaseEvent secondReopening = uz.investigationOpened(on("2016-04-01"));
      casewatch.publish(
          uz.registered(on("2016-01-04")),
          uz.complaintFiled(on("2016-01-05")),
          uz.investigationOpened(on("2016-01-10")),
          uz.investigationClosed(on("2016-02-01"), InvestigationOutcome.TERMINATED),
          uz.investigationOpened(on("2016-03-01")),
          uz.investigationClosed(on("2016-03-20"), InvestigationOutcome.TERMINATED),
          secondReopening);
      clockTo(casewatch, ClockMode.REPLAY, Country.UZ, null, "2016-12-31");

      assertThat(casewatch.alerts(STALLED_INVESTIGATION))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getTriggeringEventId()).isEqualTo(secondReopening.getEventId());
                assertThat(alert.getDeadline())
                    .isEqualTo(endOfLocalDay("2016-05-31", "Asia/Tashkent"));
              });
      assertThat(casewatch.caseState("UZ-2016-0012").getInvestigationOpenNow()).isTrue();
      assertThat(casewatch.caseState("UZ-2016-0012").getInconsistent()).isFalse();
    }
  }

  @Test
  void anAppealAfterARefusalStartsItsOwnDeadline() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseBuilder kz = aCase("KZ-2016-0051");
      final CaseEvent appeal = kz.complaintTo(Authority.COURT, on("2016-03-20"));
      casewatch.publish(
          kz.complaintFiled(on("2016-03-02")),
          kz.investigationClosed(on("2016-03-05"), InvestigationOutcome.REFUSED_NO_CRIME),
          appeal);
      clockTo(casewatch, ClockMode.REPLAY, Country.KZ, null, "2016-04-01");

      assertThat(casewatch.alerts(STALLED_COMPLAINT))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getTriggeringEventId()).isEqualTo(appeal.getEventId());
                assertThat(alert.getDeadline())
                    .isEqualTo(endOfLocalDay("2016-03-30", "Asia/Almaty"));
              });
    }
  }

  static String header(final TestRecord<byte[], byte[]> record, final String name) {
    final Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
