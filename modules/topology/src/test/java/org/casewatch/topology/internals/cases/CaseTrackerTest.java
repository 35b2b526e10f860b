package org.casewatch.topology.internals.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.RuleId;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.Settling;
import org.casewatch.topology.rules.RuleBook;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;

/**
 * The case logic on plain maps, with no Kafka: an archive arriving at once is judged on all of it.
 */
class CaseTrackerTest {

  private static final Instant TODAY = Instant.parse("2026-11-30T06:00:00Z");

  @Test
  void aReplayOfAnArchiveThatArrivedAtOnceJudgesEachCaseOnAllOfItsEvents() {
    final CaseTracker tracker =
        new CaseTracker(
            new RuleBook(RulesFile.defaults()), ClockMode.REPLAY, new InMemoryCaseStore());
    final List<CaseOutput> outputs = new ArrayList<>();
    // Each case's events in one request, cases one after another: the KZ clock runs far ahead of
    // each next case's complaint, but every record arrived at the same moment.
    for (int i = 1; i <= 30; i++) {
      final CaseBuilder archived = aCase(String.format("KZ-2016-%04d", i));
      final Instant day = on("2016-01-04").plusSeconds(86_400L * 7 * i);
      outputs.addAll(tracker.accept(archived.complaintFiled(day), TODAY, TODAY));
      outputs.addAll(
          tracker.accept(
              archived.investigationClosed(
                  day.plusSeconds(86_400L * 40),
                  org.casewatch.model.InvestigationOutcome.REFUSED_NO_CRIME),
              TODAY,
              TODAY));
      outputs.addAll(
          tracker.accept(archived.investigationOpened(day.plusSeconds(86_400L * 5)), TODAY, TODAY));
    }
    final CaseBuilder stalled = aCase("KZ-2016-0999");
    outputs.addAll(tracker.accept(stalled.complaintFiled(on("2016-03-01")), TODAY, TODAY));

    outputs.addAll(tracker.advance(on("2016-12-31")));

    final List<Alert> alerts =
        stalledComplaints(
            outputs.stream()
                .filter(CaseOutput.AlertChanged.class::isInstance)
                .map(output -> ((CaseOutput.AlertChanged) output).alert())
                .toList());
    assertThat(alerts)
        .as("no alert raised and then found met: each case was judged once it had settled")
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.getCaseId()).isEqualTo("KZ-2016-0999");
              assertThat(alert.getRule()).isEqualTo(RuleId.STALLED_COMPLAINT);
              assertThat(alert.getStatus()).isEqualTo(AlertStatus.RAISED);
            });
    assertThat(stalledComplaints(tracker.alerts("KZ-2016-0999")))
        .singleElement()
        .satisfies(
            alert ->
                assertThat(alert.getExplanation())
                    .contains("no investigation opened or decision by then"));
  }

  @Test
  void liveAfterARestartABacklogIsReadBeforeAnyDeadlineIsCalledMissed() {
    final InMemoryCaseStore store = new InMemoryCaseStore();
    final Instant start = Instant.parse("2026-11-01T06:00:00Z");
    final CaseTracker before = live(store, start);
    final CaseBuilder kz = aCase("KZ-2026-0900");
    before.accept(kz.complaintFiled(start), start, start);
    assertThat(before.advance(start.plusSeconds(60))).isEmpty();

    // Down from 11-01 to 11-15; the answer, sent on 11-05, waits in the log.
    final Instant restart = Instant.parse("2026-11-15T06:00:00Z");
    final CaseTracker after = live(store, restart);
    final List<CaseOutput> outputs = new ArrayList<>(after.advance(restart.plusSeconds(10)));
    final Instant sent = Instant.parse("2026-11-05T06:00:00Z");
    outputs.addAll(after.accept(kz.investigationOpened(sent), sent, restart.plusSeconds(15)));
    outputs.addAll(after.advance(restart.plusSeconds(20)));
    outputs.addAll(after.advance(restart.plusSeconds(60)));

    assertThat(stalledComplaints(alertsIn(outputs)))
        .as("answered in time, read after the restart")
        .isEmpty();
  }

  @Test
  void liveAStallIsFlaggedOnceTheBacklogIsRead() {
    final InMemoryCaseStore store = new InMemoryCaseStore();
    final Instant start = Instant.parse("2026-11-01T06:00:00Z");
    live(store, start).accept(aCase("KZ-2026-0901").complaintFiled(start), start, start);

    final Instant restart = Instant.parse("2026-11-15T06:00:00Z");
    final CaseTracker after = live(store, restart);
    final Instant sent = Instant.parse("2026-11-04T06:00:00Z");
    after.accept(aCase("KZ-2026-0902").registered(sent), sent, restart.plusSeconds(15));
    assertThat(alertsIn(after.advance(restart.plusSeconds(30))))
        .as("still reading the backlog")
        .isEmpty();

    assertThat(stalledComplaints(alertsIn(after.advance(restart.plusSeconds(50)))))
        .extracting(Alert::getCaseId)
        .containsExactly("KZ-2026-0901");
  }

  @Test
  void liveAShortSettlingWindowDoesNotShortenTheBacklogsGrace() {
    final InMemoryCaseStore store = new InMemoryCaseStore();
    final Instant start = Instant.parse("2026-11-01T06:00:00Z");
    final Settling threeSeconds = Settling.of(Duration.ofSeconds(3));
    live(store, start, threeSeconds)
        .accept(aCase("KZ-2026-0903").complaintFiled(start), start, start);

    final Instant restart = Instant.parse("2026-11-15T06:00:00Z");
    final CaseTracker after = live(store, restart, threeSeconds);
    final Instant sent = Instant.parse("2026-11-04T06:00:00Z");
    after.accept(aCase("KZ-2026-0904").registered(sent), sent, restart.plusSeconds(15));
    assertThat(alertsIn(after.advance(restart.plusSeconds(25))))
        .as("10 s after the backlog's last event: still within the 30 s grace")
        .isEmpty();

    assertThat(stalledComplaints(alertsIn(after.advance(restart.plusSeconds(50)))))
        .extracting(Alert::getCaseId)
        .containsExactly("KZ-2026-0903");
  }

  /**
   * These cases are about when a deadline is judged; other rules' alerts on them are left to their
   * specs.
   */
  private static List<Alert> stalledComplaints(final List<Alert> alerts) {
    return alerts.stream().filter(alert -> alert.getRule() == RuleId.STALLED_COMPLAINT).toList();
  }

  private static CaseTracker live(final InMemoryCaseStore store, final Instant startedAt) {
    return live(store, startedAt, Settling.DEFAULT);
  }

  private static CaseTracker live(
      final InMemoryCaseStore store, final Instant startedAt, final Settling settling) {
    final CaseTracker tracker =
        new CaseTracker(new RuleBook(RulesFile.defaults()), ClockMode.LIVE, store, settling);
    tracker.startedAt(startedAt);
    return tracker;
  }

  private static List<Alert> alertsIn(final List<CaseOutput> outputs) {
    return outputs.stream()
        .filter(CaseOutput.AlertChanged.class::isInstance)
        .map(output -> ((CaseOutput.AlertChanged) output).alert())
        .toList();
  }
}
