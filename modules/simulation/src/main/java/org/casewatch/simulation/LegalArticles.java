package org.casewatch.simulation;

import java.time.LocalDate;
import org.casewatch.model.Country;

/**
 * The criminal-code articles investigations are opened under, as short codes: each country's
 * torture article in force on a date, and the lesser article on abuse or exceeding of authority
 * that investigators often choose instead (a downgraded qualification). The simulator's own
 * defaults, like the domain notes: to be confirmed by the coalitions' lawyers.
 */
public final class LegalArticles {

  /** Kyrgyzstan's 2017 Criminal Code (torture: art. 143) came into force on this day. */
  private static final LocalDate KG_CODE_2017 = LocalDate.of(2019, 1, 1);

  /** Kyrgyzstan's 2021 Criminal Code (torture: art. 137) came into force on this day. */
  private static final LocalDate KG_CODE_2021 = LocalDate.of(2021, 12, 1);

  private LegalArticles() {}

  /** The torture article of {@code country} in force on the local date {@code on}. */
  public static String torture(final Country country, final LocalDate on) {
    return switch (country) {
      case KZ -> "CC-146";
      case KG ->
          on.isBefore(KG_CODE_2017) ? "CC-305-1" : on.isBefore(KG_CODE_2021) ? "CC-143" : "CC-137";
      case TJ -> "CC-143-1";
      case TM -> "CC-182";
      case UZ -> "CC-235";
    };
  }

  /** The abuse or exceeding of authority article of {@code country}. */
  public static String lesser(final Country country) {
    return switch (country) {
      case KZ -> "CC-362";
      case KG -> "CC-320";
      case TJ -> "CC-316";
      case TM -> "CC-358";
      case UZ -> "CC-206";
    };
  }
}
