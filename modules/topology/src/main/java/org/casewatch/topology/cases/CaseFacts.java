package org.casewatch.topology.cases;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;

/**
 * A case's distinct events in event-time order, with the questions rules and folding ask of them.
 * Arrival order never shows here: the same events give the same facts.
 */
public final class CaseFacts {

  /** Event-time order; the eventId breaks ties so the order is total and deterministic. */
  public static final Comparator<CaseEvent> EVENT_TIME_ORDER =
      Comparator.comparing(CaseEvent::getOccurredAt).thenComparing(CaseEvent::getEventId);

  private final String caseId;
  private final List<CaseEvent> events;

  /** {@code events} must be distinct by eventId and in {@link #EVENT_TIME_ORDER}; not empty. */
  public CaseFacts(final String caseId, final List<CaseEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("case " + caseId + " has no events");
    }
    this.caseId = caseId;
    this.events = List.copyOf(events);
  }

  public String caseId() {
    return caseId;
  }

  public Country country() {
    return events.get(0).getCountry();
  }

  /** The coalition of the latest event: the system that publishes the case now. */
  public String coalition() {
    return events.get(events.size() - 1).getCoalition();
  }

  public List<CaseEvent> events() {
    return events;
  }

  /** Events whose payload is a {@code type}, in event-time order. */
  public List<CaseEvent> all(final Class<?> type) {
    return events.stream().filter(event -> type.isInstance(event.getPayload())).toList();
  }

  /** The earliest event whose payload is a {@code type}. */
  public Optional<CaseEvent> first(final Class<?> type) {
    return events.stream().filter(event -> type.isInstance(event.getPayload())).findFirst();
  }

  /** The latest event whose payload is a {@code type}. */
  public Optional<CaseEvent> last(final Class<?> type) {
    final List<CaseEvent> matching = all(type);
    return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
  }

  /** When the earliest event of {@code type} occurred. */
  public Optional<Instant> firstAt(final Class<?> type) {
    return first(type).map(CaseEvent::getOccurredAt);
  }

  /** The earliest event of any of {@code types} that occurred at or before {@code limit}. */
  public Optional<CaseEvent> firstOfAtOrBefore(final Instant limit, final Class<?>... types) {
    return events.stream()
        .filter(event -> !event.getOccurredAt().isAfter(limit))
        .filter(event -> isAny(event, types))
        .findFirst();
  }

  /** The earliest event of any of {@code types}, whenever it occurred. */
  public Optional<CaseEvent> firstOf(final Class<?>... types) {
    return events.stream().filter(event -> isAny(event, types)).findFirst();
  }

  public Instant lastEventAt() {
    return events.get(events.size() - 1).getOccurredAt();
  }

  private static boolean isAny(final CaseEvent event, final Class<?>... types) {
    for (final Class<?> type : types) {
      if (type.isInstance(event.getPayload())) {
        return true;
      }
    }
    return false;
  }
}
