package org.casewatch.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.casewatch.model.Alert;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.RuleId;

/**
 * What-if: what changes, per country and rule, between a baseline replay (written to a directory)
 * and a replay of the same history under another rule table: alerts added and removed, and the
 * complaints stalled as of the date.
 */
public record RuleComparison(Map<String, Row> rows, Map<Country, long[]> stalled) {

  /** Alerts only in the new replay, and only in the baseline, for one country and rule. */
  public record Row(Country country, RuleId rule, int added, int removed) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public static RuleComparison compare(final Path baseline, final ReplayResult replay) {
    final Map<String, JsonNode> before = new HashMap<>();
    lines(baseline.resolve("alerts.jsonl"))
        .forEach(alert -> before.put(alert.path("alertId").asText(), alert));
    final Set<String> after = new HashSet<>();
    final Map<String, Row> rows = new TreeMap<>();
    for (final Alert alert : replay.alerts()) {
      after.add(alert.getAlertId());
      if (!before.containsKey(alert.getAlertId())) {
        bump(rows, alert.getCountry(), alert.getRule(), 1, 0);
      }
    }
    before.forEach(
        (id, alert) -> {
          if (!after.contains(id)) {
            bump(
                rows,
                Country.valueOf(alert.path("country").asText()),
                RuleId.valueOf(alert.path("rule").asText()),
                0,
                1);
          }
        });
    final Map<Country, long[]> stalled = new TreeMap<>();
    lines(baseline.resolve("country-stats.jsonl"))
        .forEach(
            stats ->
                stalled
                        .computeIfAbsent(
                            Country.valueOf(stats.path("country").asText()), c -> new long[2])[0] =
                    stats.path("complaintsStalledNow").asLong());
    for (final CountryStats stats : replay.countries()) {
      stalled.computeIfAbsent(stats.getCountry(), c -> new long[2])[1] =
          stats.getComplaintsStalledNow();
    }
    return new RuleComparison(rows, stalled);
  }

  public Row row(final Country country, final RuleId rule) {
    return rows.getOrDefault(country + " " + rule, new Row(country, rule, 0, 0));
  }

  public String markdown() {
    final StringBuilder md =
        new StringBuilder("# What-if: alerts that change with the other rule table\n\n");
    md.append("| country | rule | alerts added | alerts removed |\n|---|---|---|---|\n");
    if (rows.isEmpty()) {
      md.append("| - | - | 0 | 0 |\n");
    }
    rows.values()
        .forEach(
            row ->
                md.append("| ")
                    .append(row.country())
                    .append(" | ")
                    .append(row.rule())
                    .append(" | ")
                    .append(row.added())
                    .append(" | ")
                    .append(row.removed())
                    .append(" |\n"));
    md.append("\n")
        .append("| country | complaints stalled (baseline) | complaints stalled (other rules) |\n")
        .append("|---|---|---|\n");
    stalled.forEach(
        (country, counts) ->
            md.append("| ")
                .append(country)
                .append(" | ")
                .append(counts[0])
                .append(" | ")
                .append(counts[1])
                .append(" |\n"));
    return md.toString();
  }

  private static void bump(
      final Map<String, Row> rows,
      final Country country,
      final RuleId rule,
      final int added,
      final int removed) {
    rows.merge(
        country + " " + rule,
        new Row(country, rule, added, removed),
        (a, b) -> new Row(country, rule, a.added() + b.added(), a.removed() + b.removed()));
  }

  private static List<JsonNode> lines(final Path file) {
    try {
      return Files.readAllLines(file).stream()
          .filter(line -> !line.isBlank())
          .map(
              line -> {
                try {
                  return JSON.readTree(line);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the baseline "
              + file
              + " (run a replay with --out there first): "
              + e.getMessage(),
          e);
    }
  }
}
