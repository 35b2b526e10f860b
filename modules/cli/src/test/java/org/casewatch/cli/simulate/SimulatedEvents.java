package org.casewatch.cli.simulate;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Countries;

/** Ways to look at simulated events in the simulator's specifications. */
final class SimulatedEvents {

  private SimulatedEvents() {}

  /** The payloads of one type, in the events' order. */
  static <T> List<T> payloads(final List<CaseEvent> events, final Class<T> type) {
    return events.stream()
        .map(CaseEvent::getPayload)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  static <T> long count(
      final List<CaseEvent> events, final Class<T> type, final Predicate<T> which) {
    return payloads(events, type).stream().filter(which).count();
  }

  static <T> long count(final List<CaseEvent> events, final Class<T> type) {
    return count(events, type, payload -> true);
  }

  /** Each case's events in time order, cases in the order of their first event. */
  static Map<String, List<CaseEvent>> byCase(final List<CaseEvent> events) {
    return events.stream()
        .sorted(Comparator.comparing(CaseEvent::getOccurredAt))
        .collect(
            Collectors.groupingBy(CaseEvent::getCaseId, LinkedHashMap::new, Collectors.toList()));
  }

  /**
   * Whether an event of {@code type} that passes {@code which} comes before position {@code index}
   * of a case.
   */
  static <T> boolean before(
      final List<CaseEvent> caseEvents,
      final int index,
      final Class<T> type,
      final Predicate<T> which) {
    return caseEvents.subList(0, index).stream()
        .map(CaseEvent::getPayload)
        .anyMatch(payload -> type.isInstance(payload) && which.test(type.cast(payload)));
  }

  static <T> boolean before(
      final List<CaseEvent> caseEvents, final int index, final Class<T> type) {
    return before(caseEvents, index, type, payload -> true);
  }

  /** The event's date in its country's own calendar. */
  static LocalDate localDate(final CaseEvent event) {
    return event.getOccurredAt().atZone(Countries.zoneOf(event.getCountry())).toLocalDate();
  }
}
