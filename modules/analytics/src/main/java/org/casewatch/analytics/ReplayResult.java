package org.casewatch.analytics;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseState;
import org.casewatch.model.CountryStats;

/**
 * What a replay found as of its date: every case's state (by caseId), every country's figures (by
 * country), every alert in its latest status (by time, then id). Sorted, so the same history always
 * gives the same result.
 */
public record ReplayResult(
    Instant asOf,
    List<CaseState> cases,
    List<CountryStats> countries,
    List<Alert> alerts,
    long eventsRead,
    long deadLetters) {

  /**
   * The order of {@link #alerts()}: by time to the millisecond (what Avro keeps of it), then by id.
   */
  public static final Comparator<Alert> ALERT_ORDER =
      // Written out rather than chained: a replay sorts every task's alerts by it.
      (a, b) -> {
        final int byTime = Long.compare(a.getAt().toEpochMilli(), b.getAt().toEpochMilli());
        return byTime != 0 ? byTime : a.getAlertId().compareTo(b.getAlertId());
      };

  public ReplayResult {
    cases = readOnly(cases);
    countries = List.copyOf(countries);
    alerts = readOnly(alerts);
  }

  /**
   * The alerts at or after {@code start}: the end of {@link #alerts()}, which is in time order, as
   * a view (a copy of a million alerts would not fit where the replay did).
   */
  public List<Alert> alertsFrom(final Instant start) {
    int low = 0;
    int high = alerts.size();
    while (low < high) {
      final int middle = (low + high) >>> 1;
      if (alerts.get(middle).getAt().isBefore(start)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return alerts.subList(low, alerts.size());
  }

  /**
   * A copy, unless the list is already read-only results kept off the heap, which a copy would
   * bring back onto it.
   */
  private static <T> List<T> readOnly(final List<T> list) {
    return list instanceof SpilledRecords.Records<T> ? list : List.copyOf(list);
  }
}
