package org.casewatch.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.Country;
import org.junit.jupiter.api.Test;

/**
 * The tests' and the benchmarks' shapes: reproducible, in event-time order, every event id of the
 * one form, the cases as many as asked. (The simulator's shapes are specified in cli, beside it.)
 */
class HistoriesTest {

  private static final Instant START =
      LocalDate.of(2016, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

  @Test
  void reportedCasesAreAsManyAsAskedInEveryCountryAndTheSameForTheSameSeed() {
    final List<CaseEvent> history = Histories.reported(2016, 25, START);

    assertThat(Histories.reported(2016, 25, START)).isEqualTo(history);
    assertThat(Histories.reported(7, 25, START)).isNotEqualTo(history);
    assertThat(registrationsByCountry(history))
        .containsOnlyKeys(Country.values())
        .allSatisfy((country, cases) -> assertThat(cases).isEqualTo(25));
    assertThat(history).extracting(CaseEvent::getCaseId).contains("KZ-2016-0001", "UZ-2016-0025");
    // Most cases see a complaint (85 in 100), not all.
    assertThat(count(history, ComplaintFiled.class)).isBetween(90L, 124L);
    assertWellFormed(history);
  }

  @Test
  void longCasesTakeTheCountriesInTurnWithAboutTenEventsEach() {
    final List<CaseEvent> history = Histories.longCases(2016, 1_000, START);

    assertThat(Histories.longCases(2016, 1_000, START)).isEqualTo(history);
    assertThat(registrationsByCountry(history))
        .allSatisfy((country, cases) -> assertThat(cases).isEqualTo(200));
    assertThat(count(history, ComplaintFiled.class)).isEqualTo(3_000);
    assertThat(history.size()).isBetween(10_000, 10_100);
    assertWellFormed(history);
  }

  @Test
  void recentCasesAreWholeCasesAllInTheFirstHalfOfTheDayBeforeTheRun() {
    final Instant now = Instant.parse("2026-03-02T10:15:30Z");
    final List<CaseEvent> history = Histories.recent(2026, 1_500, now);

    assertThat(Histories.recent(2026, 1_500, now)).isEqualTo(history);
    assertThat(Histories.recent(7, 1_500, now)).isNotEqualTo(history);
    assertThat(history)
        .extracting(CaseEvent::getOccurredAt)
        .allSatisfy(
            at ->
                assertThat(at)
                    .isAfterOrEqualTo(now.minus(Duration.ofDays(1)))
                    .isBefore(now.minus(Duration.ofHours(12)).plusSeconds(241)));
    // Whole cases: the last one may carry the history past the number asked, by its own events.
    assertThat(history.size()).isBetween(1_500, 1_506);
    final Map<Country, Long> cases = registrationsByCountry(history);
    assertThat(cases).containsOnlyKeys(Country.values());
    assertThat(cases.values().stream().mapToLong(Long::longValue).max().getAsLong())
        .isLessThanOrEqualTo(
            cases.values().stream().mapToLong(Long::longValue).min().getAsLong() + 1);
    // Every case is complained of, some twice (1 in 6).
    final long registered = count(history, CaseRegistered.class);
    assertThat(count(history, ComplaintFiled.class)).isBetween(registered + 1, registered * 3 / 2);
    assertThat(count(history, CompensationAwarded.class)).isPositive();
    assertThat(history).extracting(CaseEvent::getCaseId).contains("KZ-2026-1", "UZ-2026-2");
    assertWellFormed(history);
  }

  private static void assertWellFormed(final List<CaseEvent> history) {
    assertThat(history)
        .isSortedAccordingTo(
            Comparator.comparing(CaseEvent::getOccurredAt).thenComparing(CaseEvent::getEventId));
    assertThat(history).extracting(CaseEvent::getEventId).doesNotHaveDuplicates();
    assertThat(history)
        .allSatisfy(
            event ->
                assertThat(event.getEventId())
                    .matches("sim-" + event.getCaseId() + "-\\d+-[a-z-]+"));
  }

  private static Map<Country, Long> registrationsByCountry(final List<CaseEvent> history) {
    return history.stream()
        .filter(event -> event.getPayload() instanceof CaseRegistered)
        .collect(Collectors.groupingBy(CaseEvent::getCountry, Collectors.counting()));
  }

  private static long count(final List<CaseEvent> history, final Class<?> type) {
    return history.stream().map(CaseEvent::getPayload).filter(type::isInstance).count();
  }
}
