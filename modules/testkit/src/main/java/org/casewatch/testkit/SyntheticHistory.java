package org.casewatch.testkit;

import java.time.Instant;
import java.util.List;
import org.casewatch.model.CaseEvent;
import org.casewatch.simulation.Histories;

/**
 * A seeded, reproducible history of many cases with the shapes the coalitions report: most cases
 * see a complaint, few an investigation, some a reprisal or a withdrawal. For tests that need
 * volume and variety rather than one crafted case. The simulation's {@link Histories#reported}
 * shape, under the name the tests know.
 */
public final class SyntheticHistory {

  private SyntheticHistory() {}

  /**
   * {@code casesPerCountry} cases in every country, registered within a year of {@code start};
   * event-time order.
   */
  public static List<CaseEvent> generate(
      final long seed, final int casesPerCountry, final Instant start) {
    return Histories.reported(seed, casesPerCountry, start);
  }
}
