package org.casewatch.service;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.casewatch.model.CaseStage;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.OpenAlert;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;

/**
 * The filters and page of {@code GET /v1/cases}: cases by country, stage, the case's profile
 * ({@link ProfileFilter}), and the rules and severities of its open alerts; the most recently
 * active first (by the latest event's time, then caseId), cursor-paged as the alerts are.
 */
record CaseQuery(
    Set<Country> countries,
    Set<CaseStage> stages,
    Set<RuleId> openRules,
    Set<Severity> openSeverities,
    ProfileFilter profile,
    int limit,
    Optional<PageCursor> after) {

  /** Most recently active first; ties broken by caseId so the order is total. */
  static final Comparator<CaseSummary> NEWEST_FIRST =
      Comparator.comparing(CaseSummary::lastEventAt).thenComparing(CaseSummary::caseId).reversed();

  CaseQuery {
    countries = Set.copyOf(countries);
    stages = Set.copyOf(stages);
    openRules = Set.copyOf(openRules);
    openSeverities = Set.copyOf(openSeverities);
  }

  /** Reads the query parameters; a bad one is an {@link IllegalArgumentException} naming it. */
  static CaseQuery from(final QueryParameters parameters) {
    return new CaseQuery(
        parameters.symbols("country", Country.class),
        parameters.symbols("stage", CaseStage.class),
        parameters.symbols("rule", RuleId.class),
        parameters.symbols("severity", Severity.class),
        ProfileFilter.from(parameters),
        AlertQuery.limit(parameters),
        parameters.single("cursor").map(PageCursor::decode));
  }

  /**
   * Whether the case passes every filter set: its country and stage; a {@code rule} or {@code
   * severity} filter asks for a case with an open (RAISED, not RESOLVED) alert of it.
   */
  boolean matches(final CaseState state) {
    return (countries.isEmpty() || countries.contains(state.getCountry()))
        && (stages.isEmpty() || stages.contains(state.getStage()))
        && (openRules.isEmpty()
            || openRules.stream()
                .anyMatch(
                    rule -> state.getOpenAlertCountByRule().getOrDefault(rule.name(), 0L) > 0))
        && (openSeverities.isEmpty()
            || state.getOpenAlerts().stream()
                .map(OpenAlert::getSeverity)
                .anyMatch(openSeverities::contains))
        && profile.matches(state);
  }

  /** The query as parameters for another instance: every filter, the limit and the cursor. */
  String encode() {
    return (QueryParameters.encode("country", countries)
            + QueryParameters.encode("stage", stages)
            + QueryParameters.encode("rule", openRules)
            + QueryParameters.encode("severity", openSeverities)
            + profile.encode()
            + "&limit="
            + limit
            + after.map(cursor -> "&cursor=" + cursor.encode()).orElse(""))
        .replaceFirst("^&", "");
  }

  /**
   * The page of {@code cases} (already filtered) this query asks for, and one more if there is a
   * next page. Each instance pages what it holds the same way, so the first page of the merged
   * pages is the first page of all.
   */
  List<CaseSummary> page(final List<CaseSummary> cases) {
    return cases.stream()
        .sorted(NEWEST_FIRST)
        .filter(
            summary ->
                after
                    .map(position -> position.isBefore(summary.lastEventAt(), summary.caseId()))
                    .orElse(true))
        .limit(limit + 1L)
        .toList();
  }

  /** Where the next page starts after {@code last}, the last case of this one. */
  static PageCursor cursorAfter(final CaseSummary last) {
    return new PageCursor(last.lastEventAt(), last.caseId());
  }
}
