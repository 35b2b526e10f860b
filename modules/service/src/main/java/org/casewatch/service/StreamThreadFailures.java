package org.casewatch.service;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the service does when a stream thread dies: replaces it, so processing resumes where it
 * stopped. A thread that dies again soon after (the registry or Kafka still down, the same record
 * failing again) is replaced after a pause that doubles each time, up to {@link #MAX_PAUSE}, and
 * logged in one line: a dependency that stays down for an hour costs a few hundred lines, not a
 * stack trace every second. A thread that lives {@link #CALM} resets the pause.
 */
final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {

  static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  static final Duration MAX_PAUSE = Duration.ofSeconds(10);
  static final Duration CALM = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(StreamThreadFailures.class);

  private final LongSupplier nanoTime;
  private final Pauser pauser;
  private long lastFailure = Long.MIN_VALUE;
  private int inARow;

  /** How the dying thread waits before it is replaced; a test gives one that only records. */
  @FunctionalInterface
  interface Pauser {
    void pause(Duration duration) throws InterruptedException;
  }

  StreamThreadFailures() {
    this(System::nanoTime, duration -> Thread.sleep(duration.toMillis()));
  }

  StreamThreadFailures(final LongSupplier nanoTime, final Pauser pauser) {
    this.nanoTime = nanoTime;
    this.pauser = pauser;
  }

  @Override
  public StreamThreadExceptionResponse handle(final Throwable exception) {
    final Duration pause = nextPause();
    if (pause.isZero()) {
      log.error(
          "A stream thread failed; replacing it so processing resumes where it stopped", exception);
    } else {
      log.error(
          "A stream thread failed again ({} in a row): {}; replacing it in {} ms",
          inARow,
          exception.toString(),
          pause.toMillis());
      try {
        pauser.pause(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  /** Zero for the first failure after a calm minute; then 0.5 s, 1 s, 2 s, ... up to 10 s. */
  synchronized Duration nextPause() {
    final long now = nanoTime.getAsLong();
    final boolean calm = lastFailure == Long.MIN_VALUE || now - lastFailure > CALM.toNanos();
    lastFailure = now;
    inARow = calm ? 1 : inARow + 1;
    if (inARow == 1) {
      return Duration.ZERO;
    }
    final Duration doubled = FIRST_PAUSE.multipliedBy(1L << Math.min(inARow - 2, 10));
    return doubled.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : doubled;
  }
}
