package org.casewatch.faults;

import java.time.Duration;

/**
 * The harness's one way of waiting between two looks at a process it does not control (a broker
 * coming back, a service catching up). Polling at a fixed short interval: never a guess at how long
 * something takes.
 */
final class Pause {

  static final Duration INTERVAL = Duration.ofMillis(200);

  private Pause() {}

  static void briefly() throws InterruptedException {
    Thread.sleep(INTERVAL.toMillis());
  }

  static void of(final Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }
}
