package org.casewatch.cli.simulate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;

/**
 * Seeded, reproducible case histories with the shapes the coalitions report. The cases registered
 * in 2016 have the published figures: 163 in Kazakhstan, 112 in Kyrgyzstan, 57 in Tajikistan (TM
 * and UZ are sparse: no public figures exist). Their paths ({@link CasePath}) run on past 2016
 * where appeals, UN communications and payments take years, but never past the simulator's clock.
 * Live cases ({@link LiveCases}) are built so that alerts keep appearing within minutes.
 */
public final class SimulatedCases {

  /**
   * New cases registered in 2016 per country, as the coalitions reported (TM and UZ: a few, no
   * public figures).
   */
  public static final Map<Country, Integer> REGISTERED_2016 =
      Map.of(Country.KZ, 163, Country.KG, 112, Country.TJ, 57, Country.TM, 4, Country.UZ, 9);

  /** Tajik cases in which compensation was awarded in 2016. */
  public static final int TJ_COMPENSATIONS_2016 = TajikCompensations.AWARDS_2016;

  /**
   * Registrations fall between this instant and 350 days later: within 2016 in every country's
   * calendar.
   */
  private static final Instant YEAR_START =
      LocalDate.of(2016, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

  private SimulatedCases() {}

  /**
   * The cases registered in 2016, with what happened to them up to {@code now} (the simulator's
   * clock: nothing later), in event-time order; the same seed and clock give the same events, ids
   * included.
   */
  public static List<CaseEvent> history2016(final long seed, final Instant now) {
    final Chance chance = new Chance(seed);
    final List<CaseEvent> events = new ArrayList<>();
    final List<CaseStory> tajikCases = new ArrayList<>();
    for (final Country country : Country.values()) {
      for (int number = 1; number <= REGISTERED_2016.get(country); number++) {
        final CaseStory story =
            new CaseStory(String.format("%s-2016-%04d", country, number), country, events, null);
        CasePath.follow(story, chance, YEAR_START.plus(chance.days(0, 350)));
        if (country == Country.TJ) {
          tajikCases.add(story);
        }
      }
    }
    TajikCompensations.award(tajikCases, chance);
    events.removeIf(event -> event.getOccurredAt().isAfter(now));
    events.sort(
        Comparator.comparing(CaseEvent::getOccurredAt).thenComparing(CaseEvent::getEventId));
    return events;
  }

  /**
   * One live case, reported at {@code now}: its latest complaint or appeal a little less than
   * {@code stalledAfter} ago, so it stalls within minutes unless answered; some cases retaliated
   * against, intimidated, bounced between refusals and annulments, and so on.
   */
  public static List<CaseEvent> liveCase(
      final long seed, final long sequence, final Instant now, final Duration stalledAfter) {
    return LiveCases.of(seed, sequence, now, stalledAfter);
  }
}
