package org.casewatch.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;

/**
 * The filters and page of {@code GET /v1/alerts}: newest first (by the alert's time, then id),
 * cursor-paged so that a page never repeats or skips an alert while new ones arrive.
 */
record AlertQuery(
    Optional<Country> country, Optional<RuleId> rule, Optional<AlertStatus> status, Optional<Instant> since,
    int limit, Optional<Position> after) {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  /** Newest first; ties broken by id so the order is total. */
  static final Comparator<Alert> NEWEST_FIRST =
      Comparator.comparing(Alert::getAt).thenComparing(Alert::getAlertId).reversed();

  /** Where a page ended: the last alert's time and id. */
  record Position(Instant at, String alertId) {

    String encode() {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString((at.toEpochMilli() + ":" + alertId).getBytes(StandardCharsets.UTF_8));
    }

    static Position decode(final String cursor) {
      try {
        final String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
        return new Position(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1]);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cursor '" + cursor + "' is not one this API gave out");
      }
    }

    /** Whether {@code alert} comes after this position in newest-first order. */
    boolean isBefore(final Alert alert) {
      final int byTime = alert.getAt().compareTo(at);
      return byTime < 0 || byTime == 0 && alert.getAlertId().compareTo(alertId) < 0;
    }
  }

  /** Reads the query parameters; a bad one is an {@link IllegalArgumentException} naming it. */
  static AlertQuery parse(final String country, final String rule, final String status, final String since,
      final String limit, final String cursor) {
    final int size = limit == null ? DEFAULT_LIMIT : parseLimit(limit);
    return new AlertQuery(
        Optional.ofNullable(country).filter(c -> !c.isBlank()).map(c -> Countries.fromCode(c)
            .orElseThrow(() -> new IllegalArgumentException("country '" + c + "' is not KZ, KG, TJ, TM or UZ"))),
        Optional.ofNullable(rule).filter(r -> !r.isBlank()).map(r -> enumValue(RuleId.class, r, "rule")),
        Optional.ofNullable(status).filter(s -> !s.isBlank()).map(s -> enumValue(AlertStatus.class, s, "status")),
        Optional.ofNullable(since).filter(s -> !s.isBlank()).map(AlertQuery::instant),
        size,
        Optional.ofNullable(cursor).filter(c -> !c.isBlank()).map(Position::decode));
  }

  /** The filters, as a predicate on one alert. */
  Predicate<Alert> filter() {
    return alert -> country.map(c -> alert.getCountry() == c).orElse(true)
        && rule.map(r -> alert.getRule() == r).orElse(true)
        && status.map(s -> alert.getStatus() == s).orElse(true)
        && since.map(s -> !alert.getAt().isBefore(s)).orElse(true);
  }

  /** The page of {@code alerts} (already filtered) this query asks for. */
  List<Alert> page(final List<Alert> alerts) {
    return alerts.stream()
        .sorted(NEWEST_FIRST)
        .filter(alert -> after.map(position -> position.isBefore(alert)).orElse(true))
        .limit(limit + 1L)
        .toList();
  }

  private static int parseLimit(final String limit) {
    try {
      final int value = Integer.parseInt(limit);
      if (value < 1 || value > MAX_LIMIT) {
        throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit must be a number, was '" + limit + "'");
    }
  }

  private static <E extends Enum<E>> E enumValue(final Class<E> type, final String text, final String name) {
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " '" + text + "' is not one of " + List.of(type.getEnumConstants()));
    }
  }

  private static Instant instant(final String text) {
    try {
      return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("since '" + text + "' is not an ISO-8601 date or instant");
    }
  }
}
