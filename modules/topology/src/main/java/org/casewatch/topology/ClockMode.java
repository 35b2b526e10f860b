package org.casewatch.topology;

import java.time.Duration;

/**
 * Which clock judges deadlines. Alert ids do not depend on it; only when a deadline is noticed
 * does.
 */
public enum ClockMode {
  /**
   * Deadlines are judged against the wall clock every {@link Settling#checkInterval()} (10 s by
   * default), whatever traffic the partition carries, for every case that has been quiet for the
   * {@link Settling#window()} (30 s by default): a case that goes silent is flagged within a minute
   * of its deadline, and a case whose events arrive together (an archive import, a backlog) is
   * judged on all of them.
   */
  LIVE,
  /**
   * Deadlines are judged against each country's own clock, the latest event time of its events
   * only, so a replay of the same history is deterministic; a case counts as settled once the
   * arrivals (record timestamps) seen have moved {@link #LIVE_SETTLE} (the default settling window)
   * past its own, or at the replay's final tick.
   */
  REPLAY;

  public static final Duration LIVE_CHECK_INTERVAL = Duration.ofSeconds(10);
  public static final Duration LIVE_SETTLE = Duration.ofSeconds(30);

  /**
   * LIVE: after the latest event processed, how long a task that was reading a backlog still counts
   * as catching up (no deadline called missed meanwhile), whatever the settling window: it covers
   * gaps of the stream thread (a rebalance, a commit, a pause), not a case going quiet.
   */
  public static final Duration LIVE_BACKLOG_GRACE = Duration.ofSeconds(30);

  /**
   * LIVE: an event that arrived longer ago than this when it is processed comes from a backlog
   * (downtime, lag). Generous, so that a broker clock some minutes off the service's is not taken
   * for a backlog.
   */
  public static final Duration LIVE_BACKLOG = Duration.ofMinutes(5);
}
