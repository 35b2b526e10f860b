package org.casewatch.topology.internals.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.casewatch.testkit.CaseEvents.aCase;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertAction;
import org.casewatch.model.AlertActionType;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.RuleId;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.model.internal.StoredEvent;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.deadletters.DeadLetterCode;
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

  @Test
  void aCaseAnEarlierReleaseKeptInThreeStoresReadsTheSameAndMovesIntoItsRecordWhenNextWritten() {
    // The same events through the tracker on plain maps (the reference), and then a copy of its
    // state in the layout of the release before: events and marks one entry each, the record
    // without them.
    final InMemoryCaseStore reference = new InMemoryCaseStore();
    final CaseTracker referenceTracker = referenceTracker(reference);
    final String caseId = "KG-2026-0710";
    final Instant filed = START.minus(Duration.ofDays(40));
    referenceTracker.accept(aCase(caseId).registered(filed.minusSeconds(60)), START, START);
    referenceTracker.accept(aCase(caseId).complaintFiled(filed), START, START);
    referenceTracker.advance(START.plus(Duration.ofMinutes(5)));
    assertThat(reference.alerts(caseId)).as("a stall raised before the upgrade").isNotEmpty();
    keptInTheEarlierLayout(reference, caseId);
    assertThat(records.get(caseId).getEvents()).as("the earlier layout").isNull();

    final CaseReader query = StreamsCaseStore.reader(events, alerts, records);
    assertThat(query.events(caseId))
        .as("read as it was")
        .containsExactlyInAnyOrderElementsOf(reference.events(caseId));
    assertThat(query.alerts(caseId)).isEqualTo(reference.alerts(caseId));

    // An investigation opened late answers the stall: the same transitions on both.
    final Instant later = START.plus(Duration.ofMinutes(10));
    final CaseEvent opened = aCase(caseId).investigationOpened(START);
    final List<CaseOutput> expected = referenceTracker.accept(opened, later, later);
    final CaseTracker upgraded = startedAt(START.plus(Duration.ofMinutes(6)));
    assertThat(comparable(upgraded.accept(opened, later, later))).isEqualTo(comparable(expected));

    assertThat(records.get(caseId).getEvents()).as("the case is now kept whole").hasSize(3);
    assertThat(records.get(caseId).getMarks()).hasSize(reference.alerts(caseId).size());
    assertThat(events.all()).as("and no longer in the earlier layout's stores").isExhausted();
    assertThat(alerts.all()).isExhausted();
    final CaseReader restarted = new StreamsCaseStore(events, alerts, records, clocks);
    assertThat(restarted.events(caseId))
        .containsExactlyInAnyOrderElementsOf(reference.events(caseId));
    assertThat(restarted.alerts(caseId)).isEqualTo(reference.alerts(caseId));
    final CaseRecord written = restarted.record(caseId).orElseThrow();
    assertThat(written.getStoredBytes()).as("measured as it was written").isPositive();
    final CaseRecord asReferenced = reference.record(caseId).orElseThrow();
    asReferenced.setStoredBytes(written.getStoredBytes());
    assertThat(written).isEqualTo(asReferenced);
  }

  @Test
  void aCaseMovedIntoItsRecordMovesItsFiguresEvenIfItsOldEntriesCannotBeDeleted() {
    final InMemoryCaseStore reference = new InMemoryCaseStore();
    final String caseId = "KZ-2026-0714";
    referenceTracker(reference).accept(aCase(caseId).registered(START), START, START);
    keptInTheEarlierLayout(reference, caseId);
    final List<CaseOutput.FiguresMoved> told = new ArrayList<>();
    final CaseTracker upgraded =
        new CaseTracker(
            new RuleBook(RulesFile.defaults()),
            ClockMode.LIVE,
            new StreamsCaseStore(
                intercepted(
                    events,
                    method -> {
                      if (method.equals("delete")) {
                        throw new IllegalStateException("the store refused the delete");
                      }
                    }),
                alerts,
                records,
                clocks));
    upgraded.startedAt(START);
    upgraded.countFigures(told::add);

    final Instant later = START.plusSeconds(60);
    assertThatThrownBy(
            () -> upgraded.accept(aCase(caseId).complaintFiled(START.plusSeconds(1)), later, later))
        .hasMessageContaining("refused the delete");
    assertThat(records.get(caseId).getEvents()).as("the record was written whole").hasSize(2);
    assertThat(told).as("so the figures were told what it now counts for").hasSize(1);
  }

  @Test
  void applyingAnEventWritesItsCaseOnceAndNothingElse() {
    final CaseTracker tracker = startedAt(START);
    final String caseId = "KZ-2026-0711";
    tracker.accept(aCase(caseId).registered(START.minus(Duration.ofDays(50))), START, START);
    tracker.advance(START.plus(Duration.ofMinutes(5)));
    final List<String> written = new ArrayList<>();
    final CaseTracker counted =
        new CaseTracker(
            new RuleBook(RulesFile.defaults()),
            ClockMode.LIVE,
            new StreamsCaseStore(
                counting(events, "events", written),
                counting(alerts, "alerts", written),
                counting(records, "records", written),
                counting(clocks, "clocks", written)));
    counted.startedAt(START.plus(Duration.ofMinutes(6)));
    final Instant now = START.plus(Duration.ofMinutes(7));
    // A complaint filed 40 days ago: applied, and (once settled) a stall raised with it.
    final List<CaseOutput> outputs =
        counted.accept(aCase(caseId).complaintFiled(START.minus(Duration.ofDays(40))), now, now);
    assertThat(outputs).isNotEmpty();
    assertThat(written).as("the event and the record in one write").containsExactly("records");
    written.clear();
    assertThat(stalledComplaints(counted.advance(now.plus(Duration.ofMinutes(5)))))
        .as("settled: its stall raised")
        .hasSize(1);
    assertThat(written).as("the mark and the record in one write").containsExactly("records");
  }

  @Test
  void aCaseWhoseWriteFailsMovesNoFigures() {
    final List<CaseOutput.FiguresMoved> told = new ArrayList<>();
    final boolean[] failing = {false};
    final KeyValueStore<String, CaseRecord> failingRecords =
        intercepted(
            records,
            method -> {
              if (failing[0] && method.equals("put")) {
                throw new IllegalStateException("the store refused the write");
              }
            });
    final CaseTracker tracker =
        new CaseTracker(
            new RuleBook(RulesFile.defaults()),
            ClockMode.LIVE,
            new StreamsCaseStore(events, alerts, failingRecords, clocks));
    tracker.startedAt(START);
    tracker.countFigures(told::add);
    final String caseId = "TJ-2026-0712";
    tracker.accept(aCase(caseId).registered(START), START, START);
    assertThat(told).as("a new case counts in its figures").hasSize(1);

    failing[0] = true;
    final Instant later = START.plusSeconds(60);
    assertThatThrownBy(
            () -> tracker.accept(aCase(caseId).complaintFiled(START.plusSeconds(1)), later, later))
        .hasMessageContaining("refused the write");
    assertThat(told)
        .as("the complaint's change of the figures, whose record was not written, is not told")
        .hasSize(1);
    assertThat(records.get(caseId).getEventCount()).isEqualTo(1);
  }

  @Test
  void aCaseNearKafkasRecordLimitTakesNoMoreActionsOrEventsAndSaysSoOnce() {
    final CaseTracker tracker = startedAt(START);
    final String caseId = "UZ-2026-0713";
    tracker.accept(aCase(caseId).complaintFiled(START.minus(Duration.ofDays(40))), START, START);
    final List<Alert> raised =
        stalledComplaints(tracker.advance(START.plus(Duration.ofMinutes(5))));
    assertThat(raised).hasSize(1);
    // As if its events and coordinators' actions had grown it to the limit.
    grownToTheLimit(caseId);

    final Instant later = START.plus(Duration.ofMinutes(6));
    final List<CaseOutput> acted =
        tracker.act(
            AlertAction.newBuilder()
                .setActionId("a-1")
                .setAlertId(raised.get(0).getAlertId())
                .setCaseId(caseId)
                .setType(AlertActionType.ACKNOWLEDGED)
                .setCoordinator("uz-desk")
                .setTokenId("3f9a12bc04de")
                .setAt(later)
                .build());
    assertThat(acted)
        .filteredOn(CaseOutput.Refused.class::isInstance)
        .singleElement()
        .satisfies(
            refused -> {
              assertThat(((CaseOutput.Refused) refused).code())
                  .isEqualTo(DeadLetterCode.CASE_TOO_LARGE);
              assertThat(((CaseOutput.Refused) refused).reason())
                  .contains("524288 bytes of state, over the limit of 524288");
            });
    assertThat(acted)
        .as("the case says it is too large, once")
        .filteredOn(CaseOutput.AlertChanged.class::isInstance)
        .extracting(output -> ((CaseOutput.AlertChanged) output).alert().getRule())
        .containsExactly(RuleId.CASE_TOO_LARGE);
    assertThat(records.get(caseId).getTooLarge()).isTrue();

    // Writing the refusal measured the case again: as big again.
    grownToTheLimit(caseId);
    final List<CaseOutput> accepted =
        tracker.accept(aCase(caseId).investigationOpened(later), later, later);
    assertThat(accepted)
        .singleElement()
        .satisfies(
            refused ->
                assertThat(((CaseOutput.Refused) refused).code())
                    .isEqualTo(DeadLetterCode.CASE_TOO_LARGE));
    assertThat(records.get(caseId).getEventCount()).as("not applied").isEqualTo(1);
  }

  private void grownToTheLimit(final String caseId) {
    final CaseRecord big = records.get(caseId);
    big.setStoredBytes(CaseTracker.MAX_STORED_BYTES);
    records.put(caseId, big);
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

  /** A tracker on plain maps, the reference the Streams store is compared with. */
  private static CaseTracker referenceTracker(final InMemoryCaseStore reference) {
    final CaseTracker tracker =
        new CaseTracker(new RuleBook(RulesFile.defaults()), ClockMode.LIVE, reference);
    tracker.startedAt(START);
    return tracker;
  }

  /**
   * A copy of the reference's case in the layout of the release before: events and marks one entry
   * each, the record without them.
   */
  private void keptInTheEarlierLayout(final InMemoryCaseStore reference, final String caseId) {
    for (final CaseEvent event : reference.events(caseId)) {
      events.put(
          CaseKeys.of(caseId, event.getEventId()),
          new StoredEvent(
              event.getOccurredAt(), event.getRecordedAt(), START, null, event.getPayload()));
    }
    reference
        .alerts(caseId)
        .forEach((alertId, mark) -> alerts.put(CaseKeys.of(caseId, alertId), mark));
    records.put(caseId, reference.record(caseId).orElseThrow());
  }

  /** The outputs, each case state folded (a fold has no equality of its own). */
  private static List<Object> comparable(final List<CaseOutput> outputs) {
    return outputs.stream()
        .map(
            output ->
                output instanceof CaseOutput.StateChanged changed
                    ? changed.state()
                    : (Object) output)
        .toList();
  }

  /** The store, telling {@code written} its name on each write. */
  private static <K, V> KeyValueStore<K, V> counting(
      final KeyValueStore<K, V> store, final String name, final List<String> written) {
    return intercepted(
        store,
        method -> {
          if (method.startsWith("put") || method.equals("delete")) {
            written.add(name);
          }
        });
  }

  /** The store, handing {@code before} the name of each method called before calling it. */
  @SuppressWarnings("unchecked")
  private static <K, V> KeyValueStore<K, V> intercepted(
      final KeyValueStore<K, V> store, final Consumer<String> before) {
    return (KeyValueStore<K, V>)
        Proxy.newProxyInstance(
            KeyValueStore.class.getClassLoader(),
            new Class<?>[] {KeyValueStore.class},
            (proxy, method, args) -> {
              before.accept(method.getName());
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static List<Alert> stalledComplaints(final List<CaseOutput> outputs) {
    return outputs.stream()
        .filter(CaseOutput.AlertChanged.class::isInstance)
        .map(output -> ((CaseOutput.AlertChanged) output).alert())
        .filter(alert -> alert.getRule() == RuleId.STALLED_COMPLAINT)
        .toList();
  }
}
