package org.casewatch.cli.simulate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.casewatch.model.Agency;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Allegation;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.ComplaintWithdrawn;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.PlaceOfDetention;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.ReprisalReported;
import org.casewatch.model.Sex;
import org.casewatch.model.VictimProfile;
import org.casewatch.model.WithdrawalReason;

/**
 * Seeded, reproducible case histories with the shapes the coalitions report. The 2016 history has
 * the published figures: 163 new cases in Kazakhstan, 112 in Kyrgyzstan, 57 in Tajikistan (TM and
 * UZ are sparse: no public figures exist); complaints on most cases, investigations opened rarely
 * and more rarely leading to charges, compensation in 5 Tajik cases with small amounts, reprisals
 * such as Kazakh warnings of prosecution for "false" complaints and Kyrgyz proceedings against
 * victims who withdraw. Live cases are built so that alerts keep appearing within minutes.
 */
public final class SimulatedCases {

  /** New cases registered in 2016 per country, as the coalitions reported (TM and UZ: a few, no public figures). */
  public static final Map<Country, Integer> REGISTERED_2016 =
      Map.of(Country.KZ, 163, Country.KG, 112, Country.TJ, 57, Country.TM, 4, Country.UZ, 9);
  /** Tajik cases in which compensation was awarded in 2016. */
  public static final int TJ_COMPENSATIONS_2016 = 5;

  /** Criminal-code articles on torture, per country. */
  private static final Map<Country, String> TORTURE_ARTICLE =
      Map.of(Country.KZ, "CC-146", Country.KG, "CC-143", Country.TJ, "CC-143-1", Country.TM, "CC-182", Country.UZ, "CC-235");
  /** Articles on exceeding official powers, per country. */
  private static final Map<Country, String> EXCEEDING_POWERS =
      Map.of(Country.KZ, "CC-362", Country.KG, "CC-305", Country.TJ, "CC-316", Country.TM, "CC-182", Country.UZ, "CC-206");

