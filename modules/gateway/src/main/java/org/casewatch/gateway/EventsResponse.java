package org.casewatch.gateway;

import java.util.List;

/** The body of every answer to {@code POST /v1/events} that got as far as reading events. */
public record EventsResponse(int accepted, int duplicates, int rejected, int notWritten, List<EventResult> results) {

  static EventsResponse of(final List<EventResult> results) {
    return new EventsResponse(
        count(results, "accepted"), count(results, "duplicate"), count(results, "rejected"),
        count(results, "not-written"), List.copyOf(results));
  }

  private static int count(final List<EventResult> results, final String status) {
    return (int) results.stream().filter(result -> result.status().equals(status)).count();
  }
}
