package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;
import org.casewatch.testkit.SyntheticHistory;
import org.junit.jupiter.api.Test;

/** A replay is deterministic, and live processing of the same history agrees with it, id for id. */
class ReplayDeterminismSpec {

  private static final List<CaseEvent> HISTORY =
      SyntheticHistory.generate(2016, 25, on("2016-01-01"));

  @Test
  void theSameHistoryReplayedTwiceGivesTheSameAlertStream() {
    final List<Alert> first;
    final List<Alert> second;
    try (CasewatchDriver replay = CasewatchDriver.replay()) {
      first = replay.publish(HISTORY).alerts();
    }
    try (CasewatchDriver replay = CasewatchDriver.replay()) {
      second = replay.publish(HISTORY).alerts();
    }

    assertThat(first).hasSizeGreaterThan(40);
    assertThat(first.stream().map(Alert::getRule).distinct())
        .contains(
            RuleId.STALLED_COMPLAINT,
            RuleId.STALLED_INVESTIGATION,
            RuleId.RETALIATION,
            RuleId.COERCED_WITHDRAWAL);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void aReplayDoesNotDependOnWhenItRuns() {
    // A replay runs after its events arrived (the synthetic history reaches into 2017): in 2030 or
    // in 2100.
    final List<Alert> in2030;
    final List<Alert> in2100;
    try (CasewatchDriver replay = CasewatchDriver.replayAt(on("2030-01-01"))) {
      in2030 = replay.publish(HISTORY).alerts();
    }
    try (CasewatchDriver replay = CasewatchDriver.replayAt(on("2100-01-01"))) {
      in2100 = replay.publish(HISTORY).alerts();
    }

    assertThat(in2030).hasSizeGreaterThan(40).isEqualTo(in2100);
  }

  @Test
  void liveProcessingAsTheHistoryHappensGivesTheSameAlertsAsAReplay() {
    // Both end a year after the history in every country: a replay's clocks are per country, a live
    // clock is the wall clock, and only the same end time judges the same deadlines.
    final Instant end = HISTORY.get(HISTORY.size() - 1).getOccurredAt().plus(Duration.ofDays(365));
    final List<CaseEvent> yearLater =
        Arrays.stream(Country.values())
            .map(
                country ->
                    aCase(country.name() + "-" + end.atZone(ZoneOffset.UTC).getYear() + "-999999")
                        .registered(end))
            .toList();
    final List<Alert> replayed;
    try (CasewatchDriver replay = CasewatchDriver.replay()) {
      replayed = replay.publish(HISTORY).publish(yearLater).alerts();
    }

    final List<Alert> live;
    final Instant firstEvent = HISTORY.get(0).getOccurredAt();
    try (CasewatchDriver casewatch = CasewatchDriver.live(firstEvent)) {
      Instant wallClock = firstEvent;
      for (final CaseEvent event : HISTORY) {
        casewatch.advanceWallClock(Duration.between(wallClock, event.getOccurredAt()));
        wallClock = event.getOccurredAt();
        casewatch.publish(event);
      }
      casewatch.advanceWallClock(Duration.between(wallClock, end));
      casewatch.publish(yearLater);
      casewatch.advanceWallClock(Duration.ofMinutes(1));
      live = casewatch.alerts();
    }

    assertThat(idsAndStatuses(live)).isEqualTo(idsAndStatuses(replayed));
  }

  private static List<String> idsAndStatuses(final List<Alert> alerts) {
    return alerts.stream()
        .map(alert -> alert.getAlertId() + " " + alert.getStatus())
        .sorted()
        .toList();
  }

  @Test
  void alertIdsDoNotDependOnTheClock() {
    try (CasewatchDriver replay = CasewatchDriver.replay()) {
      final List<Alert> alerts = replay.publish(HISTORY).alerts();
      assertThat(alerts.stream().filter(a -> a.getStatus() == AlertStatus.RESOLVED))
          .allSatisfy(
              resolved ->
                  assertThat(alerts)
                      .anySatisfy(
                          raised -> {
                            assertThat(raised.getAlertId()).isEqualTo(resolved.getAlertId());
                            assertThat(raised.getStatus()).isEqualTo(AlertStatus.RAISED);
                          }));
    }
  }
}