  private static final Instant YEAR_START = LocalDate.of(2016, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
  private static final Instant YEAR_END = LocalDate.of(2017, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);

  private SimulatedCases() {}

  /** The 2016 history in event-time order; the same seed gives the same events (ids included). */
  public static List<CaseEvent> history2016(final long seed) {
    final Random random = new Random(seed);
    final List<CaseEvent> events = new ArrayList<>();
    final List<Story> tajikComplaints = new ArrayList<>();
    for (final Country country : Country.values()) {
      for (int number = 1; number <= REGISTERED_2016.get(country); number++) {
        final Story story = new Story(String.format("%s-2016-%04d", country, number), country, random, events);
        Instant at = YEAR_START.plus(days(random, 0, 350));
        story.registered(at);
        if (random.nextDouble() < 0.15) {
          continue;
        }
        at = story.complaint(at.plus(days(random, 1, 20)));
        final double decision = random.nextDouble();
        if (decision < 0.12) {
          final Instant opened = story.investigationOpened(at.plus(days(random, 3, 40)));
          if (random.nextDouble() < 0.7) {
            story.investigationClosed(opened.plus(days(random, 20, 90)), random.nextDouble() < 0.15
                ? InvestigationOutcome.CHARGED
                : random.nextBoolean() ? InvestigationOutcome.SUSPENDED : InvestigationOutcome.TERMINATED);
          }
        } else if (decision < 0.45) {
          story.investigationClosed(at.plus(days(random, 5, 45)), InvestigationOutcome.REFUSED_NO_CRIME);
        }
        if (country == Country.TJ) {
          tajikComplaints.add(story);
        }
        reprisals(story, country, at, random);
      }
    }
    // Small amounts, in five Tajik cases spread over the year, each after its complaint and within 2016.
    for (int i = 0; i < TJ_COMPENSATIONS_2016; i++) {
      final Story story = tajikComplaints.get(i * tajikComplaints.size() / TJ_COMPENSATIONS_2016);
      final Instant awarded = story.complaintAt.plus(days(random, 30, 120));
      story.compensated(awarded.isAfter(YEAR_END) ? YEAR_END.minusSeconds(3600) : awarded,
          100L * (1_000 + random.nextInt(9_000)), "TJS");
    }
    events.removeIf(event -> event.getOccurredAt().isAfter(YEAR_END));
    events.sort(Comparator.comparing(CaseEvent::getOccurredAt).thenComparing(CaseEvent::getEventId));
    return events;
  }

  private static void reprisals(final Story story, final Country country, final Instant complaint, final Random random) {
    if (country == Country.KZ && random.nextDouble() < 0.08) {
      // Warned that a "false" complaint will be prosecuted.
      story.reprisal(complaint.plus(days(random, 2, 30)), ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES, Agency.POLICE);
    } else if (country == Country.KG && random.nextDouble() < 0.08) {
      // Pressed to withdraw, then prosecuted for the withdrawn complaint.
      final Instant withdrawn = story.withdrawn(complaint.plus(days(random, 5, 40)), WithdrawalReason.PRESSURE);
      story.reprisal(withdrawn.plus(days(random, 10, 60)), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT,
          Agency.PROSECUTOR);
    } else if (random.nextDouble() < 0.05) {
      final Instant pressed = story.reprisal(complaint.plus(days(random, 3, 30)),
          random.nextBoolean() ? ReprisalKind.PRESSURE_ON_RELATIVES : ReprisalKind.PRESSURE_TO_WITHDRAW, Agency.POLICE);
      if (random.nextBoolean()) {
        story.withdrawn(pressed.plus(days(random, 1, 20)), WithdrawalReason.FEAR_OF_REPRISAL);
      }
    }
  }

  /**
   * One live case, reported late as coalitions often do: registered and complained about a little
   * less than {@code stalledAfter} ago, so its complaint stalls within minutes unless an
   * investigation is opened; some complainants are retaliated against at once.
   */
  public static List<CaseEvent> liveCase(final long seed, final long sequence, final Instant now,
      final Duration stalledAfter) {
    final Random random = new Random(seed * 1_000_003L + sequence);
    final Country country = Country.values()[(int) (sequence % Country.values().length)];
    final int year = now.atZone(ZoneOffset.UTC).getYear();
    final List<CaseEvent> events = new ArrayList<>();
    final Story story = new Story(String.format("%s-%d-%d", country, year, 5_000 + sequence), country, random, events);
    story.reportedAt = now;
    final Instant complaint = now.minus(stalledAfter).plus(Duration.ofSeconds(30 + random.nextInt(300)));
    story.registered(complaint.minus(Duration.ofHours(1 + random.nextInt(48))));
    story.complaint(complaint);
    final double next = random.nextDouble();
    if (next < 0.3) {
      story.reprisal(now.minusSeconds(random.nextInt(60)), country == Country.KZ
          ? ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES : ReprisalKind.PRESSURE_TO_WITHDRAW, Agency.POLICE);
    } else if (next < 0.4) {
      story.investigationOpened(now.minusSeconds(random.nextInt(60)));
    }
    events.sort(Comparator.comparing(CaseEvent::getOccurredAt));
    return events;
  }

  private static Duration days(final Random random, final int from, final int to) {
    return Duration.ofDays(from + random.nextInt(to - from + 1)).plusMinutes(random.nextInt(24 * 60));
  }

  /** Builds the events of one case; ids are the caseId and the event's kind and order. */
  private static final class Story {

    private final String caseId;
    private final Country country;
    private final Random random;
    private final List<CaseEvent> events;
    private int sequence;
    private Instant complaintAt;
    /** When a late-reported case reached the coalition's system; null: when it happened. */
    private Instant reportedAt;

    Story(final String caseId, final Country country, final Random random, final List<CaseEvent> events) {
      this.caseId = caseId;
      this.country = country;
      this.random = random;
      this.events = events;
    }

    Instant registered(final Instant at) {
      return add("registered", at, CaseRegistered.newBuilder()
          .setAllegation(pick(Allegation.TORTURE, Allegation.TORTURE, Allegation.ILL_TREATMENT, Allegation.THREAT_OF_TORTURE))
          .setPlaceOfDetention(pick(PlaceOfDetention.POLICE_STATION, PlaceOfDetention.POLICE_STATION,
              PlaceOfDetention.TEMPORARY_DETENTION_FACILITY, PlaceOfDetention.PRE_TRIAL_DETENTION, PlaceOfDetention.PRISON))
          .setPerpetratorAgency(pick(Agency.POLICE, Agency.POLICE, Agency.POLICE, Agency.NATIONAL_SECURITY,
              Agency.PENITENTIARY_SERVICE))
          .setVictim(VictimProfile.newBuilder()
              .setSex(pick(Sex.MALE, Sex.MALE, Sex.MALE, Sex.FEMALE, Sex.UNDISCLOSED))
              .setAgeBand(pick(AgeBand.AGE_18_29, AgeBand.AGE_30_44, AgeBand.AGE_45_59, AgeBand.UNDER_18, AgeBand.AGE_UNKNOWN))
              .setReturnedFromAbroad(random.nextDouble() < 0.1)
              .build())
          .build());
    }

    Instant complaint(final Instant at) {
      complaintAt = at;
      return add("complaint", at, ComplaintFiled.newBuilder().setAuthority(Authority.PROSECUTOR).build());
    }

    Instant investigationOpened(final Instant at) {
      return add("investigation-opened", at, InvestigationOpened.newBuilder()
          .setAuthority(country == Country.KZ || country == Country.KG ? Authority.PROSECUTOR : Authority.INVESTIGATIVE_COMMITTEE)
          // Torture, or the lesser "exceeding official powers" that prosecutors often choose instead.
          .setLegalArticle(pick(TORTURE_ARTICLE.get(country), TORTURE_ARTICLE.get(country), EXCEEDING_POWERS.get(country)))
          .build());
    }

    Instant investigationClosed(final Instant at, final InvestigationOutcome outcome) {
      return add("investigation-closed", at, InvestigationClosed.newBuilder().setOutcome(outcome).build());
    }

    Instant compensated(final Instant at, final long amountMinor, final String currency) {
      return add("compensated", at, CompensationAwarded.newBuilder().setAmountMinor(amountMinor).setCurrency(currency).build());
    }

    Instant reprisal(final Instant at, final ReprisalKind kind, final Agency agency) {
      return add("reprisal", at, ReprisalReported.newBuilder().setKind(kind).setAgency(agency).build());
    }

    Instant withdrawn(final Instant at, final WithdrawalReason reason) {
      return add("withdrawn", at, ComplaintWithdrawn.newBuilder().setReason(reason).build());
    }

    private Instant add(final String kind, final Instant at, final Object payload) {
      events.add(CaseEvent.newBuilder()
          .setEventId("sim-" + caseId + "-" + (++sequence) + "-" + kind)
          .setCaseId(caseId)
          .setCountry(country)
          .setCoalition(country.name().toLowerCase(Locale.ROOT) + "-coalition")
          .setOccurredAt(at)
          .setRecordedAt(reportedAt == null || reportedAt.isBefore(at) ? at : reportedAt)
          .setPayload(payload)
          .build());
      return at;
    }

    @SafeVarargs
    private <T> T pick(final T... choices) {
      return choices[random.nextInt(choices.length)];
    }
  }
}
