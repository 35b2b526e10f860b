package org.casewatch.analytics;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.casewatch.analytics.YearReport.CountryYear;
import org.casewatch.analytics.YearReport.RegisteredCases;

/**
 * One figure of the yearly statement: a stable name (the HTML's data-figure, for readers and
 * browser tests alike), whether it counts the year's events or the year's registered cases, a plain
 * label, and its value for a country, worded the same way in every format.
 */
record YearFigure(String name, Part part, String label, Function<CountryYear, Value> value) {

  /** Which count a figure belongs to. */
  enum Part {
    /** Events of the year, counted by their local date. */
    YEAR,
    /** The cases registered in the year, by its end, counted by their year of registration. */
    REGISTERED
  }

  /** A figure's value: a count, a share, days, counts per symbol, or amounts per currency. */
  sealed interface Value permits Count, Share, Days, Breakdown, Money {
    /** The value as the statement prints it. */
    String text();

    /** The value as a CSV cell: the same, but a number where it is one. */
    default String cell() {
      return text();
    }
  }

  record Count(long count) implements Value {
    @Override
    public String text() {
      return Long.toString(count);
    }
  }

  /** {@code part} of {@code whole}, printed as a percentage; "-" without a whole. */
  record Share(long part, long whole) implements Value {
    @Override
    public String text() {
      return StatementWords.percent(part, whole);
    }
  }

  record Days(Double days) implements Value {
    @Override
    public String text() {
      return days == null ? "-" : StatementWords.days(days);
    }

    @Override
    public String cell() {
      return days == null ? "-" : StatementWords.number(days);
    }
  }

  /**
   * Counts per contract symbol, printed with plain labels in {@code order} (largest first when
   * empty).
   */
  record Breakdown(Map<String, Long> counts, List<String> order) implements Value {
    Breakdown(final Map<String, Long> counts) {
      this(counts, List.of());
    }

    @Override
    public String text() {
      return StatementWords.breakdown(counts, order);
    }
  }

  /** Amounts in minor units per ISO 4217 code, printed in major units. */
  record Money(Map<String, Long> minorByCurrency) implements Value {
    @Override
    public String text() {
      return StatementWords.money(minorByCurrency);
    }
  }

  static final List<YearFigure> ALL =
      List.of(
          year("newCases", "new cases registered", c -> new Count(c.newCases())),
          year("complaints", "complaints filed", c -> new Count(c.complaints())),
          year(
              "investigationsOpened",
              "investigations opened",
              c -> new Count(c.investigationsOpened())),
          year(
              "decisionsByOutcome",
              "decisions by outcome",
              c -> new Breakdown(c.decisionsByOutcome())),
          year("compensations", "compensations awarded", c -> new Count(c.compensations())),
          year(
              "compensationMinorByCurrency",
              "compensation awarded",
              c -> new Money(c.compensationMinorByCurrency())),
          year("reprisals", "reprisals reported", c -> new Count(c.reprisals())),
          year(
              "complaintsWithdrawn",
              "complaints withdrawn",
              c -> new Count(c.complaintsWithdrawn())),
          year(
              "stalledComplaintsAtYearEnd",
              "stalled complaints at year end",
              c -> new Count(c.stalledComplaintsAtYearEnd())),
          year(
              "medianDaysToInvestigation",
              "median days complaint to investigation",
              c -> new Days(c.medianDaysToInvestigation())),
          registered(
              "casesWithComplaint", "cases with a complaint", r -> new Count(r.withComplaint())),
          registered("refusals", "refusals", r -> new Count(r.refusals())),
          registered(
              "casesByRefusals",
              "cases refused",
              r -> new Breakdown(r.casesByRefusals(), StatementWords.REFUSALS)),
          registered("appeals", "decisions appealed", r -> new Count(r.appeals())),
          registered("annulments", "decisions annulled", r -> new Count(r.annulments())),
          registered("reopenings", "investigations reopened", r -> new Count(r.reopenings())),
          registered("suspensions", "suspensions", r -> new Count(r.suspensions())),
          registered(
              "investigations",
              "investigations opened, reopenings included",
              r -> new Count(r.investigations())),
          registered(
              "independentInvestigations",
              "investigations by an independent body",
              r -> new Count(r.independentInvestigations())),
          registered(
              "independentInvestigationShare",
              "share of investigations by an independent body",
              r -> new Share(r.independentInvestigations(), r.investigations())),
          registered(
              "tortureArticleInvestigations",
              "investigations under the torture article",
              r -> new Count(r.tortureArticleInvestigations())),
          registered(
              "tortureArticleInvestigationShare",
              "share of investigations under the torture article",
              r -> new Share(r.tortureArticleInvestigations(), r.investigations())),
          registered(
              "examinationsByStage",
              "forensic examinations",
              r -> new Breakdown(r.examinationsByStage(), StatementWords.FORENSIC_STAGES)),
          registered(
              "independentExaminations",
              "examinations by an independent examiner",
              r -> new Count(r.independentExaminations())),
          registered(
              "examinedWithin3Days",
              "cases examined within 3 days of the first complaint",
              r -> new Count(r.examinedWithin3Days())),
          registered(
              "examinedWithin3DaysShare",
              "share of cases with a complaint examined within 3 days",
              r -> new Share(r.examinedWithin3Days(), r.withComplaint())),
          registered(
              "casesByAllegation",
              "cases by allegation",
              r -> new Breakdown(r.casesByAllegation())),
          registered("deathsInCustody", "deaths in custody", r -> new Count(r.deathsInCustody())),
          registered(
              "casesByPerpetratorAgency",
              "cases by alleged perpetrators",
              r -> new Breakdown(r.casesByPerpetratorAgency())),
          registered(
              "casesByPlaceOfDetention",
              "cases by place of detention",
              r -> new Breakdown(r.casesByPlaceOfDetention())),
          registered(
              "casesByVictimProfile",
              "victims",
              r -> new Breakdown(r.casesByVictimProfile(), StatementWords.VICTIM_PROFILES)),
          registered(
              "casesByUnStage",
              "UN communications by latest step",
              r -> new Breakdown(r.casesByUnStage(), StatementWords.UN_STAGES)),
          registered("casesCompensated", "cases compensated", r -> new Count(r.compensated())),
          registered(
              "compensationAwarded",
              "compensation awarded",
              r -> new Money(r.compensationAwardedMinorByCurrency())),
          registered(
              "compensationPaid",
              "compensation paid",
              r -> new Money(r.compensationPaidMinorByCurrency())));

