package org.casewatch.gateway;

import java.util.ArrayList;
import java.util.List;
import org.casewatch.testkit.HttpTestClient;
import org.casewatch.testkit.HttpTestClient.Answer;

/** Talks to a gateway over real HTTP, as a coalition's system would. */
final class GatewayClient {

  private final HttpTestClient http;

  GatewayClient(final int port) {
    this.http = HttpTestClient.localhost(port);
  }

  /** POSTs events as JSON with {@code token} (none if null). */
  Answer post(final String token, final String body) {
    return post(token, body, "", "application/json");
  }

  /** POSTs events with {@code token} (none if null), a {@code query} such as "?atomic=true". */
  Answer post(final String token, final String body, final String query, final String contentType) {
    return http.as(token).send("POST", "/v1/events" + query, body, "Content-Type", contentType);
  }

  Answer get(final String path) {
    return http.get(path);
  }

  /** The status of each event of a POST's answer, in request order. */
  static List<String> statuses(final Answer answer) {
    final List<String> statuses = new ArrayList<>();
    answer.json().path("results").forEach(result -> statuses.add(result.path("status").asText()));
    return statuses;
  }
}
