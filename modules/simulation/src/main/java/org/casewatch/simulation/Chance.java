package org.casewatch.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The dice of every shape: one seeded {@link Random} drawn in a fixed order, so the same seed gives
 * the same cases. The simulator's delays ({@link #days}, {@link #hours}) are at least a minute, so
 * the events of a chain never share an instant and their order in time is the order of the story.
 */
final class Chance {

  private final Random random;

  Chance(final long seed) {
    this.random = new Random(seed);
  }

  /** True with the given probability. */
  boolean of(final double probability) {
    return random.nextDouble() < probability;
  }

  /** A number in [0, 1), for choosing among several shares. */
  double roll() {
    return random.nextDouble();
  }

  /** A whole number from {@code from} to {@code to}, both included. */
  int between(final int from, final int to) {
    return from + random.nextInt(to - from + 1);
  }

  /** From {@code from} to {@code to} days, plus a part of a day. */
  Duration days(final int from, final int to) {
    return Duration.ofDays(between(from, to)).plusMinutes(between(1, 24 * 60 - 1));
  }

  /**
   * From {@code from} to {@code to} days, plus any minute of the day, none included: the delays of
   * the reported and long shapes, whose chains need not be strictly ordered in time.
   */
  Duration daysAndAnyMinute(final int from, final int to) {
    return Duration.ofDays(between(from, to)).plusMinutes(random.nextInt(24 * 60));
  }

  /** From {@code from} to {@code to} hours, plus a part of an hour. */
  Duration hours(final int from, final int to) {
    return Duration.ofHours(between(from, to)).plusMinutes(between(1, 59));
  }

  /** An instant strictly between two instants at least two milliseconds apart. */
  Instant within(final Instant from, final Instant to) {
    final long span = Duration.between(from, to).toMillis();
    return from.plusMillis(1 + (long) (random.nextDouble() * (span - 1)));
  }

  @SafeVarargs
  final <T> T pick(final T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  void shuffle(final List<?> list) {
    Collections.shuffle(list, random);
  }
}
