package org.casewatch.analytics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.casewatch.json.AvroJson;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.AlertTriage;
import org.casewatch.model.CaseState;
import org.casewatch.model.CountryStats;
import org.casewatch.model.OpenAlert;

/**
 * Writes a replay's result as CSV and JSON Lines plus a Markdown summary. Only the result goes in
 * (no run time, no host): the same history gives byte-identical files. Columns are documented in
 * docs/analysts.md.
 */
public final class ReplayFiles {

  /** CSV columns of case-states.csv. */
  static final List<String> CASE_COLUMNS =
      List.of(
          "caseId",
          "country",
          "coalition",
          "stage",
          "outcome",
          "registeredAt",
          "complaintFiledAt",
          "investigationOpenedAt",
          "investigationClosedAt",
          "compensatedAt",
          "withdrawnAt",
          "reprisals",
          "compensationMinorByCurrency",
          "openAlertRules",
          "inconsistent",
          "eventCount",
          "lastEventAt",
          "investigationOpenNow",
          "withdrawnAfterStall",
          "daysToInvestigation");

  /** CSV columns of country-stats.csv. */
  static final List<String> COUNTRY_COLUMNS =
      List.of(
          "country",
          "casesRegistered",
          "complaintsFiled",
          "investigationsOpened",
          "investigationsOpenNow",
          "compensations",
          "complaintsWithdrawn",
          "complaintsStalledNow",
          "casesWithReprisals",
          "daysToInvestigationMedian",
          "daysToInvestigationP90",
          "complaintsWithdrawnAfterStall",
          "criminalComplaints",
          "investigatedWithin10DaysShare",
          "investigatedWithin30DaysShare",
          "investigatedWithin90DaysShare");

  /** CSV columns of alerts.csv. */
  static final List<String> ALERT_COLUMNS =
      List.of(
          "alertId",
          "caseId",
          "country",
          "rule",
          "ruleVersion",
          "status",
          "resolution",
          "severity",
          "at",
          "deadline",
          "thresholdDays",
          "rulesVersion",
          "explanation",
          "triage",
          "assignee",
          "acknowledgedAt",
          "closedAt",
          "closeReason");

  private ReplayFiles() {}

  public static void write(final ReplayResult result, final Path dir) {
    writeCases(result.cases(), dir);
    writeAlerts(result.alerts(), dir);
    writeLines(
        dir.resolve("country-stats.jsonl"), result.countries(), country -> jsonLine(country, true));
    writeCsv(
        dir.resolve("country-stats.csv"),
        COUNTRY_COLUMNS,
        result.countries(),
        ReplayFiles::countryRow);
    text(dir.resolve("summary.md"), summary(result));
  }

  public static void writeCases(final List<CaseState> cases, final Path dir) {
    writeLines(dir.resolve("case-states.jsonl"), cases, state -> jsonLine(state, false));
    writeCsv(dir.resolve("case-states.csv"), CASE_COLUMNS, cases, ReplayFiles::caseRow);
  }

  public static void writeAlerts(final List<Alert> alerts, final Path dir) {
    writeLines(dir.resolve("alerts.jsonl"), alerts, alert -> jsonLine(alert, false));
    writeCsv(dir.resolve("alerts.csv"), ALERT_COLUMNS, alerts, ReplayFiles::alertRow);
  }

  static String summary(final ReplayResult result) {
    final StringBuilder md = new StringBuilder();
    md.append("# casewatch replay as of ").append(result.asOf()).append("\n\n");
    md.append(result.eventsRead())
        .append(" events read; ")
        .append(result.cases().size())
        .append(" cases; ")
        .append(result.alerts().size())
        .append(" alerts; ")
        .append(result.deadLetters())
        .append(" dead letters.\n\n");
    md.append(
        "| country | registered | complaints | investigations | open now | compensated | withdrawn"
            + " | stalled now | with reprisals |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    for (final CountryStats c : result.countries()) {
      md.append("| ")
          .append(c.getCountry())
          .append(" | ")
          .append(c.getCasesRegistered())
          .append(" | ")
          .append(c.getComplaintsFiled())
          .append(" | ")
          .append(c.getInvestigationsOpened())
          .append(" | ")
          .append(c.getInvestigationsOpenNow())
          .append(" | ")
          .append(c.getCompensations())
          .append(" | ")
          .append(c.getComplaintsWithdrawn())
          .append(" | ")
          .append(c.getComplaintsStalledNow())
          .append(" | ")
          .append(c.getCasesWithReprisals())
          .append(" |\n");
    }
    md.append("\n| rule | raised (open) | resolved |\n|---|---|---|\n");
    final Map<String, long[]> byRule = new TreeMap<>();
    for (final Alert alert : result.alerts()) {
      final long[] counts = byRule.computeIfAbsent(alert.getRule().name(), rule -> new long[2]);
      counts[alert.getStatus() == AlertStatus.RAISED ? 0 : 1]++;
    }
    byRule.forEach(
        (rule, counts) ->
            md.append("| ")
                .append(rule)
                .append(" | ")
                .append(counts[0])
                .append(" | ")
                .append(counts[1])
                .append(" |\n"));
    return md.toString();
  }

