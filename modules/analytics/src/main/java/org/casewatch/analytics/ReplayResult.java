package org.casewatch.analytics;

import java.time.Instant;
import java.util.List;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseState;
import org.casewatch.model.CountryStats;

/**
 * What a replay found as of its date: every case's state (by caseId), every country's figures
 * (by country), every alert in its latest status (by time, then id). Sorted, so the same history
 * always gives the same result.
 */
public record ReplayResult(
    Instant asOf, List<CaseState> cases, List<CountryStats> countries, List<Alert> alerts, long eventsRead,
    long deadLetters) {

  public ReplayResult {
    cases = List.copyOf(cases);
    countries = List.copyOf(countries);
    alerts = List.copyOf(alerts);
  }
}
