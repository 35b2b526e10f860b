package org.casewatch.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.simulation.Histories;

/**
 * The history a fault run sends: the simulation's {@linkplain Histories#recent recent cases}, made
 * by the one generator the simulator, the test kit and the benchmarks use. Cases in all five
 * countries, each registered and complained of, some investigated, retaliated against or
 * compensated; every event happened in the day before the run, so no deadline falls due while the
 * run lasts and a live service and a replay of the same events must raise exactly the same alerts.
 * Seeded: the same seed and clock, the same events. What the run is checked against ({@link
 * IndependentFold}) is folded from these same events, never written down beforehand.
 */
final class KnownHistory {

  private final Map<Country, List<CaseEvent>> byCountry;
  private final int size;

  private KnownHistory(final Map<Country, List<CaseEvent>> byCountry, final int size) {
    this.byCountry = byCountry;
    this.size = size;
  }

  /** At least {@code events} events (whole cases), in the day before {@code now}. */
  static KnownHistory of(final int events, final long seed, final Instant now) {
    final List<CaseEvent> history = Histories.recent(seed, events, now);
    final Map<Country, List<CaseEvent>> byCountry = new EnumMap<>(Country.class);
    for (final CaseEvent event : history) {
      byCountry.computeIfAbsent(event.getCountry(), country -> new ArrayList<>()).add(event);
    }
    return new KnownHistory(byCountry, history.size());
  }

  int size() {
    return size;
  }

  /**
   * Each country's events in the order they are sent: the order they happened, so a case's events
   * go in the order of its story.
   */
  Map<Country, List<CaseEvent>> byCountry() {
    return byCountry;
  }
}
