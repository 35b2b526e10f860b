package org.casewatch.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Talks to a gateway over real HTTP, as a coalition's system would. */
final class GatewayClient {

  static final ObjectMapper JSON = new ObjectMapper();

  record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    String header(final String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    /** The status of each event, in request order. */
    List<String> statuses() {
      final List<String> statuses = new ArrayList<>();
      body.path("results").forEach(result -> statuses.add(result.path("status").asText()));
      return statuses;
    }
  }

  private final String baseUrl;
  private final HttpClient http = HttpClient.newHttpClient();

  GatewayClient(final int port) {
    this.baseUrl = "http://localhost:" + port;
  }

  Answer post(final String token, final String body) {
    return post(token, body, "", "application/json");
  }

  Answer post(final String token, final String body, final String query, final String contentType) {
    final HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/v1/events" + query))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  Answer get(final String path) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .GET()
            .build());
  }

  private Answer send(final HttpRequest request) {
    try {
      final HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString());
      final JsonNode body =
          response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
      return new Answer(response.statusCode(), body, response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
