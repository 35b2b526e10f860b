package org.casewatch.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.ReprisalReported;

/**
 * The truth a fault run is checked against, computed without the topology: a plain fold of the
 * events the gateway acknowledged into the country figures they must give. Each figure is a count
 * of distinct cases (or a sum over them), so an event counted twice, or one lost, shows as a
 * difference. The same names read the service's answer ({@link #figuresOf}), flattened to {@code KZ
 * casesRegistered}, {@code KZ compensationMinorByCurrency.KZT}, ...
 */
final class IndependentFold {

  /** The figures compared: each one follows from the events alone, whatever the rule table says. */
  static final List<String> COUNTS =
      List.of(
          "casesRegistered",
          "complaintsFiled",
          "investigationsOpened",
          "casesWithReprisals",
          "compensations");

  static final String AMOUNTS = "compensationMinorByCurrency";

  private IndependentFold() {}

  /** The figures of every country from the acknowledged events of {@code history}. */
  static Map<String, Long> truth(final KnownHistory history, final Set<String> acknowledged) {
    final Map<String, Long> figures = new TreeMap<>();
    history
        .byCountry()
        .forEach(
            (country, events) -> {
              final Map<String, Set<String>> casesWith = new TreeMap<>();
              COUNTS.forEach(count -> casesWith.put(count, new HashSet<>()));
              for (final CaseEvent event : events) {
                if (!acknowledged.contains(event.getEventId())) {
                  continue;
                }
                final Object payload = event.getPayload();
                if (payload instanceof CaseRegistered) {
                  casesWith.get("casesRegistered").add(event.getCaseId());
                } else if (payload instanceof ComplaintFiled) {
                  casesWith.get("complaintsFiled").add(event.getCaseId());
                } else if (payload instanceof InvestigationOpened) {
                  casesWith.get("investigationsOpened").add(event.getCaseId());
                } else if (payload instanceof ReprisalReported) {
                  casesWith.get("casesWithReprisals").add(event.getCaseId());
                } else if (payload instanceof CompensationAwarded award) {
                  casesWith.get("compensations").add(event.getCaseId());
                  figures.merge(
                      country + " " + AMOUNTS + "." + award.getCurrency(),
                      award.getAmountMinor(),
                      Long::sum);
                } else {
                  throw new IllegalStateException(
                      "event "
                          + event.getEventId()
                          + " is a "
                          + payload.getClass().getSimpleName()
                          + ", which this fold does not know: teach it what the event does to the"
                          + " figures, or leave it out of the simulation's recent cases");
                }
              }
              casesWith.forEach(
                  (count, cases) -> figures.put(country + " " + count, (long) cases.size()));
            });
    return figures;
  }

  /**
   * What each case must hold, from its acknowledged events: how many events, complaints and
   * reprisals, as {@code events 4, complaints 2, reprisals 1}. An event applied twice shows here
   * even when no country figure moves.
   */
  static Map<String, String> cases(final KnownHistory history, final Set<String> acknowledged) {
    final Map<String, int[]> counts = new TreeMap<>();
    history
        .byCountry()
        .values()
        .forEach(
            events ->
                events.stream()
                    .filter(e -> acknowledged.contains(e.getEventId()))
                    .forEach(
                        event -> {
                          final int[] count =
                              counts.computeIfAbsent(event.getCaseId(), id -> new int[3]);
                          count[0]++;
                          count[1] += event.getPayload() instanceof ComplaintFiled ? 1 : 0;
                          count[2] += event.getPayload() instanceof ReprisalReported ? 1 : 0;
                        }));
    final Map<String, String> cases = new TreeMap<>();
    counts.forEach((caseId, count) -> cases.put(caseId, caseCounts(count[0], count[1], count[2])));
    return cases;
  }

  static String caseCounts(final long events, final long complaints, final long reprisals) {
    return "events " + events + ", complaints " + complaints + ", reprisals " + reprisals;
  }

  /** The same figures from the service's {@code GET /v1/countries} answer. */
  static Map<String, Long> figuresOf(final JsonNode countries) {
    final Map<String, Long> figures = new TreeMap<>();
    for (final JsonNode stats : countries) {
      final Country country = Country.valueOf(stats.path("country").asText());
      COUNTS.forEach(count -> figures.put(country + " " + count, stats.path(count).asLong()));
      stats
          .path(AMOUNTS)
          .fields()
          .forEachRemaining(
              amount ->
                  figures.put(
                      country + " " + AMOUNTS + "." + amount.getKey(), amount.getValue().asLong()));
    }
    return figures;
  }
}
