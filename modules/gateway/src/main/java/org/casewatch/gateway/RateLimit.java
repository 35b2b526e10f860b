package org.casewatch.gateway;

/**
 * How fast one coalition may publish through the gateway: a token bucket of {@code burst} events
 * refilled at {@code eventsPerSecond}. A batch spends one token per event, so a burst must hold at
 * least one full batch.
 *
 * @param eventsPerSecond the sustained rate (default 1000); 0 turns the limit off
 * @param burst how many events may arrive at once after a quiet spell (default 10000)
 */
public record RateLimit(double eventsPerSecond, int burst) {

  public RateLimit {
    if (!Double.isFinite(eventsPerSecond) || eventsPerSecond < 0 || burst < 1) {
      throw new IllegalArgumentException(
          "a rate limit needs a finite eventsPerSecond >= 0 (0: no limit) and burst >= 1, was "
              + eventsPerSecond
              + " and "
              + burst);
    }
  }

  public static RateLimit defaults() {
    return new RateLimit(1000, 10_000);
  }

  public static RateLimit unlimited() {
    return new RateLimit(0, 1);
  }

  boolean limited() {
    return eventsPerSecond > 0;
  }
}
