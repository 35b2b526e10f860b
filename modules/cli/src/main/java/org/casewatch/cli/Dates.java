package org.casewatch.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine.ITypeConverter;

/**
 * Dates on the command line: an ISO date means the end of that day (UTC), an instant is taken as
 * is.
 */
final class Dates implements ITypeConverter<Instant> {

  @Override
  public Instant convert(final String value) {
    if (value.length() == 10) {
      return LocalDate.parse(value)
          .plusDays(1)
          .atStartOfDay(ZoneOffset.UTC)
          .toInstant()
          .minusMillis(1);
    }
    return Instant.parse(value);
  }

  /** The start of the day (UTC) of an ISO date, for range starts. */
  static Instant startOf(final Instant endOfDay) {
    return endOfDay.plusMillis(1).minusSeconds(86_400);
  }
}
