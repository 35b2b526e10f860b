package org.casewatch.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.casewatch.json.AvroJson;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.Severity;
import org.casewatch.model.TriageState;

/**
 * One subscription's daily digest: of its alerts (its countries, rules and minimum severity), those
 * whose time fell in the 24 hours before {@code now} counted by country and rule, the HIGH ones
 * among them listed, and the raised alerts nobody has acknowledged that have waited longest. Case
 * ids and rule facts only, like the alerts themselves.
 */
record DailyDigest(
    LocalDate day,
    Instant now,
    Map<String, Map<String, Long>> newByCountryAndRule,
    List<Alert> newHigh,
    List<Alert> waitingLongest) {

  static final int WAITING_LISTED = 10;
  static final Duration DAY = Duration.ofHours(24);

  /**
   * The digest for {@code day} at {@code now}, of {@code alerts} (already those the subscription
   * asks for).
   */
  static DailyDigest of(final LocalDate day, final Instant now, final List<Alert> alerts) {
    final Instant from = now.minus(DAY);
    final List<Alert> fresh =
        alerts.stream()
            .filter(
                alert ->
                    alert.getStatus() == AlertStatus.RAISED
                        && !alert.getAt().isBefore(from)
                        && alert.getAt().isBefore(now))
            .sorted(Comparator.comparing(Alert::getAt).thenComparing(Alert::getAlertId))
            .toList();
    final Map<String, Map<String, Long>> counts = new TreeMap<>();
    fresh.forEach(
        alert ->
            counts
                .computeIfAbsent(alert.getCountry().name(), country -> new TreeMap<>())
                .merge(alert.getRule().name(), 1L, Long::sum));
    final List<Alert> waiting =
        alerts.stream()
            .filter(
                alert ->
                    alert.getStatus() == AlertStatus.RAISED
                        && AlertQuery.triageOf(alert) == TriageState.NEW)
            .sorted(Comparator.comparing(Alert::getAt).thenComparing(Alert::getAlertId))
            .limit(WAITING_LISTED)
            .toList();
    return new DailyDigest(
        day,
        now,
        counts,
        fresh.stream().filter(alert -> alert.getSeverity() == Severity.HIGH).toList(),
        waiting);
  }

  String subject() {
    return "[casewatch] daily digest "
        + day
        + ": "
        + newCount()
        + " new alerts, "
        + newHigh.size()
        + " HIGH";
  }

  long newCount() {
    return newByCountryAndRule.values().stream()
        .flatMap(rules -> rules.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }

  /** The plain text of a mail. */
  String text() {
    final StringBuilder text =
        new StringBuilder(
            "casewatch daily digest for " + day + " (the 24 hours before " + now + ")\n\n");
    text.append("New alerts by country and rule: ").append(newCount()).append('\n');
    newByCountryAndRule.forEach(
        (country, rules) ->
            rules.forEach(
                (rule, count) ->
                    text.append("  ")
                        .append(country)
                        .append(' ')
                        .append(rule)
                        .append(": ")
                        .append(count)
                        .append('\n')));
    text.append("\nNew HIGH alerts: ").append(newHigh.size()).append('\n');
    newHigh.forEach(
        alert ->
            text.append("  ")
                .append(alert.getCaseId())
                .append(' ')
                .append(alert.getRule())
                .append(" at ")
                .append(alert.getAt())
                .append(" (alert ")
                .append(alert.getAlertId())
                .append(")\n"));
    text.append("\nWaiting longest, not acknowledged:\n");
    waitingLongest.forEach(
        alert ->
            text.append("  ")
                .append(alert.getCaseId())
                .append(' ')
                .append(alert.getRule())
                .append(' ')
                .append(alert.getSeverity())
                .append(", waited ")
                .append(Duration.between(alert.getAt(), now).toDays())
                .append(" days (alert ")
                .append(alert.getAlertId())
                .append(")\n"));
    return text.toString();
  }

  /** The JSON a webhook is sent: {@code {"digest": {...}}}. */
  ObjectNode json() {
    final JsonNodeFactory nodes = JsonNodeFactory.instance;
    final ObjectNode digest = nodes.objectNode();
    digest.put("day", day.toString());
    digest.put("until", now.toString());
    final ObjectNode counts = digest.putObject("newByCountryAndRule");
    newByCountryAndRule.forEach(
        (country, rules) -> {
          final ObjectNode byRule = counts.putObject(country);
          rules.forEach(byRule::put);
        });
    final ArrayNode high = digest.putArray("newHigh");
    newHigh.forEach(alert -> high.add(AvroJson.toJson(alert)));
    final ArrayNode waiting = digest.putArray("waitingLongest");
    waitingLongest.forEach(alert -> waiting.add(AvroJson.toJson(alert)));
    final ObjectNode body = nodes.objectNode();
    body.set("digest", digest);
    return body;
  }
}
