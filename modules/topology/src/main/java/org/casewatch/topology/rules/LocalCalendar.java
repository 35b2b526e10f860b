package org.casewatch.topology.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * A country's calendar: legal terms are counted in local days and end at the end of the last local
 * day, and statements count cases by local calendar year.
 */
public record LocalCalendar(ZoneId zone) {

  public LocalDate dateOf(final Instant instant) {
    return LocalDate.ofInstant(instant, zone);
  }

  /** The local date of {@code instant}, as ISO text for explanations. */
  public String date(final Instant instant) {
    return dateOf(instant).toString();
  }

  /**
   * The last millisecond of the local day {@code days} days after the local day of {@code start}.
   */
  public Instant deadline(final Instant start, final int days) {
    return dateOf(start).plusDays(days + 1L).atStartOfDay(zone).toInstant().minusMillis(1);
  }

  /** Whole local days from the day of {@code from} to the day of {@code to}. */
  public long daysBetween(final Instant from, final Instant to) {
    return ChronoUnit.DAYS.between(dateOf(from), dateOf(to));
  }

  public int yearOf(final Instant instant) {
    return dateOf(instant).getYear();
  }
}
