package org.casewatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the service for state it holds, through its internal endpoints, which
 * answer from their own stores only and never forward: a request crosses at most one hop, so
 * forwarding cannot loop.
 */
final class Peers {

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  /** The peer's JSON answer; empty for 404. */
  Optional<JsonNode> get(final HostInfo peer, final String pathAndQuery, final String authorization) {
    final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + peer.host() + ":" + peer.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw new Unavailable("instance " + peer + " answered " + response.statusCode() + " for " + pathAndQuery
            + (response.statusCode() == 401 ? " (it does not accept this token: do the instances share the access file?)" : ""));
      }
      return Optional.of(json.readTree(response.body()));
    } catch (IOException e) {
      throw new Unavailable("instance " + peer + " cannot be reached: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while asking " + peer);
    }
  }
}
