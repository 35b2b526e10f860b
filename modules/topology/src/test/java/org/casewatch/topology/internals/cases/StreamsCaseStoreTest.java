package org.casewatch.topology.internals.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.RuleId;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.internals.stores.StoreSerdes;
import org.casewatch.topology.rules.RuleBook;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;

/**
 * The queues of when cases must be looked at again live in memory; a task that starts on restored
 * stores finds them again in the cases' records, so no deadline and no settling case is lost.
 */
class StreamsCaseStoreTest {

  private static final Instant START = Instant.parse("2026-11-02T06:00:00Z");

  private final MockProcessorContext<String, CaseOutput> context = new MockProcessorContext<>();
  private final KeyValueStore<Bytes, org.casewatch.model.internal.StoredEvent> events =
      MockStores.on(context, "events", Serdes.Bytes(), StoreSerdes.storedEvent());
  private final KeyValueStore<Bytes, org.casewatch.model.internal.AlertMark> alerts =
      MockStores.on(context, "alerts", Serdes.Bytes(), StoreSerdes.alertMark());
  private final KeyValueStore<String, CaseRecord> records =
      MockStores.on(context, "records", Serdes.String(), StoreSerdes.caseRecord());
  private final KeyValueStore<String, Long> clocks =
      MockStores.on(context, "clocks", Serdes.String(), Serdes.Long());

  @Test
  void aRestartedTaskStillJudgesTheCasesSettlingAndTheDeadlinesPendingBeforeIt() {
    final CaseTracker before = startedAt(START);
    // Judged once settled: its 10-day deadline is then in the deadline queue.
    before.accept(aCase("KZ-2026-0700").complaintFiled(START), START, START);
    assertThat(before.advance(START.plus(Duration.ofMinutes(10))))
        .as("settled, no deadline passed yet")
        .noneMatch(CaseOutput.AlertChanged.class::isInstance);
    // Still settling when the task stops.
    final Instant later = START.plus(Duration.ofDays(1));
    before.accept(aCase("UZ-2026-0701").complaintFiled(later), later, later);

    final Instant restart = START.plus(Duration.ofDays(120));
    final CaseTracker after = startedAt(restart);
    after.advance(restart.plusSeconds(10));
    final List<Alert> raised =
        stalledComplaints(after.advance(restart.plus(Duration.ofMinutes(10))));

    assertThat(raised)
        .as("both cases' stalls, found from the records alone")
        .extracting(Alert::getCaseId)
        .containsExactlyInAnyOrder("KZ-2026-0700", "UZ-2026-0701");
    assertThat(raised).extracting(Alert::getStatus).containsOnly(AlertStatus.RAISED);
  }

  @Test
  void aRestartedTaskStillJudgesACaseOnlyTheSettlingQueueHolds() {
    final CaseTracker before = startedAt(START);
    before.accept(aCase("KZ-2026-0703").registered(START), START, START);
    before.advance(START.plus(Duration.ofMinutes(10)));
    // A complaint entered late: its deadline passed before the case was last judged, so no deadline
    // entry waits for it; only the case's settling entry brings it back.
    final Instant entered = START.plus(Duration.ofDays(30));
    before.accept(
        aCase("KZ-2026-0703").complaintFiled(START.minus(Duration.ofDays(20))), entered, entered);

    final Instant restart = entered.plusSeconds(5);
    final CaseTracker after = startedAt(restart);
    after.advance(restart.plusSeconds(10));
    final List<Alert> raised =
        stalledComplaints(after.advance(restart.plus(Duration.ofMinutes(10))));

    assertThat(raised)
        .as("the late complaint's stall, found once the case settled after the restart")
        .extracting(Alert::getCaseId)
        .containsExactly("KZ-2026-0703");
  }

  @Test
  void aTaskMovedOffAnInstanceWhoseClockWasAheadWritesTheCasesItSettledAheadAsJudged() {
    final Instant ahead = START.plus(Duration.ofDays(1));
    final CaseTracker before = startedAt(ahead);
    before.accept(aCase("KZ-2026-0706").complaintFiled(START), ahead, ahead);
    assertThat(before.advance(ahead.plusSeconds(40))).as("settled with nothing to say").isEmpty();
    assertThat(records.get("KZ-2026-0706").getSettleAt())
        .as("kept: its record still names its settling time")
        .isNotNull();

    final CaseTracker after = startedAt(START);
    after.accept(
        aCase("KZ-2026-0707").complaintFiled(START.minus(Duration.ofDays(20))), START, START);
    final List<CaseOutput> outputs = new ArrayList<>();
    for (int punctuation = 1; punctuation <= 4; punctuation++) {
      outputs.addAll(after.advance(START.plusSeconds(10L * punctuation)));
    }

    assertThat(stalledComplaints(outputs))
        .as("the late complaint's stall, once it settled 30 s after it arrived")
        .extracting(Alert::getCaseId)
        .containsExactly("KZ-2026-0707");
    assertThat(records.get("KZ-2026-0706"))
        .as("the case settled ahead, written as judged through its settling time")
        .satisfies(
            record -> {
              assertThat(record.getSettleAt()).isNull();
              assertThat(record.getJudgedThrough()).isEqualTo(ahead.plusSeconds(30));
            });
    assertThat(clocks.get("settled")).isEqualTo(START.toEpochMilli());
  }

  @Test
  void aStartingTaskFindsTheCasesWhoseRecordsDoNotKeepWhatTheyCountForInTheFigures() {
    startedAt(START).accept(aCase("KZ-2026-0704").registered(START), START, START);
    startedAt(START).accept(aCase("KZ-2026-0705").registered(START), START, START);
    final CaseRecord old = records.get("KZ-2026-0705");
    old.setContribution(null);
    records.put("KZ-2026-0705", old);

    assertThat(new StreamsCaseStore(events, alerts, records, clocks).uncounted())
        .as("written by a release before the records kept it")
        .containsExactly("KZ-2026-0705");
  }

  private CaseTracker startedAt(final Instant wallClock) {
    final CaseTracker tracker =
        new CaseTracker(
            new RuleBook(RulesFile.defaults()),
            ClockMode.LIVE,
            new StreamsCaseStore(events, alerts, records, clocks));
    tracker.startedAt(wallClock);
    return tracker;
  }

  private static List<Alert> stalledComplaints(final List<CaseOutput> outputs) {
    return outputs.stream()
        .filter(CaseOutput.AlertChanged.class::isInstance)
        .map(output -> ((CaseOutput.AlertChanged) output).alert())
        .filter(alert -> alert.getRule() == RuleId.STALLED_COMPLAINT)
        .toList();
  }
}