  private static List<Object> caseRow(final CaseState c) {
    return List.of(
        c.getCaseId(),
        c.getCountry(),
        c.getCoalition(),
        c.getStage(),
        text(c.getOutcome()),
        text(c.getRegisteredAt()),
        text(c.getComplaintFiledAt()),
        text(c.getInvestigationOpenedAt()),
        text(c.getInvestigationClosedAt()),
        text(c.getCompensatedAt()),
        text(c.getWithdrawnAt()),
        c.getReprisalCount(),
        new TreeMap<>(c.getCompensationMinorByCurrency())
            .entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(" ")),
        c.getOpenAlerts().stream()
            .map(OpenAlert::getRule)
            .map(Enum::name)
            .sorted()
            .collect(Collectors.joining(" ")),
        c.getInconsistent(),
        c.getEventCount(),
        text(c.getLastEventAt()),
        c.getInvestigationOpenNow(),
        c.getWithdrawnAfterStall(),
        text(c.getDaysToInvestigation()));
  }

  private static List<Object> countryRow(final CountryStats c) {
    return List.of(
        c.getCountry(),
        c.getCasesRegistered(),
        c.getComplaintsFiled(),
        c.getInvestigationsOpened(),
        c.getInvestigationsOpenNow(),
        c.getCompensations(),
        c.getComplaintsWithdrawn(),
        c.getComplaintsStalledNow(),
        c.getCasesWithReprisals(),
        text(c.getDaysToInvestigationMedian()),
        text(c.getDaysToInvestigationP90()),
        c.getComplaintsWithdrawnAfterStall(),
        c.getCriminalComplaints(),
        text(c.getInvestigatedWithin10DaysShare()),
        text(c.getInvestigatedWithin30DaysShare()),
        text(c.getInvestigatedWithin90DaysShare()));
  }

  /**
   * An alert, then what coordinators had done about it (empty while nobody acted, or actions were
   * not read).
   */
  private static List<Object> alertRow(final Alert a) {
    final AlertTriage t = a.getTriage();
    return List.of(
        a.getAlertId(),
        a.getCaseId(),
        a.getCountry(),
        a.getRule(),
        a.getRuleVersion(),
        a.getStatus(),
        text(a.getResolution()),
        a.getSeverity(),
        a.getAt(),
        text(a.getDeadline()),
        text(a.getThresholdDays()),
        text(a.getRulesVersion()),
        a.getExplanation(),
        t == null ? "" : t.getState(),
        t == null ? "" : text(t.getAssignee()),
        t == null ? "" : text(t.getAcknowledgedAt()),
        t == null ? "" : text(t.getClosedAt()),
        t == null ? "" : text(t.getCloseReason()));
  }

  private static String jsonLine(final SpecificRecord record, final boolean withoutHistogram) {
    final ObjectNode node = AvroJson.toJson(record);
    if (withoutHistogram) {
      node.remove("daysToInvestigationHistogram");
    }
    return node.toString();
  }

  private static String text(final Object value) {
    return value == null ? "" : value.toString();
  }

  private static <T> void writeLines(
      final Path file, final List<T> items, final Function<T, String> line) {
    PrivateFiles.write(
        file,
        out -> {
          for (final T item : items) {
            out.write(line.apply(item));
            out.write('\n');
          }
        });
  }

  private static <T> void writeCsv(
      final Path file,
      final List<String> columns,
      final List<T> items,
      final Function<T, List<Object>> row) {
    PrivateFiles.write(
        file,
        out -> {
          out.write(String.join(",", columns));
          out.write('\n');
          for (final T item : items) {
            final List<String> cells = new ArrayList<>();
            row.apply(item).forEach(cell -> cells.add(csv(String.valueOf(cell))));
            out.write(String.join(",", cells));
            out.write('\n');
          }
        });
  }

  /**
   * A cell no spreadsheet runs as a formula ({@link CsvCells}), with RFC 4180 quoting where it
   * needs it.
   */
  static String csv(final String value) {
    final String cell = CsvCells.neutralised(value);
    return cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
        ? "\"" + cell.replace("\"", "\"\"") + "\""
        : cell;
  }

  /**
   * Writes a text file readable by its owner only ({@link PrivateFiles}), creating its directory.
   */
  public static void text(final Path file, final String content) {
    PrivateFiles.write(file, content);
  }
}
