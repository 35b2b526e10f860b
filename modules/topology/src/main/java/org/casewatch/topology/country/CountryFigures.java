package org.casewatch.topology.country;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.OpenAlert;
import org.casewatch.model.RuleId;

/**
 * A country's figures as the sum of its cases' contributions. Kafka Streams calls {@link #add}
 * with a case's new state and {@link #subtract} with its previous one, so a case that moves on
 * moves between counts and is never counted twice.
 */
public final class CountryFigures {

  /** Days from complaint to investigation are counted exactly up to this; beyond, in the last bucket. */
  public static final int HISTOGRAM_DAYS = 365;

  private CountryFigures() {}

  /**
   * The figures before any case. Kafka's initializer does not know the key; the country is set by
   * the first {@link #add}.
   */
  public static CountryStats empty() {
    final List<Long> histogram = new ArrayList<>(HISTOGRAM_DAYS + 1);
    for (int day = 0; day <= HISTOGRAM_DAYS; day++) {
      histogram.add(0L);
    }
    return CountryStats.newBuilder().setCountry(Country.KZ).setDaysToInvestigationHistogram(histogram).build();
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
      s.setCasesRegisteredByYear(count(s.getCasesRegisteredByYear(),
          Integer.toString(c.getRegisteredAt().atZone(ZoneOffset.UTC).getYear()), sign));
    }
    s.setComplaintsFiled(s.getComplaintsFiled() + sign * flag(c.getComplaintFiledAt() != null));
    s.setInvestigationsOpened(s.getInvestigationsOpened() + sign * flag(c.getInvestigationOpenedAt() != null));
    s.setInvestigationsOpenNow(s.getInvestigationsOpenNow()
        + sign * flag(c.getInvestigationOpenedAt() != null && c.getInvestigationClosedAt() == null));
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
    s.setCasesWithReprisals(s.getCasesWithReprisals() + sign * flag(!c.getReprisals().isEmpty()));
    Map<String, Long> alerts = s.getOpenAlertsByRule();
    for (final OpenAlert alert : c.getOpenAlerts()) {
      alerts = count(alerts, alert.getRule().name(), sign);
    }
    s.setOpenAlertsByRule(alerts);
    s.setComplaintsStalledNow(s.getComplaintsStalledNow()
        + sign * flag(c.getOpenAlerts().stream().anyMatch(a -> a.getRule() == RuleId.STALLED_COMPLAINT)));
    daysToInvestigation(c).ifPresent(days -> {
      final List<Long> histogram = new ArrayList<>(s.getDaysToInvestigationHistogram());
      final int bucket = (int) Math.min(days, HISTOGRAM_DAYS);
      histogram.set(bucket, histogram.get(bucket) + sign);
      s.setDaysToInvestigationHistogram(histogram);
    });
    s.setDaysToInvestigationMedian(percentile(s.getDaysToInvestigationHistogram(), 0.5));
    s.setDaysToInvestigationP90(percentile(s.getDaysToInvestigationHistogram(), 0.9));
    return s;
  }

  /** Whole days from complaint to investigation, if both happened in that order. */
  static OptionalLong daysToInvestigation(final CaseState c) {
    if (c.getComplaintFiledAt() == null || c.getInvestigationOpenedAt() == null
        || c.getInvestigationOpenedAt().isBefore(c.getComplaintFiledAt())) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Duration.between(c.getComplaintFiledAt(), c.getInvestigationOpenedAt()).toDays());
  }

  /** Nearest-rank percentile of a day histogram; null when it is empty. */
  static Double percentile(final List<Long> histogram, final double p) {
    final long total = histogram.stream().mapToLong(Long::longValue).sum();
    if (total <= 0) {
      return null;
    }
    final long rank = (long) Math.ceil(p * total);
    long seen = 0;
    for (int day = 0; day < histogram.size(); day++) {
      seen += histogram.get(day);
      if (seen >= rank) {
        return (double) day;
      }
    }
    return (double) (histogram.size() - 1);
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
