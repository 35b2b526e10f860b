package org.casewatch.topology.internals.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.model.internal.StoredEvent;
import org.casewatch.topology.internals.stores.StoreSerdes;

/**
 * The case tracker's state in Kafka Streams key-value stores: each case whole in one entry of the
 * case-records store (its bookkeeping, events and alert marks), a clock per country and how far the
 * settled cases were judged. A case is read once when the tracker turns to it, changed in memory,
 * and written whole once the tracker is done with it ({@link #writeOut}): applying an event is one
 * write. A case an earlier release kept in the case-events and case-alerts stores (one entry per
 * event and per alert) is read from them, and moved into its record when it is next written. The
 * queues of when each case must be looked at again are in memory, rebuilt from the records when the
 * store is made (as a task starts, after its stores were restored).
 */
public final class StreamsCaseStore implements CaseStore {

  /** The clock store's key of the arrival clock; countries' clocks are under their codes. */
  private static final String ARRIVAL_CLOCK = "arrival";

  /** The clock store's key of how far the settled cases have been judged. */
  private static final String SETTLED_THROUGH = "settled";

  /** Serializes a case as its store does, to measure it. */
  private static final Serializer<CaseRecord> MEASURE = StoreSerdes.caseRecord().serializer();

  private final KeyValueStore<Bytes, StoredEvent> events;
  private final KeyValueStore<Bytes, AlertMark> alerts;
  private final KeyValueStore<String, CaseRecord> records;
  private final KeyValueStore<String, Long> clocks;
  private final DueQueues queues;
  private final StoredCases reads;
  private final List<String> uncounted;

  /** The case the tracker is working on, with what it changed, until it is written out. */
  private OpenCase current;

  /** A case read for the tracker, with what the tracker changed of it. */
  private static final class OpenCase {
    private final String caseId;
    private final StoredCase stored;
    private CaseRecord record;
    private boolean changed;
    private final List<Runnable> whenWritten = new ArrayList<>();

    private OpenCase(final String caseId, final StoredCase stored) {
      this.caseId = caseId;
      this.stored = stored;
    }
  }

  StreamsCaseStore(
      final KeyValueStore<Bytes, StoredEvent> events,
      final KeyValueStore<Bytes, AlertMark> alerts,
      final KeyValueStore<String, CaseRecord> records,
      final KeyValueStore<String, Long> clocks) {
    this.events = events;
    this.alerts = alerts;
    this.records = records;
    this.clocks = clocks;
    final Optional<Instant> settled = settledThrough();
    final List<String> notCounted = new ArrayList<>();
    try (KeyValueIterator<String, CaseRecord> all = records.all()) {
      this.queues =
          DueQueues.rebuiltFrom(
              new Iterator<>() {
                @Override
                public boolean hasNext() {
                  return all.hasNext();
                }

                @Override
                public KeyValue<String, CaseRecord> next() {
                  final KeyValue<String, CaseRecord> entry = all.next();
                  if (entry.value.getContribution() == null) {
                    notCounted.add(entry.key);
                  }
                  return entry;
                }
              },
              settled);
    }
    this.uncounted = List.copyOf(notCounted);
    this.reads = new StoredCases(events, alerts, records, anyEntry(events) || anyEntry(alerts));
  }

  private static boolean anyEntry(final KeyValueStore<Bytes, ?> store) {
    try (KeyValueIterator<Bytes, ?> all = store.all()) {
      return all.hasNext();
    }
  }

  /**
   * The cases whose records, when the store was made, did not keep what they count for in the
   * figures: written before December 2026, to be {@linkplain CaseTracker#recount recounted}.
   */
  List<String> uncounted() {
    return uncounted;
  }

  /** A read-only view of the same stores, as the query API sees them. */
  public static CaseReader reader(
      final ReadOnlyKeyValueStore<Bytes, StoredEvent> events,
      final ReadOnlyKeyValueStore<Bytes, AlertMark> alerts,
      final ReadOnlyKeyValueStore<String, CaseRecord> records) {
    return new StoredCases(events, alerts, records, true);
  }

  /** The cases with alerts in the same stores, as the query API sees them. */
  public static Set<String> casesWithAlerts(
      final ReadOnlyKeyValueStore<Bytes, StoredEvent> events,
      final ReadOnlyKeyValueStore<Bytes, AlertMark> alerts,
      final ReadOnlyKeyValueStore<String, CaseRecord> records) {
    return new StoredCases(events, alerts, records, true).casesWithAlerts();
  }

  /**
   * The case, read from the stores the first time the tracker turns to it; turning to another case
   * writes this one out first. The tracker never goes back to a case within a step, and would find
   * it written if it did.
   */
  private OpenCase open(final String caseId) {
    if (current != null && current.caseId.equals(caseId)) {
      return current;
    }
    writeOut();
    current = new OpenCase(caseId, reads.load(caseId));
    return current;
  }

