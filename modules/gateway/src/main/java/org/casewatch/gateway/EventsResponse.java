package org.casewatch.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of every answer to {@code POST /v1/events} that got as far as reading events.
 *
 * @param errorsNotListed errors left out of {@code results} once {@link ErrorBudget#MAX_ERRORS} were listed
 */
public record EventsResponse(int accepted, int duplicates, int rejected, int notWritten,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int errorsNotListed, List<EventResult> results) {

  static EventsResponse of(final List<EventResult> results, final int errorsNotListed) {
    return new EventsResponse(
        count(results, "accepted"), count(results, "duplicate"), count(results, "rejected"),
        count(results, "not-written"), errorsNotListed, List.copyOf(results));
  }

  private static int count(final List<EventResult> results, final String status) {
    return (int) results.stream().filter(result -> result.status().equals(status)).count();
  }
}
