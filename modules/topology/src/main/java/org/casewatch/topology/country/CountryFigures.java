package org.casewatch.topology.country;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.RuleId;

/**
 * A country's figures as the sum of its cases' contributions. Kafka Streams calls {@link #add}
 * with a case's new state and {@link #subtract} with its previous one, so a case that moves on
 * moves between counts and is never counted twice. Days from complaint to investigation are kept
 * as a sparse count per day, uncapped, so percentiles are exact and a subtraction undoes an
 * addition.
 */
public final class CountryFigures {

  /** The shares reported: complaints investigated within this many local days. */
  static final int[] WITHIN_DAYS = {10, 30, 90};

  private CountryFigures() {}

  /**
   * The figures before any case. Kafka's initializer does not know the key; the country is set by
   * the first {@link #add}.
   */
  public static CountryStats empty() {
    return CountryStats.newBuilder().setCountry(Country.KZ).build();
  }

  public static CountryStats add(final CaseState caseState, final CountryStats stats) {
    final CountryStats updated = apply(caseState, stats, 1);
    updated.setCountry(caseState.getCountry());
    final Instant lastEvent = caseState.getLastEventAt();
    if (lastEvent != null && (updated.getUpdatedAt() == null || lastEvent.isAfter(updated.getUpdatedAt()))) {
      updated.setUpdatedAt(lastEvent);
    }
    return updated;
  }

  public static CountryStats subtract(final CaseState caseState, final CountryStats stats) {
    return apply(caseState, stats, -1);
  }

  private static CountryStats apply(final CaseState c, final CountryStats old, final int sign) {
    final CountryStats s = CountryStats.newBuilder(old).build();
    if (c.getRegisteredAt() != null) {
      s.setCasesRegistered(s.getCasesRegistered() + sign);
      final int year = c.getRegisteredYear() != null ? c.getRegisteredYear() : c.getRegisteredAt().atZone(ZoneOffset.UTC).getYear();
      s.setCasesRegisteredByYear(count(s.getCasesRegisteredByYear(), Integer.toString(year), sign));
    }
    s.setComplaintsFiled(s.getComplaintsFiled() + sign * flag(c.getComplaintFiledAt() != null));
    s.setInvestigationsOpened(s.getInvestigationsOpened() + sign * flag(c.getInvestigationOpenedAt() != null));
    s.setInvestigationsOpenNow(s.getInvestigationsOpenNow() + sign * flag(c.getInvestigationOpenNow()));
    if (c.getOutcome() != null) {
      s.setClosedByOutcome(count(s.getClosedByOutcome(), c.getOutcome().name(), sign));
    }
    s.setCompensations(s.getCompensations() + sign * flag(c.getCompensatedAt() != null));
    Map<String, Long> amounts = s.getCompensationMinorByCurrency();
    for (final Map.Entry<String, Long> paid : c.getCompensationMinorByCurrency().entrySet()) {
      amounts = count(amounts, paid.getKey(), sign * paid.getValue());
    }
    s.setCompensationMinorByCurrency(amounts);
    s.setComplaintsWithdrawn(s.getComplaintsWithdrawn() + sign * flag(c.getWithdrawnAt() != null));
    s.setComplaintsWithdrawnAfterStall(s.getComplaintsWithdrawnAfterStall() + sign * flag(c.getWithdrawnAfterStall()));
    s.setCasesWithReprisals(s.getCasesWithReprisals() + sign * flag(c.getReprisalCount() > 0 || !c.getReprisals().isEmpty()));
    Map<String, Long> alerts = s.getOpenAlertsByRule();
    final Map<String, Long> open = openAlertsByRule(c);
    for (final Map.Entry<String, Long> rule : open.entrySet()) {
      alerts = count(alerts, rule.getKey(), sign * rule.getValue());
    }
    s.setOpenAlertsByRule(alerts);
    s.setComplaintsStalledNow(s.getComplaintsStalledNow() + sign * flag(open.containsKey(RuleId.STALLED_COMPLAINT.name())));

    s.setCriminalComplaints(s.getCriminalComplaints() + sign * flag(c.getFirstCriminalComplaintAt() != null));
    final Integer days = c.getDaysToInvestigation();
    if (days != null) {
      s.setDaysToInvestigationCounts(count(s.getDaysToInvestigationCounts(), Integer.toString(days), sign));
      s.setInvestigatedWithin10Days(s.getInvestigatedWithin10Days() + sign * flag(days <= WITHIN_DAYS[0]));
      s.setInvestigatedWithin30Days(s.getInvestigatedWithin30Days() + sign * flag(days <= WITHIN_DAYS[1]));
      s.setInvestigatedWithin90Days(s.getInvestigatedWithin90Days() + sign * flag(days <= WITHIN_DAYS[2]));
    }
    s.setDaysToInvestigationHistogram(List.of());
    s.setDaysToInvestigationMedian(percentile(s.getDaysToInvestigationCounts(), 0.5));
    s.setDaysToInvestigationP90(percentile(s.getDaysToInvestigationCounts(), 0.9));
    s.setInvestigatedWithin10DaysShare(share(s.getInvestigatedWithin10Days(), s.getCriminalComplaints()));
    s.setInvestigatedWithin30DaysShare(share(s.getInvestigatedWithin30Days(), s.getCriminalComplaints()));
    s.setInvestigatedWithin90DaysShare(share(s.getInvestigatedWithin90Days(), s.getCriminalComplaints()));
    return s;
  }

