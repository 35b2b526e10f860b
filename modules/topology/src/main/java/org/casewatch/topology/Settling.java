package org.casewatch.topology;

import java.time.Duration;

/**
 * How long a case must be quiet before its deadlines are judged, and (LIVE) how often the wall
 * clock looks for such cases. Quiet means no event of the case arrived for {@code window}: a case
 * whose events arrive together (an archive import, a batch a coalition sends over some seconds) is
 * judged on all of them, never on half. The default, 30 s with a check every 10 s, is what the
 * rules were written for; a service may take a shorter window where its coalitions send each case's
 * events at once, or a longer one where they trickle in.
 *
 * @param window a case is judged once no event of it arrived for this long
 * @param checkInterval LIVE: how often the wall clock judges the cases that have settled
 */
public record Settling(Duration window, Duration checkInterval) {

  /** 30 s, checked every 10 s. */
  public static final Settling DEFAULT =
      new Settling(ClockMode.LIVE_SETTLE, ClockMode.LIVE_CHECK_INTERVAL);

  public Settling {
    if (window.compareTo(Duration.ofSeconds(1)) < 0
        || checkInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "a settling window and its check interval are at least 1 s, were "
              + window
              + " and "
              + checkInterval);
    }
  }

  /**
   * A window of {@code window}, checked every third of it, at least every second and at most every
   * 10 s (the default's check).
   */
  public static Settling of(final Duration window) {
    final Duration third = window.dividedBy(3);
    final Duration check =
        third.compareTo(Duration.ofSeconds(1)) < 0
            ? Duration.ofSeconds(1)
            : third.compareTo(ClockMode.LIVE_CHECK_INTERVAL) > 0
                ? ClockMode.LIVE_CHECK_INTERVAL
                : third;
    return new Settling(window, check);
  }
}
