package org.casewatch.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of every answer to {@code POST /v1/events} that got as far as reading events.
 *
 * @param errorsNotListed errors left out of {@code results} once {@link ErrorBudget#MAX_ERRORS}
 *     were listed
 * @param results one per event, by {@code index}, except rejected events past the error budget
 *     (counted in {@code rejected} all the same)
 */
public record EventsResponse(
    int accepted,
    int duplicates,
    int rejected,
    int notWritten,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int errorsNotListed,
    List<EventResult> results) {

  static EventsResponse of(
      final List<EventResult> all, final List<EventResult> listed, final int errorsNotListed) {
    return new EventsResponse(
        count(all, "accepted"),
        count(all, "duplicate"),
        count(all, "rejected"),
        count(all, "not-written"),
        errorsNotListed,
        List.copyOf(listed));
  }

  private static int count(final List<EventResult> results, final String status) {
    return (int) results.stream().filter(result -> result.status().equals(status)).count();
  }
}
