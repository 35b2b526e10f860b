package org.casewatch.simulation;

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
 * Seeded, reproducible case histories, one generator for the simulator, the tests and the
 * benchmarks, in named shapes:
 *
 * <ul>
 *   <li>{@link #history2016}: the simulator's cases registered in 2016, with the published figures:
 *       163 in Kazakhstan, 112 in Kyrgyzstan, 57 in Tajikistan (TM and UZ are sparse: no public
 *       figures exist). Their paths ({@link CasePath}) run on past 2016 where appeals, UN
 *       communications and payments take years, but never past the simulator's clock.
 *   <li>{@link #liveCase}: the simulator's live cases ({@link LiveCases}), built so that alerts
 *       keep appearing within minutes.
 *   <li>{@link #reported}: many short cases in every country ({@link ReportedCases}), for tests
 *       that need volume and variety rather than one crafted case.
 *   <li>{@link #longCases}: cases of about ten events each ({@link LongCases}), for benchmarks.
 *   <li>{@link #recent}: short cases all told in the day before a run ({@link RecentCases}), for
 *       the fault harness, whose live alerts must equal a replay's.
 * </ul>
 *
 * <p>Every shape tells its cases through one {@link CaseStory}, so every event id has one form:
 * {@code sim-<caseId>-<place in the story>-<kind>}. The same arguments give the same events, ids
 * included.
 */
public final class Histories {

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

  private Histories() {}

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

  /**
   * {@code casesPerCountry} cases in every country, registered within a year of {@code start}: most
   * see a complaint, few an investigation, some a reprisal or a withdrawal; event-time order.
   */
  public static List<CaseEvent> reported(
      final long seed, final int casesPerCountry, final Instant start) {
    return ReportedCases.of(seed, casesPerCountry, start);
  }

  /**
   * {@code cases} cases, the countries taking turns, registered within four years of {@code start},
   * each of about ten events: complaint, refusal, another complaint, reprisals, an investigation
   * opened and suspended, a third complaint and a reopening; some compensated. Event-time order.
   */
  public static List<CaseEvent> longCases(final long seed, final int cases, final Instant start) {
    return LongCases.of(seed, cases, start);
  }

  /**
   * Whole cases, the countries taking turns, until there are at least {@code events} events, every
   * one of them in the first half of the day before {@code now}: registered and complained of; some
   * investigated, retaliated against, complained of again or compensated in the country's currency,
   * within four minutes of registration. Event-time order.
   */
  public static List<CaseEvent> recent(final long seed, final int events, final Instant now) {
    return RecentCases.of(seed, events, now);
  }
}
