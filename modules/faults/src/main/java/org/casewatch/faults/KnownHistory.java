package org.casewatch.faults;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;

/**
 * The history a fault run sends: cases in all five countries, each registered, complained about and
 * sometimes investigated, retaliated against or compensated. Every event happened in the day before
 * the run, so no deadline falls due while the run lasts and a live service and a replay of the same
 * events must raise exactly the same alerts. Seeded: the same seed, the same history.
 */
final class KnownHistory {

  /** One event as sent: its JSON, and what the independent fold needs to know of it. */
  record Event(
      String eventId,
      String caseId,
      Country country,
      String type,
      long amountMinor,
      String currency,
      ObjectNode json) {}

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Map<Country, String> TORTURE_ARTICLE =
      Map.of(
          Country.KZ,
          "CC-146",
          Country.KG,
          "CC-137",
          Country.TJ,
          "CC-143-1",
          Country.TM,
          "CC-182",
          Country.UZ,
          "CC-235");
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

  private final Map<Country, List<Event>> byCountry = new EnumMap<>(Country.class);
  private int size;

  private KnownHistory() {}

  /** About {@code events} events (whole cases), starting a day before {@code now}. */
  static KnownHistory of(final int events, final long seed, final Instant now) {
    final KnownHistory history = new KnownHistory();
    final Random random = new Random(seed);
    final List<Country> countries = Countries.all();
    final int year = now.atOffset(ZoneOffset.UTC).getYear();
    final Instant start = now.minus(Duration.ofDays(1));
    for (int index = 0; history.size < events; index++) {
      final Country country = countries.get(index % countries.size());
      final int number = index / countries.size() + 1;
      final String caseId = country.name() + "-" + year + "-" + number;
      final String prefix =
          country.name().toLowerCase(Locale.ROOT) + "-f" + seed + "-" + number + "-";
      final Instant registered = start.plusSeconds(index % 43_200L);
      final List<Event> caseEvents = new ArrayList<>();
      caseEvents.add(
          event(
              prefix + 1,
              caseId,
              country,
              "CASE_REGISTERED",
              registered,
              registration(random),
              0,
              null));
      caseEvents.add(
          event(
              prefix + 2,
              caseId,
              country,
              "COMPLAINT_FILED",
              registered.plusSeconds(60),
              JSON.objectNode().put("authority", "PROSECUTOR"),
              0,
              null));
      if (random.nextInt(3) == 0) {
        caseEvents.add(
            event(
                prefix + 3,
                caseId,
                country,
                "INVESTIGATION_OPENED",
                registered.plusSeconds(120),
                JSON.objectNode()
                    .put("authority", "PROSECUTOR")
                    .put("legalArticle", TORTURE_ARTICLE.get(country)),
                0,
                null));
      }
      if (random.nextInt(4) == 0) {
        caseEvents.add(
            event(
                prefix + 4,
                caseId,
                country,
                "REPRISAL_REPORTED",
                registered.plusSeconds(180),
                JSON.objectNode()
                    .put("kind", "THREAT_OF_FALSE_REPORT_CHARGES")
                    .put("agency", "POLICE"),
                0,
                null));
      }
      // Counts a case carries (events, complaints, reprisals) must not grow when an event is
      // applied twice.
      if (random.nextInt(6) == 0) {
        caseEvents.add(
            event(
                prefix + 6,
                caseId,
                country,
                "COMPLAINT_FILED",
                registered.plusSeconds(200),
                JSON.objectNode().put("authority", "COURT"),
                0,
                null));
      }
      if (random.nextInt(8) == 0) {
        caseEvents.add(
            event(
                prefix + 7,
                caseId,
                country,
                "REPRISAL_REPORTED",
                registered.plusSeconds(220),
                JSON.objectNode()
                    .put("kind", "THREAT_OF_FALSE_REPORT_CHARGES")
                    .put("agency", "POLICE"),
                0,
                null));
      }
      if (random.nextInt(5) == 0) {
        final long amount = 100_000L * (1 + random.nextInt(50));
        caseEvents.add(
            event(
                prefix + 5,
                caseId,
                country,
                "COMPENSATION_AWARDED",
                registered.plusSeconds(240),
                JSON.objectNode().put("amountMinor", amount).put("currency", CURRENCY.get(country)),
                amount,
                CURRENCY.get(country)));
      }
      history.byCountry.computeIfAbsent(country, c -> new ArrayList<>()).addAll(caseEvents);
      history.size += caseEvents.size();
    }
    return history;
  }

  private static ObjectNode registration(final Random random) {
    final ObjectNode victim =
        JSON.objectNode()
            .put("sex", random.nextBoolean() ? "MALE" : "FEMALE")
            .put("ageBand", "AGE_18_29")
            .put("returnedFromAbroad", false);
    final ObjectNode payload =
        JSON.objectNode()
            .put("allegation", "TORTURE")
            .put("placeOfDetention", "POLICE_STATION")
            .put("perpetratorAgency", "POLICE");
    payload.set("victim", victim);
    return payload;
  }

  private static Event event(
      final String eventId,
      final String caseId,
      final Country country,
      final String type,
      final Instant occurredAt,
      final ObjectNode payload,
      final long amountMinor,
      final String currency) {
    final ObjectNode json =
        JSON.objectNode()
            .put("type", type)
            .put("eventId", eventId)
            .put("caseId", caseId)
            .put("occurredAt", occurredAt.toString());
    json.set("payload", payload);
    return new Event(eventId, caseId, country, type, amountMinor, currency, json);
  }

  int size() {
    return size;
  }

  /** A country's events in the order they are sent (a case's events in the order they happened). */
  List<Event> of(final Country country) {
    return byCountry.getOrDefault(country, List.of());
  }

  Map<Country, List<Event>> byCountry() {
    return byCountry;
  }
}