  /**
   * The p-quantile of the days counted in {@code counts} (days as keys), interpolated linearly
   * between the two order statistics around rank p·(n−1), as R's and NumPy's default does: the
   * median of {1, 30} is 15.5. Null when nothing is counted.
   */
  static Double percentile(final Map<String, Long> counts, final double p) {
    final TreeMap<Integer, Long> byDay = new TreeMap<>();
    counts.forEach((day, count) -> byDay.put(Integer.parseInt(day), count));
    final long total = byDay.values().stream().mapToLong(Long::longValue).sum();
    if (total <= 0) {
      return null;
    }
    final double rank = p * (total - 1);
    final long below = (long) Math.floor(rank);
    final double fraction = rank - below;
    final int lower = nth(byDay, below);
    final int upper = fraction == 0 ? lower : nth(byDay, below + 1);
    return lower + fraction * (upper - lower);
  }

  /** The day of the {@code index}-th (from 0) counted case in day order. */
  private static int nth(final TreeMap<Integer, Long> byDay, final long index) {
    long seen = 0;
    for (final Map.Entry<Integer, Long> day : byDay.entrySet()) {
      seen += day.getValue();
      if (seen > index) {
        return day.getKey();
      }
    }
    return byDay.lastKey();
  }

  /** The case's open alerts per rule; states written before the counts existed list them all. */
  private static Map<String, Long> openAlertsByRule(final CaseState c) {
    if (!c.getOpenAlertCountByRule().isEmpty() || c.getOpenAlerts().isEmpty()) {
      return c.getOpenAlertCountByRule();
    }
    final Map<String, Long> counts = new TreeMap<>();
    c.getOpenAlerts().forEach(alert -> counts.merge(alert.getRule().name(), 1L, Long::sum));
    return counts;
  }

  private static Double share(final long part, final long whole) {
    return whole <= 0 ? null : (double) part / whole;
  }

  private static long flag(final boolean condition) {
    return condition ? 1 : 0;
  }

  /** The map with {@code key} moved by {@code delta}; keys that reach zero disappear. */
  private static Map<String, Long> count(final Map<String, Long> counts, final String key, final long delta) {
    final TreeMap<String, Long> updated = new TreeMap<>(counts);
    final long value = updated.getOrDefault(key, 0L) + delta;
    if (value == 0) {
      updated.remove(key);
    } else {
      updated.put(key, value);
    }
    return updated;
  }
}
