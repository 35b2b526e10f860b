package org.casewatch.simulation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.casewatch.model.Agency;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.ReprisalKind;

/**
 * Cases of about ten events each, for benchmarks: every case is refused, complained of again,
 * retaliated against twice, investigated and suspended, complained of a third time and reopened;
 * some are compensated. Victims and articles as in {@link ReportedCases}.
 */
final class LongCases {

  private static final double COMPENSATED = 0.05;

  private LongCases() {}

  static List<CaseEvent> of(final long seed, final int cases, final Instant start) {
    final Chance chance = new Chance(seed);
    final List<Country> countries = Countries.all();
    final int year = start.atZone(ZoneOffset.UTC).getYear();
    final List<CaseEvent> events = new ArrayList<>(cases * 11);
    for (int number = 0; number < cases; number++) {
      final Country country = countries.get(number % countries.size());
      final CaseStory story =
          new CaseStory(
              String.format("%s-%d-%d", country, year, number / countries.size() + 1),
              country,
              events,
              null);
      tell(story, chance, start.plus(chance.daysAndAnyMinute(0, 365 * 4)));
    }
    events.sort(
        Comparator.comparing(CaseEvent::getOccurredAt).thenComparing(CaseEvent::getEventId));
    return events;
  }

  private static void tell(final CaseStory story, final Chance chance, final Instant registeredAt) {
    story.registered(registeredAt, Registrations.typical());
    Instant at = registeredAt.plus(chance.daysAndAnyMinute(1, 20));
    story.complaintFiled(at, Authority.PROSECUTOR);
    at = at.plus(chance.daysAndAnyMinute(3, 40));
    story.investigationClosed(at, InvestigationOutcome.REFUSED_NO_CRIME);
    at = at.plus(chance.daysAndAnyMinute(5, 60));
    story.complaintFiled(at, Authority.PROSECUTOR);
    reprisal(story, chance, at);
    at = at.plus(chance.daysAndAnyMinute(10, 90));
    story.investigationOpened(at, Authority.PROSECUTOR, ReportedCases.ARTICLE);
    reprisal(story, chance, at);
    at = at.plus(chance.daysAndAnyMinute(30, 200));
    story.investigationClosed(at, InvestigationOutcome.SUSPENDED);
    at = at.plus(chance.daysAndAnyMinute(5, 60));
    story.complaintFiled(at, Authority.PROSECUTOR);
    at = at.plus(chance.daysAndAnyMinute(10, 120));
    story.investigationOpened(at, Authority.PROSECUTOR, ReportedCases.ARTICLE);
    if (chance.of(COMPENSATED)) {
      story.compensationAwarded(
          at.plus(chance.daysAndAnyMinute(100, 400)), chance.between(100_000, 999_999), "USD");
    }
  }

  /** A reprisal of any kind within a month of {@code after}. */
  private static void reprisal(final CaseStory story, final Chance chance, final Instant after) {
    story.reprisal(
        after.plus(chance.daysAndAnyMinute(1, 30)),
        chance.pick(ReprisalKind.values()),
        Agency.POLICE);
  }
}
