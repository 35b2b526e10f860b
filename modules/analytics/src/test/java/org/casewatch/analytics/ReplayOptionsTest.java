package org.casewatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;

/** How many tasks the in-memory engine replays at once. */
class ReplayOptionsTest {

  private static final ReplayOptions AUTOMATIC =
      new ReplayOptions(
          "localhost:9092",
          "http://localhost:8081",
          Instant.parse("2020-01-01T00:00:00Z"),
          RulesFile.defaults(),
          "",
          Map.of());

  private static final int CORES = Runtime.getRuntime().availableProcessors();

  /** Records of a task such that the heap holds exactly {@code tasks} of them, for one table. */
  private static long heapHolding(final int tasks) {
    return Runtime.getRuntime().maxMemory() / (tasks * ReplayOptions.HEAP_PER_RECORD_BYTES);
  }

  @Test
  void threadsAskedForAreTakenUpToTheTasks() {
    assertThat(AUTOMATIC.withThreads(3).threadsFor(6, Long.MAX_VALUE, 20)).isEqualTo(3);
    assertThat(AUTOMATIC.withThreads(3).threadsFor(2, 1, 1)).isEqualTo(2);
  }

  @Test
  void smallTasksRunOnePerProcessor() {
    assertThat(AUTOMATIC.threadsFor(64, 1_000, 1)).isEqualTo(Math.min(CORES, 64));
    assertThat(AUTOMATIC.threadsFor(1, 1_000, 1)).isEqualTo(1);
  }

  @Test
  void tasksTheHeapCannotHoldTwiceRunOneAtATime() {
    assertThat(AUTOMATIC.threadsFor(6, heapHolding(1), 1)).isEqualTo(1);
    assertThat(AUTOMATIC.threadsFor(6, Long.MAX_VALUE, 1)).isEqualTo(1);
  }

  @Test
  void eachRuleTableOfAWhatIfNeedsItsShareOfTheHeap() {
    final long twoFit = heapHolding(2);
    assertThat(AUTOMATIC.threadsFor(6, twoFit, 1)).isEqualTo(Math.min(CORES, 2));
    assertThat(AUTOMATIC.threadsFor(6, twoFit, 20)).isEqualTo(1);
  }

  @Test
  void negativeThreadsAreRefused() {
    assertThatThrownBy(() -> AUTOMATIC.withThreads(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not -1");
  }
}
