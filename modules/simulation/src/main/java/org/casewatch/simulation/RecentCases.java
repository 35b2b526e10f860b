package org.casewatch.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.casewatch.model.Agency;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import org.casewatch.model.ReprisalKind;

/**
 * Cases whose whole story happened in the day before a run, for the fault harness: each case is
 * registered and complained of a minute later; some are investigated, retaliated against,
 * complained of a second time, retaliated against again, or compensated in their country's
 * currency, all within four minutes. No deadline falls due for days, so a live service and a replay
 * of the same events raise the same alerts however long the run lasts; a second complaint or
 * reprisal is there because a case's counts must not grow when an event is applied twice. Victims
 * as in {@link ReportedCases}; investigations are opened under the country's torture article.
 */
final class RecentCases {

  private static final double INVESTIGATED = 1.0 / 3;
  private static final double REPRISAL = 1.0 / 4;
  private static final double COMPLAINED_AGAIN = 1.0 / 6;
  private static final double RETALIATED_AGAIN = 1.0 / 8;
  private static final double COMPENSATED = 1.0 / 5;

  /** Registrations fall in the first half of the day before the run, so every event is past. */
  private static final int REGISTRATION_SECONDS = 12 * 60 * 60;

  private static final Map<Country, String> CURRENCY =
      Map.of(
          Country.KZ,
          "KZT",
          Country.KG,
          "KGS",
          Country.TJ,
          "TJS",
          Country.TM,
          "TMT",
          Country.UZ,
          "UZS");

  private RecentCases() {}

  static List<CaseEvent> of(final long seed, final int events, final Instant now) {
    final Chance chance = new Chance(seed);
    final List<Country> countries = Countries.all();
    final Instant dayBefore = now.minus(Duration.ofDays(1));
    final int year = dayBefore.atZone(ZoneOffset.UTC).getYear();
    final List<CaseEvent> history = new ArrayList<>(events + 7);
    for (int number = 0; history.size() < events; number++) {
      final Country country = countries.get(number % countries.size());
      final CaseStory story =
          new CaseStory(
              String.format("%s-%d-%d", country, year, number / countries.size() + 1),
              country,
              history,
              null);
      tell(story, chance, dayBefore.plusSeconds(chance.between(0, REGISTRATION_SECONDS - 1)));
    }
    history.sort(
        Comparator.comparing(CaseEvent::getOccurredAt).thenComparing(CaseEvent::getEventId));
    return history;
  }

  private static void tell(final CaseStory story, final Chance chance, final Instant registeredAt) {
    final Country country = story.country();
    story.registered(registeredAt, Registrations.typical());
    story.complaintFiled(registeredAt.plusSeconds(60), Authority.PROSECUTOR);
    if (chance.of(INVESTIGATED)) {
      story.investigationOpened(
          registeredAt.plusSeconds(120),
          Authority.PROSECUTOR,
          LegalArticles.torture(country, story.localDate(registeredAt)));
    }
    if (chance.of(REPRISAL)) {
      story.reprisal(
          registeredAt.plusSeconds(180),
          ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES,
          Agency.POLICE);
    }
    if (chance.of(COMPLAINED_AGAIN)) {
      story.complaintFiled(registeredAt.plusSeconds(200), Authority.COURT);
    }
    if (chance.of(RETALIATED_AGAIN)) {
      story.reprisal(
          registeredAt.plusSeconds(220),
          ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES,
          Agency.POLICE);
    }
    if (chance.of(COMPENSATED)) {
      story.compensationAwarded(
          registeredAt.plusSeconds(240), 100_000L * chance.between(1, 50), CURRENCY.get(country));
    }
  }
}