  private static YearFigure year(
      final String name, final String label, final Function<CountryYear, Value> value) {
    return new YearFigure(name, Part.YEAR, label, value);
  }

  private static YearFigure registered(
      final String name, final String label, final Function<RegisteredCases, Value> value) {
    return new YearFigure(name, Part.REGISTERED, label, c -> value.apply(c.registered()));
  }

  /** The heading of the figures of {@code part} for {@code year}. */
  static String heading(final Part part, final int year) {
    return part == Part.YEAR
        ? "During " + year
        : "Cases registered in " + year + ", by the end of the year";
  }

  String text(final CountryYear country) {
    return value.apply(country).text();
  }

  /**
   * The figure's CSV rows, label first then one value per country: a count, share or days in one
   * row; a breakdown in one row per symbol and an amount in one row per currency (major units), so
   * that every cell is one number.
   */
  Map<String, List<String>> csvRows(final int year, final List<CountryYear> countries) {
    final String prefix = part == Part.REGISTERED ? "registered in " + year + ": " : "";
    final List<Value> values = countries.stream().map(value).toList();
    final Map<String, List<String>> rows = new LinkedHashMap<>();
    if (values.get(0) instanceof Breakdown) {
      // Rows in the breakdown's natural order, else by label: the same rows in the same place every
      // year.
      final List<String> order = ((Breakdown) values.get(0)).order();
      final TreeSet<String> keys =
          new TreeSet<>(
              Comparator.<String>comparingInt(
                      key -> order.contains(key) ? order.indexOf(key) : order.size())
                  .thenComparing(StatementWords::label)
                  .thenComparing(Comparator.naturalOrder()));
      values.forEach(v -> keys.addAll(((Breakdown) v).counts().keySet()));
      keys.forEach(
          key ->
              rows.put(
                  prefix + label + ": " + StatementWords.label(key),
                  values.stream()
                      .map(v -> Long.toString(((Breakdown) v).counts().getOrDefault(key, 0L)))
                      .toList()));
    } else if (values.get(0) instanceof Money) {
      final TreeSet<String> currencies = new TreeSet<>();
      values.forEach(v -> currencies.addAll(((Money) v).minorByCurrency().keySet()));
      currencies.forEach(
          currency ->
              rows.put(
                  prefix + label + " (" + currency + ")",
                  values.stream()
                      .map(
                          v ->
                              StatementWords.majorUnits(
                                  ((Money) v).minorByCurrency().getOrDefault(currency, 0L),
                                  currency))
                      .toList()));
    } else {
      rows.put(prefix + label, values.stream().map(Value::cell).toList());
    }
    return rows;
  }
}
