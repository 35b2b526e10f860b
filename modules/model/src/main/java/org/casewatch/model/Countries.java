package org.casewatch.model;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Facts about the five countries that the rest of casewatch needs: parsing codes, checking that a
 * pseudonymous caseId belongs to a country, and each country's time zone.
 */
public final class Countries {

  /**
   * A caseId is the country code, the year the case was registered and a sequence number, e.g.
   * {@code KZ-2016-0042}. The shape leaves no room for a name.
   */
  public static final Pattern CASE_ID = Pattern.compile("(KZ|KG|TJ|TM|UZ)-(\\d{4})-(\\d{1,6})");

  private static final List<Country> ALL = List.of(Country.values());

  private Countries() {}

  /** All five countries. */
  public static List<Country> all() {
    return ALL;
  }

  /** The country for a code in any case ("kz", "KZ"), or empty if there is none. */
  public static Optional<Country> fromCode(final String code) {
    if (code == null) {
      return Optional.empty();
    }
    final String upper = code.trim().toUpperCase(Locale.ROOT);
    return ALL.stream().filter(country -> country.name().equals(upper)).findFirst();
  }

  /**
   * The country's own time zone, in which its dates are local dates: the defaults of the topology's
   * rule table ({@code timeZone} in casewatch-rules.yaml). Ingestion reads a date without a time,
   * such as {@code 2016-03-02}, as the start of that day in this zone.
   */
  public static ZoneId zoneOf(final Country country) {
    return switch (country) {
      case KZ -> ZoneId.of("Asia/Almaty");
      case KG -> ZoneId.of("Asia/Bishkek");
      case TJ -> ZoneId.of("Asia/Dushanbe");
      case TM -> ZoneId.of("Asia/Ashgabat");
      case UZ -> ZoneId.of("Asia/Tashkent");
    };
  }

  /** Whether {@code caseId} has the caseId shape and the prefix of {@code country}. */
  public static boolean isCaseIdOf(final Country country, final String caseId) {
    return caseId != null && IdShapes.isCaseId(caseId) && caseId.startsWith(country.name() + "-");
  }
}
