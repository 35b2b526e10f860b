package org.casewatch.topology.deadletters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOpened;

/**
 * The checks an event must pass before it may change any state. Each problem names the event, the
 * case, the field and the rule broken.
 */
public final class CaseEventValidator {

  /** Events may not claim to have happened further in the future than this. */
  static final Duration FUTURE_SKEW = Duration.ofDays(1);

  private CaseEventValidator() {}

  /**
   * Problems with {@code event}, keyed {@code key}, read from the event topic of {@code topicCountry}
   * at wall-clock time {@code now}; empty when it is valid.
   */
  public static List<String> problems(
      final CaseEvent event, final String key, final String topic, final Country topicCountry, final Instant now) {
    final List<String> problems = new ArrayList<>();
    final String caseId = event.getCaseId();
    final String which = "event " + (isBlank(event.getEventId()) ? "(no eventId)" : event.getEventId())
        + " for case " + (isBlank(caseId) ? "(no caseId)" : caseId);
    if (isBlank(event.getEventId())) {
      problems.add(which + " has no eventId; every event needs a unique idempotency key");
    }
    if (isBlank(caseId)) {
      problems.add(which + " has no caseId");
    } else if (!Countries.CASE_ID.matcher(caseId).matches()) {
      problems.add(which + ": caseId must look like KZ-2016-0042 (country, year, number)");
    } else if (!Countries.isCaseIdOf(event.getCountry(), caseId)) {
      problems.add(which + ": caseId prefix does not match country " + event.getCountry());
    }
    if (event.getCountry() != topicCountry) {
      problems.add(which + " names country " + event.getCountry() + " but arrived on " + topic);
    }
    if (key == null) {
      problems.add(which + " has no record key; events must be keyed by caseId");
    } else if (!isBlank(caseId) && !key.equals(caseId)) {
      problems.add(which + " is keyed '" + key + "'; events must be keyed by their caseId");
    }
    if (event.getOccurredAt().isAfter(now.plus(FUTURE_SKEW))) {
      problems.add(which + ": occurredAt " + event.getOccurredAt() + " is in the future");
    }
    payloadProblem(event).ifPresent(problem -> problems.add(which + ": " + problem));
    return problems;
  }

  private static Optional<String> payloadProblem(final CaseEvent event) {
    final Object payload = event.getPayload();
    if (payload instanceof CompensationAwarded award) {
      if (award.getAmountMinor() < 0) {
        return Optional.of("amountMinor " + award.getAmountMinor() + " is negative");
      }
      if (award.getCurrency() == null || !award.getCurrency().matches("[A-Z]{3}")) {
        return Optional.of("currency '" + award.getCurrency() + "' is not an ISO 4217 code such as KZT");
      }
    }
    if (payload instanceof InvestigationOpened opened
        && (opened.getLegalArticle() == null || !opened.getLegalArticle().matches("[A-Za-z0-9.\\-]{1,32}"))) {
      return Optional.of("legalArticle must be a short code such as CC-146, not free text");
    }
    return Optional.empty();
  }

  private static boolean isBlank(final String text) {
    return text == null || text.isBlank();
  }
}
