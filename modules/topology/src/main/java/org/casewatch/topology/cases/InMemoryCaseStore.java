package org.casewatch.topology.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
  private final Map<Country, DueQueue> deadlines = new EnumMap<>(Country.class);
  private final DueQueue settling = new DueQueue();
  private Instant arrivalClock;

  @Override
  public List<CaseEvent> events(final String caseId) {
    return new ArrayList<>(events.getOrDefault(caseId, Map.of()).values());
  }

  @Override
  public Map<String, AlertMark> alerts(final String caseId) {
    return new LinkedHashMap<>(alerts.getOrDefault(caseId, Map.of()));
  }

  @Override
  public Optional<CaseRecord> record(final String caseId) {
    return Optional.ofNullable(records.get(caseId)).map(InMemoryCaseStore::copy);
  }

  @Override
  public Optional<CaseEvent> event(final String caseId, final String eventId) {
    return Optional.ofNullable(events.getOrDefault(caseId, Map.of()).get(eventId));
  }

  @Override
  public void putEvent(final CaseEvent event, final Instant arrivedAt, final String caseCoalition) {
    events.computeIfAbsent(event.getCaseId(), id -> new LinkedHashMap<>()).put(event.getEventId(), event);
  }

  @Override
  public void putAlert(final String caseId, final String alertId, final AlertMark mark) {
    alerts.computeIfAbsent(caseId, id -> new LinkedHashMap<>()).put(alertId, mark);
  }

  @Override
  public void putRecord(final String caseId, final CaseRecord record) {
    records.put(caseId, copy(record));
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
  public void addDue(final Country country, final Instant due, final String caseId) {
    deadlines.computeIfAbsent(country, c -> new DueQueue()).add(due, caseId);
  }

  @Override
  public void removeDue(final Country country, final Instant due, final String caseId) {
    final DueQueue queue = deadlines.get(country);
    if (queue != null) {
      queue.remove(due, caseId);
    }
  }

  @Override
  public List<String> dueBy(final Country country, final Instant now) {
    final DueQueue queue = deadlines.get(country);
    return queue == null ? List.of() : queue.dueBy(now);
  }

  @Override
  public void addSettling(final Instant settleAt, final String caseId) {
    settling.add(settleAt, caseId);
  }

  @Override
  public void removeSettling(final Instant settleAt, final String caseId) {
    settling.remove(settleAt, caseId);
  }

  @Override
  public List<String> settledBy(final Instant now) {
    return settling.dueBy(now);
  }

  /** A copy the caller may change freely: what a Streams store's serde round trip gives, without Avro's deep copy. */
  private static CaseRecord copy(final CaseRecord record) {
    return new CaseRecord(record.getCoalition(), record.getEventCount(), new ArrayList<>(record.getIndexedDues()),
        record.getJudgedThrough(), record.getLastArrival(), record.getSettleAt(), record.getTooLarge());
  }

  /**
   * A time-ordered queue with the topology's {@code DeadlineIndex} semantics: a call hands out the
   * entries from the last call's "now" on, not those an earlier call handed out already (unless an
   * entry earlier than that is added, which moves the start back to it). The caller removes or
   * re-indexes what it is handed; an entry it leaves (a case not yet settled, judged again when it
   * settles) is not looked at again, so a replay fed a backlog does not look at every overdue case
   * on every event.
   */
  private static final class DueQueue {
    private final TreeMap<Instant, Set<String>> entries = new TreeMap<>();
    /** Nothing before it is handed out again: everything up to the last "now" was. */
    private Instant floor = Instant.MIN;

    void add(final Instant due, final String caseId) {
      entries.computeIfAbsent(due, d -> new LinkedHashSet<>()).add(caseId);
      if (due.isBefore(floor)) {
        floor = due;
      }
    }

    void remove(final Instant due, final String caseId) {
      final Set<String> cases = entries.get(due);
      if (cases != null && cases.remove(caseId) && cases.isEmpty()) {
        entries.remove(due);
      }
    }

    List<String> dueBy(final Instant now) {
      if (now.isBefore(floor)) {
        return List.of();
      }
      final Set<String> due = new LinkedHashSet<>();
      entries.subMap(floor, true, now, true).values().forEach(due::addAll);
      floor = now.equals(Instant.MAX) ? now : now.plusNanos(1);
      return new ArrayList<>(due);
    }
  }
}
