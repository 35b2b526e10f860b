package org.casewatch.topology.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A rule's threshold as the law (or the coalition's lawyers) set it from a date: days for deadline
 * rules, a count or an amount for others. A threshold is in force from {@code since} until the next
 * entry's {@code since}; a date before the first entry has none, and the rule does not judge it.
 *
 * @param since the first local date it applies to
 * @param threshold the value, in the rule's unit
 * @param source where it comes from, shown in every explanation the rule gives
 */
public record DatedThreshold(LocalDate since, long threshold, String source) {

  public DatedThreshold {
    if (since == null) {
      throw new IllegalArgumentException(
          "a dated threshold needs 'since', the first date it applies to, e.g. 2015-01-01");
    }
    if (threshold < 0) {
      throw new IllegalArgumentException(
          "a threshold cannot be negative, was " + threshold + " (since " + since + ")");
    }
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException(
          "the threshold since " + since + " names no 'source': say which law or decision sets it");
    }
  }

  /** The entry of {@code entries} in force on {@code date}, if any. */
  public static Optional<DatedThreshold> inForce(
      final List<DatedThreshold> entries, final LocalDate date) {
    DatedThreshold latest = null;
    for (final DatedThreshold entry : entries) {
      if (!entry.since.isAfter(date) && (latest == null || entry.since.isAfter(latest.since))) {
        latest = entry;
      }
    }
    return Optional.ofNullable(latest);
  }

  /** The threshold as explanations show it, e.g. "30 days (since 2015-01-01; CPC art. 100)". */
  public String describe(final String unit) {
    return threshold
        + " "
        + unit
        + " ("
        + (since.equals(LocalDate.MIN) ? "" : "since " + since + "; ")
        + source
        + ")";
  }
}