  /**
   * Writes the case the tracker worked on, if it changed, whole into its record: one write however
   * many of its events, marks and bookkeeping changed. A case of an earlier release leaves the
   * case-events and case-alerts stores then.
   */
  @Override
  public void writeOut() {
    final OpenCase done = current;
    current = null;
    if (done == null || !done.changed) {
      return;
    }
    final CaseRecord base =
        done.record != null
            ? done.record
            : done.stored.record().orElseGet(() -> CaseRecord.newBuilder().build());
    final CaseRecord value = done.stored.keptIn(base);
    // Measured as it is written, so that a case near Kafka's record limit takes no more (see
    // CaseTracker.MAX_STORED_BYTES): a changelog record Kafka refuses would lose the case.
    value.setStoredBytes(0);
    value.setStoredBytes(MEASURE.serialize(records.name(), value).length);
    records.put(done.caseId, value);
    // Told once the record is written, before anything else can fail.
    done.whenWritten.forEach(Runnable::run);
    if (done.stored.inEarlierLayout()) {
      leaveEarlierLayout(done.caseId, events);
      leaveEarlierLayout(done.caseId, alerts);
    }
  }

  @Override
  public void whenWritten(final String caseId, final Runnable told) {
    open(caseId).whenWritten.add(told);
  }

  /** Takes the case out of a store of the earlier layout, once its record keeps it whole. */
  private static void leaveEarlierLayout(final String caseId, final KeyValueStore<Bytes, ?> store) {
    final List<Bytes> keys = new ArrayList<>();
    try (KeyValueIterator<Bytes, ?> entries =
        store.prefixScan(CaseKeys.prefix(caseId), new BytesSerializer())) {
      entries.forEachRemaining(entry -> keys.add(entry.key));
    }
    keys.forEach(store::delete);
  }

  @Override
  public List<CaseEvent> events(final String caseId) {
    return open(caseId).stored.events();
  }

  @Override
  public Map<String, AlertMark> alerts(final String caseId) {
    return open(caseId).stored.alerts();
  }

  @Override
  public Optional<CaseRecord> record(final String caseId) {
    final OpenCase open = open(caseId);
    return open.record != null
        ? Optional.of(CaseRecords.copyOf(open.record))
        : open.stored.record();
  }

  @Override
  public Optional<CaseEvent> event(final String caseId, final String eventId) {
    return open(caseId).stored.event(eventId);
  }

  @Override
  public void putEvent(final CaseEvent event, final Instant arrivedAt, final String caseCoalition) {
    final OpenCase open = open(event.getCaseId());
    open.changed = true;
    open.stored
        .storedEvents()
        .put(
            CaseKeys.of(event.getCaseId(), event.getEventId()),
            new StoredEvent(
                event.getOccurredAt(),
                event.getRecordedAt(),
                arrivedAt,
                event.getCoalition().equals(caseCoalition) ? null : event.getCoalition(),
                event.getPayload()));
  }

  @Override
  public void putAlert(final String caseId, final String alertId, final AlertMark mark) {
    final OpenCase open = open(caseId);
    open.changed = true;
    open.stored.storedMarks().put(CaseKeys.of(caseId, alertId), mark);
  }

  @Override
  public void putRecord(final String caseId, final CaseRecord record) {
    final OpenCase open = open(caseId);
    open.changed = true;
    open.record = CaseRecords.copyOf(record);
  }

  @Override
  public Optional<Instant> clock(final Country country) {
    return Optional.ofNullable(clocks.get(country.name())).map(Instant::ofEpochMilli);
  }

  @Override
  public void putClock(final Country country, final Instant at) {
    clocks.put(country.name(), at.toEpochMilli());
  }

  @Override
  public Optional<Instant> arrivalClock() {
    return Optional.ofNullable(clocks.get(ARRIVAL_CLOCK)).map(Instant::ofEpochMilli);
  }

  @Override
  public void putArrivalClock(final Instant at) {
    clocks.put(ARRIVAL_CLOCK, at.toEpochMilli());
  }

  @Override
  public Optional<Instant> settledThrough() {
    return Optional.ofNullable(clocks.get(SETTLED_THROUGH)).map(Instant::ofEpochMilli);
  }

  @Override
  public void putSettledThrough(final Instant at) {
    clocks.put(SETTLED_THROUGH, at.toEpochMilli());
  }

  @Override
  public List<String> settlingBetween(final Instant after, final Instant through) {
    writeOut();
    final List<String> cases = new ArrayList<>();
    try (KeyValueIterator<String, CaseRecord> all = records.all()) {
      while (all.hasNext()) {
        final KeyValue<String, CaseRecord> entry = all.next();
        if (DueQueues.settlesBetween(entry.value, after, through)) {
          cases.add(entry.key);
        }
      }
    }
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
