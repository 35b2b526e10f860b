package org.casewatch.topology.internals.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;

/**
 * The case tracker's state in plain maps: the pure core runs without Kafka, in tests and in the
 * in-memory replay engine (one per task, dropped when the task is done).
 */
public final class InMemoryCaseStore implements CaseStore {

  /** Each case's events, marks and record in one entry: one lookup a case, not three. */
  private final Map<String, HeldCase> cases = new HashMap<>();

  private final Map<Country, Instant> clocks = new EnumMap<>(Country.class);
  private final DueQueues queues;
  private Instant arrivalClock;
  private Instant settledThrough;

  /**
   * What the store holds of one case. Its events are kept in the order they were put, and never
   * removed (a case's events are only ever added to), so a list hands them out without a copy.
   */
  private static final class HeldCase {
    private final List<CaseEvent> events;
    private final Map<String, CaseEvent> eventsById;
    private final Map<String, AlertMark> marks;
    private CaseRecord record;

    HeldCase() {
      this(new ArrayList<>(), new HashMap<>(), new LinkedHashMap<>(), null);
    }

    private HeldCase(
        final List<CaseEvent> events,
        final Map<String, CaseEvent> eventsById,
        final Map<String, AlertMark> marks,
        final CaseRecord record) {
      this.events = events;
      this.eventsById = eventsById;
      this.marks = marks;
      this.record = record;
    }

    HeldCase copy() {
      return new HeldCase(
          new ArrayList<>(events),
          new HashMap<>(eventsById),
          new LinkedHashMap<>(marks),
          record == null ? null : CaseRecords.copyOf(record));
    }
  }

  public InMemoryCaseStore() {
    this.queues = new DueQueues();
  }

  private InMemoryCaseStore(final InMemoryCaseStore before) {
    before.cases.forEach((caseId, held) -> cases.put(caseId, held.copy()));
    clocks.putAll(before.clocks);
    arrivalClock = before.arrivalClock;
    settledThrough = before.settledThrough;
    queues =
        DueQueues.rebuiltFrom(
            cases.entrySet().stream()
                .filter(entry -> entry.getValue().record != null)
                .map(entry -> KeyValue.pair(entry.getKey(), entry.getValue().record))
                .iterator(),
            Optional.ofNullable(settledThrough));
  }

  /**
   * A copy of what this store holds, its queues rebuilt from the records as a Streams task's are
   * when it starts again (after a restart or a move), and not from this store's queues.
   */
  public InMemoryCaseStore restarted() {
    return new InMemoryCaseStore(this);
  }

  /** Nothing to write: every change is in the maps already. */
  @Override
  public void writeOut() {}

  /** Every put is made at once: told at once. */
  @Override
  public void whenWritten(final String caseId, final Runnable told) {
    told.run();
  }

  @Override
  public List<CaseEvent> events(final String caseId) {
    // A view: the tracker reads the events it is handed before it adds any.
    final HeldCase held = cases.get(caseId);
    return held == null ? List.of() : Collections.unmodifiableList(held.events);
  }

  @Override
  public Map<String, AlertMark> alerts(final String caseId) {
    // A view: the tracker copies what it changes.
    final HeldCase held = cases.get(caseId);
    return held == null ? Map.of() : Collections.unmodifiableMap(held.marks);
  }

  @Override
  public Optional<CaseRecord> record(final String caseId) {
    final HeldCase held = cases.get(caseId);
    return held == null || held.record == null
        ? Optional.empty()
        : Optional.of(CaseRecords.copyOf(held.record));
  }

  @Override
  public Optional<CaseEvent> event(final String caseId, final String eventId) {
    final HeldCase held = cases.get(caseId);
    return held == null ? Optional.empty() : Optional.ofNullable(held.eventsById.get(eventId));
  }

  @Override
  public void putEvent(final CaseEvent event, final Instant arrivedAt, final String caseCoalition) {
    final HeldCase held = cases.computeIfAbsent(event.getCaseId(), id -> new HeldCase());
    if (held.eventsById.put(event.getEventId(), event) == null) {
      held.events.add(event);
    } else {
      // Put again under its id: it keeps its place, as in an insertion-ordered map.
      held.events.replaceAll(kept -> kept.getEventId().equals(event.getEventId()) ? event : kept);
    }
  }

  @Override
  public void putAlert(final String caseId, final String alertId, final AlertMark mark) {
    cases.computeIfAbsent(caseId, id -> new HeldCase()).marks.put(alertId, mark);
  }

  @Override
  public void putRecord(final String caseId, final CaseRecord record) {
    cases.computeIfAbsent(caseId, id -> new HeldCase()).record = CaseRecords.copyOf(record);
  }

  @Override
  public Optional<Instant> clock(final Country country) {
    return Optional.ofNullable(clocks.get(country));
  }

  @Override
  public void putClock(final Country country, final Instant at) {
    clocks.put(country, at);
  }

  @Override
  public Optional<Instant> arrivalClock() {
    return Optional.ofNullable(arrivalClock);
  }

  @Override
  public void putArrivalClock(final Instant at) {
    arrivalClock = at;
  }

  @Override
  public Optional<Instant> settledThrough() {
    return Optional.ofNullable(settledThrough);
  }

  @Override
  public void putSettledThrough(final Instant at) {
    settledThrough = at;
  }

  @Override
  public List<String> settlingBetween(final Instant after, final Instant through) {
    final List<String> settling = new ArrayList<>();
    cases.forEach(
        (caseId, held) -> {
          if (held.record != null && DueQueues.settlesBetween(held.record, after, through)) {
            settling.add(caseId);
          }
        });
    return settling;
  }

  @Override
  public void addDue(final Country country, final Instant due, final String caseId) {
    queues.addDue(country, due, caseId);
  }

  @Override
  public void removeDue(final Country country, final Instant due, final String caseId) {
    queues.removeDue(country, due, caseId);
  }

  @Override
  public List<String> dueBy(final Country country, final Instant now) {
    return queues.dueBy(country, now);
  }

  @Override
  public void addSettling(final Instant settleAt, final String caseId) {
    queues.addSettling(settleAt, caseId);
  }

  @Override
  public void removeSettling(final Instant settleAt, final String caseId) {
    queues.removeSettling(settleAt, caseId);
  }

  @Override
  public List<String> settledBy(final Instant now) {
    return queues.settledBy(now);
  }

  @Override
  public List<String> settlingAfter(final Instant after) {
    return queues.settlingAfter(after);
  }
}
