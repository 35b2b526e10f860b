package org.casewatch.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.CaseEventValidator;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.LogSafe;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.model.TriageState;

/**
 * The filters and page of {@code GET /v1/alerts}: newest first (by the alert's time, then id),
 * cursor-paged so that a page never repeats or skips an alert while new ones arrive. The alert's
 * own filters (country, rule, status, since, severity) are checked where the alert is held; the
 * case's ({@link ProfileFilter}) need the case's state, which may be held elsewhere.
 */
record AlertQuery(
    Set<Country> countries,
    Set<RuleId> rules,
    Set<AlertStatus> statuses,
    Optional<Instant> since,
    Set<Severity> severities,
    Set<TriageState> triage,
    Set<String> assignees,
    ProfileFilter profile,
    int limit,
    Optional<PageCursor> after) {

  /** The {@code assignee} value that asks for alerts assigned to nobody. */
  static final String UNASSIGNED = "none";

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  /** Newest first; ties broken by id so the order is total. */
  static final Comparator<Alert> NEWEST_FIRST =
      Comparator.comparing(Alert::getAt).thenComparing(Alert::getAlertId).reversed();

  AlertQuery {
    countries = Set.copyOf(countries);
    rules = Set.copyOf(rules);
    statuses = Set.copyOf(statuses);
    severities = Set.copyOf(severities);
    triage = Set.copyOf(triage);
    assignees = Set.copyOf(assignees);
  }

  /** Reads the query parameters; a bad one is an {@link IllegalArgumentException} naming it. */
  static AlertQuery from(final QueryParameters parameters) {
    return new AlertQuery(
        parameters.symbols("country", Country.class),
        parameters.symbols("rule", RuleId.class),
        parameters.symbols("status", AlertStatus.class),
        parameters.single("since").map(AlertQuery::instant),
        parameters.symbols("severity", Severity.class),
        parameters.symbols("triage", TriageState.class),
        assignees(parameters),
        ProfileFilter.from(parameters),
        limit(parameters),
        parameters.single("cursor").map(PageCursor::decode));
  }

  /** The alert's own filters, as a predicate on one alert. */
  Predicate<Alert> filter() {
    return alert ->
        (countries.isEmpty() || countries.contains(alert.getCountry()))
            && (rules.isEmpty() || rules.contains(alert.getRule()))
            && (statuses.isEmpty() || statuses.contains(alert.getStatus()))
            && (severities.isEmpty() || severities.contains(alert.getSeverity()))
            && since.map(s -> !alert.getAt().isBefore(s)).orElse(true)
            && (triage.isEmpty() || triage.contains(triageOf(alert)))
            && (assignees.isEmpty() || assignees.contains(assigneeOf(alert)));
  }

  /** Where coordinators' handling of the alert stands: NEW while none acted on it. */
  static TriageState triageOf(final Alert alert) {
    return alert.getTriage() == null ? TriageState.NEW : alert.getTriage().getState();
  }

  private static String assigneeOf(final Alert alert) {
    return alert.getTriage() == null || alert.getTriage().getAssignee() == null
        ? UNASSIGNED
        : alert.getTriage().getAssignee();
  }

  /** {@code assignee}: coordinator ids, or {@value #UNASSIGNED} for alerts assigned to nobody. */
  private static Set<String> assignees(final QueryParameters parameters) {
    final Set<String> ids = new TreeSet<>(parameters.all("assignee"));
    ids.stream()
        .filter(id -> !CaseEventValidator.COALITION.matcher(id).matches())
        .findFirst()
        .ifPresent(
            id -> {
              throw new IllegalArgumentException(
                  "assignee '"
                      + LogSafe.text(id)
                      + "' is not a coordinator id (letters, digits, "
                      + "'.', '_' and '-', at most 64) nor '"
                      + UNASSIGNED
                      + "'");
            });
    return ids;
  }

  /**
   * The alert's own filters as query parameters for another instance; the profile and the page stay
   * here.
   */
  String encodeAlertFilters() {
    return (QueryParameters.encode("country", countries)
            + QueryParameters.encode("rule", rules)
            + QueryParameters.encode("status", statuses)
            + QueryParameters.encode("severity", severities)
            + QueryParameters.encode("triage", triage)
            + (assignees.isEmpty() ? "" : "&assignee=" + String.join(",", new TreeSet<>(assignees)))
            + since.map(s -> "&since=" + s).orElse(""))
        .replaceFirst("^&", "");
  }

  /**
   * The case's side of the query: the case is in one of the countries, and its state matches the
   * profile.
   */
  Predicate<CaseState> caseFilter() {
    return state ->
        (countries.isEmpty() || countries.contains(state.getCountry())) && profile.matches(state);
  }

  /** The case's side as query parameters for another instance. */
  String encodeCaseFilters() {
    return (QueryParameters.encode("country", countries) + profile.encode()).replaceFirst("^&", "");
  }

  /**
   * The page of {@code alerts} (already filtered) this query asks for, and one more if there is a
   * next page.
   */
  List<Alert> page(final List<Alert> alerts) {
    return alerts.stream()
        .sorted(NEWEST_FIRST)
        .filter(
            alert ->
                after
                    .map(position -> position.isBefore(alert.getAt(), alert.getAlertId()))
                    .orElse(true))
        .limit(limit + 1L)
        .toList();
  }

  /**
   * {@code limit}: how many items a page holds, 1 to {@link #MAX_LIMIT}, {@link #DEFAULT_LIMIT} if
   * not given.
   */
  static int limit(final QueryParameters parameters) {
    return parameters.limit(DEFAULT_LIMIT, MAX_LIMIT);
  }

  private static Instant instant(final String text) {
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("since '" + text + "' is not an ISO-8601 date or instant");
    }
  }
}
