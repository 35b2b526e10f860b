package org.casewatch.topology.internals.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * them.
 */
final class StoredCases implements CaseReader {

  private final ReadOnlyKeyValueStore<Bytes, StoredEvent> events;
  private final ReadOnlyKeyValueStore<Bytes, AlertMark> alerts;
  private final ReadOnlyKeyValueStore<String, CaseRecord> records;

  StoredCases(
      final ReadOnlyKeyValueStore<Bytes, StoredEvent> events,
      final ReadOnlyKeyValueStore<Bytes, AlertMark> alerts,
      final ReadOnlyKeyValueStore<String, CaseRecord> records) {
    this.events = events;
    this.alerts = alerts;
    this.records = records;
  }

  @Override
  public Optional<CaseRecord> record(final String caseId) {
    return Optional.ofNullable(records.get(caseId));
  }

  /** The stored event of the case with {@code eventId}, if any. */
  Optional<CaseEvent> event(final String caseId, final String eventId) {
    return Optional.ofNullable(events.get(CaseKeys.of(caseId, eventId)))
        .map(stored -> toEvent(caseId, eventId, stored, caseCoalition(caseId)));
  }

  @Override
  public List<CaseEvent> events(final String caseId) {
    final String coalition = caseCoalition(caseId);
    final List<CaseEvent> found = new ArrayList<>();
    try (KeyValueIterator<Bytes, StoredEvent> entries =
        events.prefixScan(CaseKeys.prefix(caseId), new BytesSerializer())) {
      while (entries.hasNext()) {
        final KeyValue<Bytes, StoredEvent> entry = entries.next();
        found.add(toEvent(caseId, CaseKeys.idOf(entry.key), entry.value, coalition));
      }
    }
    return found;
  }

  @Override
  public Map<String, AlertMark> alerts(final String caseId) {
    final Map<String, AlertMark> found = new LinkedHashMap<>();
    try (KeyValueIterator<Bytes, AlertMark> entries =
        alerts.prefixScan(CaseKeys.prefix(caseId), new BytesSerializer())) {
      while (entries.hasNext()) {
        final KeyValue<Bytes, AlertMark> entry = entries.next();
        found.put(CaseKeys.idOf(entry.key), entry.value);
      }
    }
    return found;
  }

  private String caseCoalition(final String caseId) {
    final CaseRecord record = records.get(caseId);
    return record == null ? "" : record.getCoalition();
  }

  private static CaseEvent toEvent(
      final String caseId,
      final String eventId,
      final StoredEvent stored,
      final String caseCoalition) {
    return CaseEvent.newBuilder()
        .setEventId(eventId)
        .setCaseId(caseId)
        .setCountry(CaseTracker.countryOf(caseId))
        .setCoalition(stored.getCoalition() == null ? caseCoalition : stored.getCoalition())
        .setOccurredAt(stored.getOccurredAt())
        .setRecordedAt(stored.getRecordedAt())
        .setPayload(stored.getPayload())
        .build();
  }
}
