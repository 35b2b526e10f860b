package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadFailuresTest {

  private final AtomicLong now = new AtomicLong();
  private final List<Duration> pauses = new ArrayList<>();
  private final StreamThreadFailures failures = new StreamThreadFailures(now::get, pauses::add);

  @Test
  void aFirstFailureIsReplacedAtOnceAndFailuresInARowWaitLongerEachTimeUpToTenSeconds() {
    for (int failure = 0; failure < 8; failure++) {
      assertThat(failures.handle(new IllegalStateException("registry down")))
          .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
      now.addAndGet(Duration.ofSeconds(2).toNanos());
    }
    assertThat(pauses)
        .containsExactly(
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));
  }

  @Test
  void aThreadThatLivedACalmMinuteStartsAgainWithoutPause() {
    failures.handle(new IllegalStateException("one"));
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    failures.handle(new IllegalStateException("two"));
    now.addAndGet(Duration.ofMinutes(2).toNanos());
    failures.handle(new IllegalStateException("three, much later"));

    assertThat(pauses).containsExactly(Duration.ofMillis(500));
  }
}
