package org.casewatch.topology.internals.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.model.internal.KeptEvent;
import org.casewatch.model.internal.KeptMark;
import org.casewatch.model.internal.StoredEvent;
import org.casewatch.topology.internals.stores.StoredEventIds;

/**
 * One case as read from the case processor's stores: its record and its events and alert marks,
 * which the record keeps since December 2026 (one entry per case, written whole). A case an earlier
 * release wrote keeps them in the case-events and case-alerts stores, one entry each, until it is
 * next written. Events and marks are ordered by their keys in those stores, as a prefix scan of
 * them hands them out, so either layout reads the same.
 */
final class StoredCase {

  private final String caseId;
  private final CaseRecord record;
  private final SortedMap<Bytes, StoredEvent> events;
  private final SortedMap<Bytes, AlertMark> marks;
  private final boolean inEarlierLayout;

  StoredCase(
      final String caseId,
      final CaseRecord record,
      final SortedMap<Bytes, StoredEvent> events,
      final SortedMap<Bytes, AlertMark> marks,
      final boolean inEarlierLayout) {
    this.caseId = caseId;
    this.record = record;
    this.events = events;
    this.marks = marks;
    this.inEarlierLayout = inEarlierLayout;
  }

  /**
   * The case kept whole in {@code stored} (null: none; without events or marks: it has none), its
   * events and marks moved out of the record into maps by key; the record is left without them.
   */
  static StoredCase whole(final String caseId, final CaseRecord stored) {
    final TreeMap<Bytes, StoredEvent> events = new TreeMap<>();
    final TreeMap<Bytes, AlertMark> marks = new TreeMap<>();
    if (keptWhole(stored)) {
      final List<Bytes> eventKeys = new ArrayList<>(stored.getEvents().size());
      for (final KeptEvent kept : stored.getEvents()) {
        final Bytes key = CaseKeys.of(caseId, StoredEventIds.text(kept.getId()));
        eventKeys.add(key);
        final Instant recordedAt = kept.getOccurredAt().plusMillis(kept.getRecordedAfter());
        events.put(
            key,
            new StoredEvent(
                kept.getOccurredAt(),
                recordedAt,
                recordedAt.plusMillis(kept.getArrivedAfter()),
                kept.getCoalition(),
                kept.getPayload()));
      }
      for (final KeptMark kept : stored.getMarks()) {
        final AlertMark mark = kept.getMark();
        if (kept.getTriggeredBy() != null) {
          mark.setTriggeringEventId(
              StoredEventIds.compact(CaseKeys.idOf(eventKeys.get(kept.getTriggeredBy()))));
        }
        if (kept.getDeadlineAtRaise()) {
          mark.setDeadline(mark.getRaisedAt());
        }
        marks.put(CaseKeys.of(caseId, StoredEventIds.text(kept.getId())), mark);
      }
    }
    if (stored != null) {
      stored.setEvents(null);
      stored.setMarks(null);
    }
    return new StoredCase(caseId, stored, events, marks, false);
  }

  /** Whether {@code stored} keeps the case's events and marks (written since December 2026). */
  static boolean keptWhole(final CaseRecord stored) {
    return stored != null && stored.getEvents() != null && stored.getMarks() != null;
  }

  /** The record as stored, without events and marks; a copy the caller may change. */
  Optional<CaseRecord> record() {
    return record == null ? Optional.empty() : Optional.of(CaseRecords.copyOf(record));
  }

  /** Whether its events and marks were read from the stores of an earlier release. */
  boolean inEarlierLayout() {
    return inEarlierLayout;
  }

  SortedMap<Bytes, StoredEvent> storedEvents() {
    return events;
  }

  SortedMap<Bytes, AlertMark> storedMarks() {
    return marks;
  }

  List<CaseEvent> events() {
    final String coalition = coalition();
    final List<CaseEvent> found = new ArrayList<>(events.size());
    events.forEach(
        (key, stored) -> found.add(toEvent(caseId, CaseKeys.idOf(key), stored, coalition)));
    return found;
  }

  Optional<CaseEvent> event(final String eventId) {
    return Optional.ofNullable(events.get(CaseKeys.of(caseId, eventId)))
        .map(stored -> toEvent(caseId, eventId, stored, coalition()));
  }

  Map<String, AlertMark> alerts() {
    final Map<String, AlertMark> found = new LinkedHashMap<>();
    marks.forEach((key, mark) -> found.put(CaseKeys.idOf(key), mark));
    return found;
  }

  /**
   * {@code record} with the events and marks of this case, as the case-records store keeps a case
   * whole.
   */
  CaseRecord keptIn(final CaseRecord record) {
    final CaseRecord value = CaseRecords.copyOf(record);
    final List<KeptEvent> keptEvents = new ArrayList<>(events.size());
    final Map<String, Integer> places = new HashMap<>();
    events.forEach(
        (key, event) -> {
          final String eventId = CaseKeys.idOf(key);
          places.put(eventId, keptEvents.size());
          keptEvents.add(
              new KeptEvent(
                  StoredEventIds.compact(eventId),
                  event.getOccurredAt(),
                  Duration.between(event.getOccurredAt(), event.getRecordedAt()).toMillis(),
                  Duration.between(event.getRecordedAt(), event.getArrivedAt()).toMillis(),
                  event.getCoalition(),
                  event.getPayload()));
        });
    final List<KeptMark> keptMarks = new ArrayList<>(marks.size());
    marks.forEach(
        (key, mark) -> {
          final Integer place = places.get(StoredEventIds.text(mark.getTriggeringEventId()));
          final boolean deadlineAtRaise = mark.getRaisedAt().equals(mark.getDeadline());
          final AlertMark kept =
              place == null && !deadlineAtRaise ? mark : AlertMark.newBuilder(mark).build();
          if (place != null) {
            kept.setTriggeringEventId(null);
          }
          if (deadlineAtRaise) {
            kept.setDeadline(null);
          }
          keptMarks.add(
              new KeptMark(
                  StoredEventIds.compact(CaseKeys.idOf(key)), kept, place, deadlineAtRaise));
        });
    value.setEvents(keptEvents);
    value.setMarks(keptMarks);
    return value;
  }

  private String coalition() {
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
