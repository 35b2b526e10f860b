package org.casewatch.topology.country;

import java.util.Arrays;
import java.util.Map;

/**
 * Cases counted per day (the figures' sparse day → count maps, days as decimal keys), in day order:
 * read once, asked for as many percentiles as needed.
 */
final class DayCounts {

  private final int[] days;
  private final long[] counts;
  private final long total;

  private DayCounts(final int[] days, final long[] counts, final long total) {
    this.days = days;
    this.counts = counts;
    this.total = total;
  }

  static DayCounts of(final Map<String, Long> byDay) {
    final long[] packed = new long[byDay.size()];
    final long[] amounts = new long[byDay.size()];
    int i = 0;
    for (final Map.Entry<String, Long> day : byDay.entrySet()) {
      amounts[i] = day.getValue();
      // Day (high half) and its position (low half): sorting by day keeps each count with its day.
      packed[i] = ((long) Integer.parseInt(day.getKey()) << 32) | i;
      i++;
    }
    Arrays.sort(packed);
    final int[] days = new int[packed.length];
    final long[] counts = new long[packed.length];
    long total = 0;
    for (int k = 0; k < packed.length; k++) {
      days[k] = (int) (packed[k] >> 32);
      counts[k] = amounts[(int) packed[k]];
      total += counts[k];
    }
    return new DayCounts(days, counts, total);
  }

  /**
   * The p-quantile of the days counted, interpolated linearly between the two order statistics
   * around rank p·(n−1), as R's and NumPy's default does: the median of {1, 30} is 15.5. Null when
   * nothing is counted.
   */
  Double percentile(final double p) {
    if (total <= 0) {
      return null;
    }
    final double rank = p * (total - 1);
    final long below = (long) Math.floor(rank);
    final double fraction = rank - below;
    final int lower = nth(below);
    final int upper = fraction == 0 ? lower : nth(below + 1);
    return lower + fraction * (upper - lower);
  }

  /** The day of the {@code index}-th (from 0) counted case in day order. */
  private int nth(final long index) {
    long seen = 0;
    for (int k = 0; k < days.length; k++) {
      seen += counts[k];
      if (seen > index) {
        return days[k];
      }
    }
    return days[days.length - 1];
  }
}
