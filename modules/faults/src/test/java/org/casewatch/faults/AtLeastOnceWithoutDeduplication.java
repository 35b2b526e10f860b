package org.casewatch.faults;

import java.util.Map;
import java.util.TreeMap;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.Topics;

/**
 * A deliberately broken way to count: every record in the event topics is folded in as it comes,
 * the way an at-least-once consumer without deduplication counts. Any copy of an event in a topic
 * (a redelivery the gateway could not recognise) is counted twice. The fault run must catch it.
 */
final class AtLeastOnceWithoutDeduplication implements FiguresSource {

  @Override
  public Map<String, Long> figures(final Deployment deployment) {
    final Map<String, Long> figures = new TreeMap<>();
    new TopicContents(deployment.kafka().bootstrapServers(), deployment.registryUrl())
        .events(Topics.allEvents(), event -> count(event, figures));
    return figures;
  }

  private static void count(final CaseEvent event, final Map<String, Long> figures) {
    final String country = event.getCountry().name() + " ";
    final String figure =
        switch (event.getPayload().getClass().getSimpleName()) {
          case "CaseRegistered" -> "casesRegistered";
          case "ComplaintFiled" -> "complaintsFiled";
          case "InvestigationOpened" -> "investigationsOpened";
          case "ReprisalReported" -> "casesWithReprisals";
          case "CompensationAwarded" -> "compensations";
          default -> null;
        };
    if (figure != null) {
      figures.merge(country + figure, 1L, Long::sum);
    }
    if (event.getPayload() instanceof CompensationAwarded award) {
      figures.merge(
          country + IndependentFold.AMOUNTS + "." + award.getCurrency(),
          award.getAmountMinor(),
          Long::sum);
    }
  }
}
