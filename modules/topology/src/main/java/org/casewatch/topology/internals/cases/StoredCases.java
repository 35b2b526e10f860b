package org.casewatch.topology.internals.cases;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.model.internal.StoredEvent;

/**
 * Reads cases from the case processor's stores: the processor's own, or the query API's view of
 * them. A case is one entry of the case-records store; a case an earlier release wrote and this one
 * has not written since keeps its events and marks in the case-events and case-alerts stores.
 */
final class StoredCases implements CaseReader {

  private final ReadOnlyKeyValueStore<Bytes, StoredEvent> events;
  private final ReadOnlyKeyValueStore<Bytes, AlertMark> alerts;
  private final ReadOnlyKeyValueStore<String, CaseRecord> records;
  private final boolean earlierLayout;

  /**
   * @param earlierLayout whether the case-events and case-alerts stores may hold cases an earlier
   *     release wrote: only then are they read
   */
  StoredCases(
      final ReadOnlyKeyValueStore<Bytes, StoredEvent> events,
      final ReadOnlyKeyValueStore<Bytes, AlertMark> alerts,
      final ReadOnlyKeyValueStore<String, CaseRecord> records,
      final boolean earlierLayout) {
    this.events = events;
    this.alerts = alerts;
    this.records = records;
    this.earlierLayout = earlierLayout;
  }

  /** The case as stored. */
  StoredCase load(final String caseId) {
    final CaseRecord stored = records.get(caseId);
    if (StoredCase.keptWhole(stored) || !earlierLayout) {
      return StoredCase.whole(caseId, stored);
    }
    final TreeMap<Bytes, StoredEvent> caseEvents = new TreeMap<>();
    try (KeyValueIterator<Bytes, StoredEvent> entries =
        events.prefixScan(CaseKeys.prefix(caseId), new BytesSerializer())) {
      entries.forEachRemaining(entry -> caseEvents.put(entry.key, entry.value));
    }
    final TreeMap<Bytes, AlertMark> caseMarks = new TreeMap<>();
    try (KeyValueIterator<Bytes, AlertMark> entries =
        alerts.prefixScan(CaseKeys.prefix(caseId), new BytesSerializer())) {
      entries.forEachRemaining(entry -> caseMarks.put(entry.key, entry.value));
    }
    return new StoredCase(
        caseId, stored, caseEvents, caseMarks, !caseEvents.isEmpty() || !caseMarks.isEmpty());
  }

  /** The cases with alerts: of the records that keep their marks, and of the earlier layout. */
  Set<String> casesWithAlerts() {
    final Set<String> cases = new LinkedHashSet<>();
    try (KeyValueIterator<String, CaseRecord> all = records.all()) {
      while (all.hasNext()) {
        final KeyValue<String, CaseRecord> entry = all.next();
        if (entry.value.getMarks() != null && !entry.value.getMarks().isEmpty()) {
          cases.add(entry.key);
        }
      }
    }
    if (earlierLayout) {
      try (KeyValueIterator<Bytes, AlertMark> all = alerts.all()) {
        while (all.hasNext()) {
          cases.add(CaseKeys.caseIdOf(all.next().key));
        }
      }
    }
    return cases;
  }

  @Override
  public Optional<CaseRecord> record(final String caseId) {
    return load(caseId).record();
  }

  @Override
  public List<CaseEvent> events(final String caseId) {
    return load(caseId).events();
  }

  @Override
  public Map<String, AlertMark> alerts(final String caseId) {
    return load(caseId).alerts();
  }
}
