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

  private final Map<String, Map<String, CaseEvent>> events = new HashMap<>();
  private final Map<String, Map<String, AlertMark>> alerts = new HashMap<>();
  private final Map<String, CaseRecord> records = new HashMap<>();
  private final Map<Country, Instant> clocks = new EnumMap<>(Country.class);
  private final DueQueues queues;
  private Instant arrivalClock;
  private Instant settledThrough;

  public InMemoryCaseStore() {
    this.queues = new DueQueues();
  }

  private InMemoryCaseStore(final InMemoryCaseStore before) {
    before.events.forEach((caseId, stored) -> events.put(caseId, new LinkedHashMap<>(stored)));
    before.alerts.forEach((caseId, marks) -> alerts.put(caseId, new LinkedHashMap<>(marks)));
    before.records.forEach((caseId, record) -> records.put(caseId, CaseRecords.copyOf(record)));
    clocks.putAll(before.clocks);
    arrivalClock = before.arrivalClock;
    settledThrough = before.settledThrough;
    queues =
        DueQueues.rebuiltFrom(
            records.entrySet().stream()
                .map(entry -> KeyValue.pair(entry.getKey(), entry.getValue()))
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
    return new ArrayList<>(events.getOrDefault(caseId, Map.of()).values());
  }

  @Override
  public Map<String, AlertMark> alerts(final String caseId) {
    // A view: the tracker copies what it changes.
    return Collections.unmodifiableMap(alerts.getOrDefault(caseId, Map.of()));
  }

  @Override
  public Optional<CaseRecord> record(final String caseId) {
    return Optional.ofNullable(records.get(caseId)).map(CaseRecords::copyOf);
  }

  @Override
  public Optional<CaseEvent> event(final String caseId, final String eventId) {
    return Optional.ofNullable(events.getOrDefault(caseId, Map.of()).get(eventId));
  }

  @Override
  public void putEvent(final CaseEvent event, final Instant arrivedAt, final String caseCoalition) {
    events
        .computeIfAbsent(event.getCaseId(), id -> new LinkedHashMap<>())
        .put(event.getEventId(), event);
  }

  @Override
  public void putAlert(final String caseId, final String alertId, final AlertMark mark) {
    alerts.computeIfAbsent(caseId, id -> new LinkedHashMap<>()).put(alertId, mark);
  }

  @Override
  public void putRecord(final String caseId, final CaseRecord record) {
    records.put(caseId, CaseRecords.copyOf(record));
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
    final List<String> cases = new ArrayList<>();
    records.forEach(
        (caseId, record) -> {
          if (DueQueues.settlesBetween(record, after, through)) {
            cases.add(caseId);
          }
        });
    return cases;
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
