package org.casewatch.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.AlertTriage;
import org.casewatch.model.CaseState;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.MinorUnits;
import org.casewatch.model.OpenAlert;
import org.casewatch.model.ReprisalRecord;
import org.casewatch.model.RuleId;
import org.casewatch.model.TriageState;
import org.casewatch.topology.country.CountryFigures;

/**
 * The per-country statement for one year, the figures the coalitions publish each 26 June: computed
 * from a replay as of the end of the year. Two kinds of figures, kept apart in every format: what
 * happened during the year (counted by the local date of the event), and what became of the cases
 * registered in the year by its end (CountryStats' figures by year of registration, the cohort the
 * statements count).
 */
public record YearReport(
    int year,
    List<CountryYear> countries,
    // Twelve counts, only rendered, never compared or hashed (YearReportHtml reads an int[]).
    @SuppressWarnings("ArrayRecordComponent") int[] alertsPerMonth,
    List<Response> response) {

  /**
   * How coordinators answered the year's alerts of one rule in one country, by the year's end: how
   * many were raised, acknowledged and closed, and the median days from the alert's time (its
   * deadline, or its triggering event) to the first acknowledgement and to the closing.
   */
  public record Response(
      Country country,
      RuleId rule,
      long raised,
      long acknowledged,
      Double medianDaysToAcknowledge,
      long closed,
      Double medianDaysToClose) {}

  /** One country's figures for the year. */
  public record CountryYear(
      Country country,
      long newCases,
      long complaints,
      long investigationsOpened,
      Map<String, Long> decisionsByOutcome,
      long compensations,
      Map<String, Long> compensationMinorByCurrency,
      long reprisals,
      long complaintsWithdrawn,
      long stalledComplaintsAtYearEnd,
      Double medianDaysToInvestigation,
      RegisteredCases registered) {}

  /**
   * What became of the cases registered in the year, by its end: the country's figures for that
   * year of registration, counts of events (refusals, appeals, ...) or of cases (by allegation,
   * ...).
   */
  public record RegisteredCases(
      long cases,
      long withComplaint,
      long refusals,
      Map<String, Long> casesByRefusals,
      long appeals,
      long annulments,
      long reopenings,
      long suspensions,
      long investigations,
      long independentInvestigations,
      long tortureArticleInvestigations,
      Map<String, Long> examinationsByStage,
      long independentExaminations,
      long examinedWithin3Days,
      Map<String, Long> casesByAllegation,
      Map<String, Long> casesByPerpetratorAgency,
      Map<String, Long> casesByPlaceOfDetention,
      Map<String, Long> casesByVictimProfile,
      long deathsInCustody,
      Map<String, Long> casesByUnStage,
      long compensated,
      Map<String, Long> compensationAwardedMinorByCurrency,
      Map<String, Long> compensationPaidMinorByCurrency) {

    static RegisteredCases of(final CountryStats stats, final int year) {
      final String key = Integer.toString(year);
      return new RegisteredCases(
          get(stats.getCasesRegisteredByYear(), key),
          get(stats.getComplaintsFiledByYear(), key),
          get(stats.getRefusalsByYear(), key),
          get2(stats.getCasesByRefusalsByYear(), key),
          get(stats.getAppealsByYear(), key),
          get(stats.getAnnulmentsByYear(), key),
          get(stats.getReopeningsByYear(), key),
          get(stats.getSuspensionsByYear(), key),
          get(stats.getInvestigationsByYear(), key),
          get(stats.getIndependentInvestigationsByYear(), key),
          get(stats.getTortureArticleInvestigationsByYear(), key),
          get2(stats.getExaminationsByStageByYear(), key),
          get(stats.getIndependentExaminationsByYear(), key),
          get(stats.getExaminedWithin3DaysByYear(), key),
          get2(stats.getCasesByAllegationByYear(), key),
          get2(stats.getCasesByPerpetratorAgencyByYear(), key),
          get2(stats.getCasesByPlaceOfDetentionByYear(), key),
          get2(stats.getCasesByVictimProfileByYear(), key),
          get(stats.getDeathsInCustodyByYear(), key),
          get2(stats.getCasesByUnStageByYear(), key),
          get(stats.getCompensationsByYear(), key),
          get2(stats.getCompensationMinorByYear(), key),
          get2(stats.getCompensationPaidMinorByYear(), key));
    }

    private static long get(final Map<String, Long> byYear, final String year) {
      return byYear.getOrDefault(year, 0L);
    }

    private static Map<String, Long> get2(
        final Map<String, Map<String, Long>> byYear, final String year) {
      return new TreeMap<>(byYear.getOrDefault(year, Map.of()));
    }
  }

  /**
   * The replay's as-of instant for a year's statement: the last millisecond of the year in the
   * country whose year ends last (Central Asia is east of UTC, so this is before the UTC year
   * ends). Events of the year everywhere are in; in a zone ahead of the latest-ending one, the
   * first hour or so of the next year is in too (counted by event date, it is left out; figures of
   * the cases registered in the year can include it).
   */
  public static Instant endOf(final int year) {
    return Countries.all().stream()
        .map(
            country ->
                LocalDate.of(year + 1, 1, 1)
                    .atStartOfDay(Countries.zoneOf(country))
                    .toInstant()
                    .minusMillis(1))
        .max(Instant::compareTo)
        .orElseThrow();
  }

  public static YearReport of(final int year, final ReplayResult replay) {
    final List<CountryYear> countries = new ArrayList<>();
    for (final Country country : Country.values()) {
      final List<CaseState> cases =
          replay.cases().stream().filter(c -> c.getCountry() == country).toList();
      final Map<String, Long> outcomes = new TreeMap<>();
      final Map<String, Long> amounts = new TreeMap<>();
      final List<Long> days = new ArrayList<>();
      long reprisals = 0;
      for (final CaseState c : cases) {
        if (in(country, year, c.getInvestigationClosedAt()) && c.getOutcome() != null) {
          outcomes.merge(c.getOutcome().name(), 1L, Long::sum);
        }
        if (in(country, year, c.getCompensatedAt())) {
          c.getCompensationMinorByCurrency()
              .forEach((currency, amount) -> amounts.merge(currency, amount, MinorUnits::sum));
        }
        for (final ReprisalRecord reprisal : c.getReprisals()) {
          reprisals += in(country, year, reprisal.getOccurredAt()) ? 1 : 0;
        }
        if (in(country, year, c.getInvestigationOpenedAt())
            && c.getComplaintFiledAt() != null
            && !c.getInvestigationOpenedAt().isBefore(c.getComplaintFiledAt())) {
          days.add(
              Duration.between(c.getComplaintFiledAt(), c.getInvestigationOpenedAt()).toDays());
        }
      }
      final CountryStats stats =
          replay.countries().stream()
              .filter(s -> s.getCountry() == country)
              .findFirst()
              .orElseGet(CountryFigures::empty);
      countries.add(
          new CountryYear(
              country,
              cases.stream().filter(c -> in(country, year, c.getRegisteredAt())).count(),
              cases.stream().filter(c -> in(country, year, c.getComplaintFiledAt())).count(),
              cases.stream().filter(c -> in(country, year, c.getInvestigationOpenedAt())).count(),
              outcomes,
              cases.stream().filter(c -> in(country, year, c.getCompensatedAt())).count(),
              amounts,
              reprisals,
              cases.stream().filter(c -> in(country, year, c.getWithdrawnAt())).count(),
              cases.stream()
                  .filter(
                      c ->
                          c.getOpenAlerts().stream()
                              .map(OpenAlert::getRule)
                              .anyMatch(rule -> rule == RuleId.STALLED_COMPLAINT))
                  .count(),
              median(days),
              RegisteredCases.of(stats, year)));
    }
    // Each alert counts once, in the month it was raised: its deadline, or its triggering event.
    final int[] perMonth = new int[12];
    for (final Alert alert : replay.alerts()) {
      final Instant raised = raisedAt(alert);
      if (in(alert.getCountry(), year, raised)) {
        perMonth[raised.atZone(Countries.zoneOf(alert.getCountry())).getMonthValue() - 1]++;
      }
    }
    return new YearReport(year, countries, perMonth, response(year, replay.alerts()));
  }

  /** The coordinators' response to the alerts raised in the year, per country and rule with any. */
  private static List<Response> response(final int year, final List<Alert> alerts) {
    // In country order (the enum's, as the rows have always come), then by rule name.
    final Map<Country, Map<String, List<Alert>>> byCountryAndRule = new EnumMap<>(Country.class);
    for (final Alert alert : alerts) {
      // A resolved alert of an event rule keeps its resolution's time, not its raise's: left out.
      final boolean raiseKnown =
          alert.getStatus() == AlertStatus.RAISED || alert.getDeadline() != null;
      if (raiseKnown && in(alert.getCountry(), year, raisedAt(alert))) {
        byCountryAndRule
            .computeIfAbsent(alert.getCountry(), country -> new TreeMap<>())
            .computeIfAbsent(alert.getRule().name(), rule -> new ArrayList<>())
            .add(alert);
      }
    }
    final List<Response> rows = new ArrayList<>();
    byCountryAndRule.values().stream()
        .flatMap(byRule -> byRule.values().stream())
        .forEach(
            group -> {
              final List<Long> toAcknowledge = new ArrayList<>();
              final List<Long> toClose = new ArrayList<>();
              for (final Alert alert : group) {
                final AlertTriage triage = alert.getTriage();
                if (triage != null && triage.getAcknowledgedAt() != null) {
                  toAcknowledge.add(
                      Math.max(
                          0,
                          Duration.between(raisedAt(alert), triage.getAcknowledgedAt()).toDays()));
                }
                if (triage != null
                    && triage.getState() == TriageState.CLOSED
                    && triage.getClosedAt() != null) {
                  toClose.add(
                      Math.max(
                          0, Duration.between(raisedAt(alert), triage.getClosedAt()).toDays()));
                }
              }
              rows.add(
                  new Response(
                      group.get(0).getCountry(),
                      group.get(0).getRule(),
                      group.size(),
                      toAcknowledge.size(),
                      median(toAcknowledge),
                      toClose.size(),
                      median(toClose)));
            });
    return rows;
  }

  /** When an alert was raised: its deadline, or its triggering event. */
  private static Instant raisedAt(final Alert alert) {
    return alert.getDeadline() != null ? alert.getDeadline() : alert.getAt();
  }

  public CountryYear of(final Country country) {
    return countries.stream().filter(c -> c.country() == country).findFirst().orElseThrow();
  }

  /**
   * Whether {@code instant} falls in {@code year} of the country's own calendar, as statements
   * count.
   */
  private static boolean in(final Country country, final int year, final Instant instant) {
    return instant != null && instant.atZone(Countries.zoneOf(country)).getYear() == year;
  }

  private static Double median(final List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    final long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    final int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
  }

  /** "31 December 2016": the statement's date, the last local day of the year in every country. */
  String asOfDay() {
    return StatementWords.day(LocalDate.of(year, 12, 31));
  }

  public String markdown() {
    final StringBuilder md =
        new StringBuilder("# Torture cases in Central Asia, ")
            .append(year)
            .append("\n\n")
            .append(
                "Figures registered by the Coalitions against Torture, from casewatch as of the end"
                    + " of ")
            .append(asOfDay())
            .append(" (each country's local time). Cases are pseudonymous.\n\n");
    for (final CountryYear country : countries) {
      md.append("## ").append(StatementWords.name(country.country())).append("\n\n");
      YearStatement.paragraphs(year, country)
          .forEach(paragraph -> md.append(paragraph).append("\n\n"));
    }
    md.append("## All countries\n\n")
        .append("| | ")
        .append(String.join(" | ", Arrays.stream(Country.values()).map(Enum::name).toList()))
        .append(" |\n")
        .append("|---|---|---|---|---|---|\n");
    YearFigure.Part part = null;
    for (final YearFigure figure : YearFigure.ALL) {
      if (figure.part() != part) {
        part = figure.part();
        md.append("| **")
            .append(YearFigure.heading(part, year))
            .append("** |")
            .append(" |".repeat(Country.values().length))
            .append('\n');
      }
      md.append("| ")
          .append(figure.label())
          .append(" | ")
          .append(String.join(" | ", column(figure::text)))
          .append(" |\n");
    }
    md.append("\nAlerts raised per month:\n\n| ")
        .append(String.join(" | ", List.of(YearReportHtml.MONTHS)))
        .append(" |\n|")
        .append("---|".repeat(12))
        .append("\n| ")
        .append(
            String.join(" | ", Arrays.stream(alertsPerMonth).mapToObj(Integer::toString).toList()))
        .append(" |\n");
    md.append(
        "\n"
            + "## Coordinators' response\n\n"
            + "The year's alerts by country and rule, as coordinators had answered them by the end"
            + " of the year (days from the alert's deadline or triggering event):\n\n"
            + "| country | rule | raised | acknowledged | median days to acknowledge | closed |"
            + " median days to close |\n"
            + "|---|---|---|---|---|---|---|\n");
    response.forEach(
        row ->
            md.append("| ")
                .append(StatementWords.name(row.country()))
                .append(" | ")
                .append(StatementWords.label(row.rule().name()))
                .append(" | ")
                .append(row.raised())
                .append(" | ")
                .append(row.acknowledged())
                .append(" | ")
                .append(days(row.medianDaysToAcknowledge()))
                .append(" | ")
                .append(row.closed())
                .append(" | ")
                .append(days(row.medianDaysToClose()))
                .append(" |\n"));
    if (response.isEmpty()) {
      md.append("| – | no alerts raised | | | | | |\n");
    }
    return md.toString();
  }

  static String days(final Double days) {
    return days == null ? "–" : days % 1 == 0 ? Long.toString(days.longValue()) : days.toString();
  }

  /** One self-contained HTML file with the statement, the tables and charts. */
  public String html() {
    return YearReportHtml.render(this);
  }

  /**
   * One row per figure (per outcome, allegation, ... and currency for breakdowns), one column per
   * country.
   */
  public String csv() {
    final StringBuilder csv =
        new StringBuilder("figure,")
            .append(String.join(",", Arrays.stream(Country.values()).map(Enum::name).toList()))
            .append('\n');
    for (final YearFigure figure : YearFigure.ALL) {
      figure
          .csvRows(year, countries)
          .forEach(
              (label, values) ->
                  csv.append(ReplayFiles.csv(label))
                      .append(',')
                      .append(String.join(",", values.stream().map(ReplayFiles::csv).toList()))
                      .append('\n'));
    }
    // The coordinators' response: per rule, one row per measure, one column per country.
    response.stream()
        .map(Response::rule)
        .distinct()
        .sorted()
        .forEach(
            rule -> {
              for (final String measure :
                  List.of(
                      "raised",
                      "acknowledged",
                      "median days to acknowledge",
                      "closed",
                      "median days to close")) {
                csv.append(ReplayFiles.csv("response " + rule + " " + measure));
                for (final Country country : Country.values()) {
                  final Response row =
                      response.stream()
                          .filter(r -> r.rule() == rule && r.country() == country)
                          .findFirst()
                          .orElse(null);
                  csv.append(',')
                      .append(
                          row == null
                              ? ""
                              : switch (measure) {
                                case "raised" -> Long.toString(row.raised());
                                case "acknowledged" -> Long.toString(row.acknowledged());
                                case "closed" -> Long.toString(row.closed());
                                case "median days to acknowledge" ->
                                    row.medianDaysToAcknowledge() == null
                                        ? ""
                                        : days(row.medianDaysToAcknowledge());
                                default ->
                                    row.medianDaysToClose() == null
                                        ? ""
                                        : days(row.medianDaysToClose());
                              });
                }
                csv.append('\n');
              }
            });
    return csv.toString();
  }

  public String json() {
    try {
      final Map<String, Object> body = new LinkedHashMap<>();
      body.put("year", year);
      body.put("asOf", endOf(year).toString());
      body.put("countries", countries);
      body.put("alertsPerMonth", alertsPerMonth);
      body.put("response", response);
      return new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
              .writeValueAsString(body)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> column(final Function<CountryYear, String> value) {
    return countries.stream().map(value).toList();
  }
}
