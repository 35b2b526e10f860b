package org.casewatch.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseState;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import org.casewatch.model.OpenAlert;
import org.casewatch.model.ReprisalRecord;
import org.casewatch.model.RuleId;

/**
 * The per-country statement for one year, the figures the coalitions publish each 26 June:
 * computed from a replay as of the last instant of the year.
 */
public record YearReport(int year, List<CountryYear> countries, int[] alertsPerMonth) {

  /** One country's figures for the year. */
  public record CountryYear(
      Country country, long newCases, long complaints, long investigationsOpened, Map<String, Long> decisionsByOutcome,
      long compensations, Map<String, Long> compensationMinorByCurrency, long reprisals, long complaintsWithdrawn,
      long stalledComplaintsAtYearEnd, Double medianDaysToInvestigation) {}

  /** The replay's as-of instant for a year's statement: its last millisecond. */
  public static Instant endOf(final int year) {
    return LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
  }

  public static YearReport of(final int year, final ReplayResult replay) {
    final List<CountryYear> countries = new ArrayList<>();
    for (final Country country : Country.values()) {
      final List<CaseState> cases = replay.cases().stream().filter(c -> c.getCountry() == country).toList();
      final Map<String, Long> outcomes = new TreeMap<>();
      final Map<String, Long> amounts = new TreeMap<>();
      final List<Long> days = new ArrayList<>();
      long reprisals = 0;
      for (final CaseState c : cases) {
        if (in(country, year, c.getInvestigationClosedAt()) && c.getOutcome() != null) {
          outcomes.merge(c.getOutcome().name(), 1L, Long::sum);
        }
        if (in(country, year, c.getCompensatedAt())) {
          c.getCompensationMinorByCurrency().forEach((currency, amount) -> amounts.merge(currency, amount, Long::sum));
        }
        for (final ReprisalRecord reprisal : c.getReprisals()) {
          reprisals += in(country, year, reprisal.getOccurredAt()) ? 1 : 0;
        }
        if (in(country, year, c.getInvestigationOpenedAt()) && c.getComplaintFiledAt() != null
            && !c.getInvestigationOpenedAt().isBefore(c.getComplaintFiledAt())) {
          days.add(Duration.between(c.getComplaintFiledAt(), c.getInvestigationOpenedAt()).toDays());
        }
      }
      countries.add(new CountryYear(country,
          cases.stream().filter(c -> in(country, year, c.getRegisteredAt())).count(),
          cases.stream().filter(c -> in(country, year, c.getComplaintFiledAt())).count(),
          cases.stream().filter(c -> in(country, year, c.getInvestigationOpenedAt())).count(),
          outcomes,
          cases.stream().filter(c -> in(country, year, c.getCompensatedAt())).count(),
          amounts, reprisals,
          cases.stream().filter(c -> in(country, year, c.getWithdrawnAt())).count(),
          cases.stream().filter(c -> c.getOpenAlerts().stream().map(OpenAlert::getRule)
              .anyMatch(rule -> rule == RuleId.STALLED_COMPLAINT)).count(),
          median(days)));
    }
    // Each alert counts once, in the month it was raised: its deadline, or its triggering event.
    final int[] perMonth = new int[12];
    for (final Alert alert : replay.alerts()) {
      final Instant raised = alert.getDeadline() != null ? alert.getDeadline() : alert.getAt();
      if (in(alert.getCountry(), year, raised)) {
        perMonth[raised.atZone(Countries.zoneOf(alert.getCountry())).getMonthValue() - 1]++;
      }
    }
    return new YearReport(year, countries, perMonth);
  }

  public CountryYear of(final Country country) {
    return countries.stream().filter(c -> c.country() == country).findFirst().orElseThrow();
  }

  /** Whether {@code instant} falls in {@code year} of the country's own calendar, as statements count. */
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

  public String markdown() {
    final StringBuilder md = new StringBuilder("# Torture cases in Central Asia, ").append(year).append("\n\n")
        .append("Figures registered by the Coalitions against Torture, from casewatch as of ").append(endOf(year))
        .append(". Cases are pseudonymous.\n\n")
        .append("| | ").append(String.join(" | ", Arrays.stream(Country.values()).map(Enum::name).toList())).append(" |\n")
        .append("|---|---|---|---|---|---|\n");
    rows().forEach((label, values) -> md.append("| ").append(label).append(" | ").append(String.join(" | ", values)).append(" |\n"));
    md.append("\nAlerts raised per month: ").append(Arrays.toString(alertsPerMonth)).append('\n');
    return md.toString();
  }

  /** One self-contained HTML file with the table and charts. */
  public String html() {
    return YearReportHtml.render(this);
  }

  public String csv() {
    final StringBuilder csv = new StringBuilder("figure,").append(String.join(",", Arrays.stream(Country.values()).map(Enum::name).toList())).append('\n');
    rows().forEach((label, values) -> csv.append(ReplayFiles.csv(label)).append(',')
        .append(String.join(",", values.stream().map(ReplayFiles::csv).toList())).append('\n'));
    return csv.toString();
  }

  public String json() {
    try {
      final Map<String, Object> body = new LinkedHashMap<>();
      body.put("year", year);
      body.put("asOf", endOf(year).toString());
      body.put("countries", countries);
      body.put("alertsPerMonth", alertsPerMonth);
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .writeValueAsString(body) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The statement's rows: a label, then one value per country in Country order. */
  Map<String, List<String>> rows() {
    final Map<String, List<String>> rows = new LinkedHashMap<>();
    rows.put("new cases registered", column(c -> Long.toString(c.newCases())));
    rows.put("complaints filed", column(c -> Long.toString(c.complaints())));
    rows.put("investigations opened", column(c -> Long.toString(c.investigationsOpened())));
    rows.put("decisions by outcome", column(c -> c.decisionsByOutcome().isEmpty() ? "0" : c.decisionsByOutcome().toString()));
    rows.put("compensations", column(c -> Long.toString(c.compensations())));
    rows.put("compensation amounts (minor units)", column(c -> c.compensationMinorByCurrency().isEmpty() ? "-" : c.compensationMinorByCurrency().toString()));
    rows.put("reprisals reported", column(c -> Long.toString(c.reprisals())));
    rows.put("complaints withdrawn", column(c -> Long.toString(c.complaintsWithdrawn())));
    rows.put("stalled complaints at year end", column(c -> Long.toString(c.stalledComplaintsAtYearEnd())));
    rows.put("median days complaint to investigation", column(c -> c.medianDaysToInvestigation() == null ? "-" : c.medianDaysToInvestigation().toString()));
    return rows;
  }

  private List<String> column(final Function<CountryYear, String> value) {
    return countries.stream().map(value).toList();
  }
}
