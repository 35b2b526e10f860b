package org.casewatch.topology.cases;

import java.time.Duration;

/**
 * Which clock judges deadlines. Alert ids do not depend on it; only when a deadline is noticed
 * does.
 */
public enum ClockMode {
  /**
   * Deadlines are checked against the wall clock every {@link #LIVE_CHECK_INTERVAL}, so a case
   * that goes silent is flagged within a minute of its deadline with no further events.
   */
  LIVE,
  /**
   * Deadlines are checked against the observed stream time (the latest occurredAt seen by the
   * task) only, so a replay of the same history is deterministic.
   */
  REPLAY;

  public static final Duration LIVE_CHECK_INTERVAL = Duration.ofSeconds(10);
}
