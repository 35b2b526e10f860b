package org.casewatch.model;

/**
 * The shapes of ids every event carries, checked character by character: what {@link
 * CaseEventValidator#EVENT_ID}, {@link CaseEventValidator#COALITION} and {@link Countries#CASE_ID}
 * match, without a regular expression. Every event is checked as it is read, live and in a replay,
 * and the expressions cost a tenth of a replay's decoding.
 */
public final class IdShapes {

  private static final Country[] COUNTRIES = Country.values();

  private IdShapes() {}

  /**
   * Whether {@code id} matches {@link CaseEventValidator#EVENT_ID}: {@code [A-Za-z0-9._:-]{1,128}}.
   */
  public static boolean isEventId(final String id) {
    return madeOf(id, CaseEventValidator.MAX_EVENT_ID_LENGTH, true);
  }

  /**
   * Whether {@code id} matches {@link CaseEventValidator#COALITION}: {@code [A-Za-z0-9._-]{1,64}}.
   */
  public static boolean isCoalition(final String id) {
    return madeOf(id, 64, false);
  }

  /**
   * Whether {@code id} matches {@link Countries#CASE_ID}: a {@link Country}'s code, a dash, four
   * ASCII digits, a dash and one to six ASCII digits.
   */
  public static boolean isCaseId(final String id) {
    final int length = id.length();
    if (length < 9 || length > 14 || id.charAt(2) != '-' || id.charAt(7) != '-') {
      return false;
    }
    return ofACountry(id) && digits(id, 3, 7) && digits(id, 8, length);
  }

  /** Whether {@code id} starts with the two-letter code of one of the countries. */
  private static boolean ofACountry(final String id) {
    for (final Country country : COUNTRIES) {
      if (id.regionMatches(0, country.name(), 0, 2)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code code} is three ASCII capital letters, as an ISO 4217 code is written. */
  public static boolean isCurrencyCode(final String code) {
    if (code.length() != 3) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      final char c = code.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return true;
  }

  private static boolean madeOf(final String id, final int longest, final boolean colon) {
    final int length = id.length();
    if (length < 1 || length > longest) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      final char c = id.charAt(i);
      final boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-'
              || (colon && c == ':');
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  private static boolean digits(final String id, final int from, final int to) {
    for (int i = from; i < to; i++) {
      final char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
