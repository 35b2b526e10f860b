package org.casewatch.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.casewatch.model.Country;
import org.casewatch.model.ForensicStage;
import org.casewatch.model.UnStage;

/**
 * How the yearly statement words its figures for readers, not programs: the coalitions' labels for
 * the contract's symbols ("refused (no crime)", not REFUSED_NO_CRIME), money in major units with
 * its currency, local dates spelled out, shares as percentages.
 */
final class StatementWords {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

  /** Symbols whose plain label is not just the symbol in lower case. */
  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("REFUSED_NO_CRIME", "refused (no crime)"),
          Map.entry("REFUSED_TO_INITIATE", "refused to initiate"),
          Map.entry("REQUALIFIED_LESSER_OFFENCE", "requalified (lesser offence)"),
          Map.entry("DISCIPLINARY_ONLY", "disciplinary measures only"),
          Map.entry("OTHER_OUTCOME", "other outcome"),
          Map.entry("ILL_TREATMENT", "ill-treatment"),
          Map.entry("OTHER_ALLEGATION", "other allegation"),
          Map.entry("NATIONAL_SECURITY", "national security service"),
          Map.entry("PROSECUTOR", "prosecutor's office"),
          Map.entry("OTHER_AGENCY", "other agency"),
          Map.entry("UNKNOWN_AGENCY", "agency unknown"),
          Map.entry("PRE_TRIAL_DETENTION", "pre-trial detention"),
          Map.entry("OTHER_PLACE", "other place"),
          Map.entry("UNDER_18", "minors (under 18)"),
          Map.entry("FEMALE", "women"),
          Map.entry("RETURNED_FROM_ABROAD", "returned or extradited from abroad"),
          Map.entry("REQUESTED", "requested"),
          Map.entry("CONDUCTED", "conducted"),
          Map.entry("REFUSED", "refused"),
          Map.entry("SUBMITTED", "submitted"),
          Map.entry("REGISTERED", "registered by the committee"),
          Map.entry("VIEWS_ADOPTED", "views adopted"),
          Map.entry("STATE_REPLY", "state's follow-up reply"),
          Map.entry("3+", "3 times or more"),
          Map.entry("2", "twice"),
          Map.entry("1", "once"));

  /** Natural orders of some breakdowns: their symbols are steps or sizes, not rivals to rank. */
  static final List<String> REFUSALS = List.of("1", "2", "3+");

  static final List<String> VICTIM_PROFILES = List.of("UNDER_18", "FEMALE", "RETURNED_FROM_ABROAD");
  static final List<String> FORENSIC_STAGES =
      Arrays.stream(ForensicStage.values()).map(Enum::name).toList();
  static final List<String> UN_STAGES = Arrays.stream(UnStage.values()).map(Enum::name).toList();

  private StatementWords() {}

  /** The country's name in English. */
  static String name(final Country country) {
    return switch (country) {
      case KZ -> "Kazakhstan";
      case KG -> "Kyrgyzstan";
      case TJ -> "Tajikistan";
      case TM -> "Turkmenistan";
      case UZ -> "Uzbekistan";
    };
  }

  /**
   * The plain label of a contract symbol: its own wording, or the symbol in lower case with spaces.
   */
  static String label(final String symbol) {
    final String label = LABELS.get(symbol);
    return label != null ? label : symbol.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** "charged 1, refused (no crime) 33", largest first, then by label; "none" when empty. */
  static String breakdown(final Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "none";
    }
    return breakdown(counts, List.of());
  }

  /**
   * The same in a natural order: the symbols of {@code order} first, as listed, then any other by
   * label.
   */
  static String breakdown(final Map<String, Long> counts, final List<String> order) {
    if (counts.isEmpty()) {
      return "none";
    }
    return String.join(
        ", ",
        ordered(counts, order).stream().map(e -> label(e.getKey()) + " " + e.getValue()).toList());
  }

  /**
   * The entries of {@code counts} in {@code order}; without one, largest first, ties by label; for
   * text and charts alike.
   */
  static List<Map.Entry<String, Long>> ordered(
      final Map<String, Long> counts, final List<String> order) {
    final List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    final Comparator<Map.Entry<String, Long>> byLabel =
        Comparator.comparing(e -> label(e.getKey()));
    entries.sort(
        order.isEmpty()
            ? Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(byLabel)
            : Comparator.<Map.Entry<String, Long>>comparingInt(
                    e -> order.contains(e.getKey()) ? order.indexOf(e.getKey()) : order.size())
                .thenComparing(byLabel));
    return entries;
  }

  /** "22,410.00 TJS, 1,500.00 USD" for amounts in minor units per currency; "none" when empty. */
  static String money(final Map<String, Long> minorByCurrency) {
    if (minorByCurrency.isEmpty()) {
      return "none";
    }
    return String.join(
        ", ",
        minorByCurrency.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> money(e.getValue(), e.getKey()))
            .toList());
  }

  /**
   * An amount in minor units as major units with grouping and its code: 2241000 TJS is "22,410.00
   * TJS".
   */
  static String money(final long minor, final String currency) {
    final int digits = fractionDigits(currency);
    return String.format(
        Locale.ROOT,
        "%,." + digits + "f %s",
        BigDecimal.valueOf(minor).movePointLeft(digits),
        currency);
  }

  /** The same without grouping, for spreadsheets: "22410.00". */
  static String majorUnits(final long minor, final String currency) {
    return BigDecimal.valueOf(minor).movePointLeft(fractionDigits(currency)).toPlainString();
  }

  /**
   * The currency's minor-unit exponent (2 for KZT, KGS, TJS, TMT, UZS, USD, EUR, RUB) from
   * java.util.Currency; a code it does not know is taken as having none, so nothing is divided.
   */
  static int fractionDigits(final String currency) {
    try {
      return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException unknown) {
      return 0;
    }
  }

  /** "31 December 2016". */
  static String day(final LocalDate date) {
    return DAY.format(date);
  }

  /** "25%" (whole per cent, rounded half up); "-" without a denominator. */
  static String percent(final long part, final long whole) {
    if (whole <= 0) {
      return "-";
    }
    return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP)
        + "%";
  }

  /** "1 case", "2 cases". */
  static String count(final long n, final String one, final String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** "1 day", "12.5 days". */
  static String days(final double days) {
    return number(days) + (days == 1 ? " day" : " days");
  }

  /** "12", "12.5": a whole number without its ".0", otherwise one decimal. */
  static String number(final double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }
}
