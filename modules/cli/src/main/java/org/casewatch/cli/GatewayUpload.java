package org.casewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends batches of events to a gateway and returns one result per event. Events the gateway could
 * not write (503) are sent again after its Retry-After, a bounded number of times; safe, since each
 * event keeps its eventId.
 */
public final class GatewayUpload {

  static final int MAX_ATTEMPTS = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The gateway's verdict on one event: {@code accepted}, {@code duplicate}, {@code rejected} or
   * {@code not-written}.
   */
  public record Result(String status, JsonNode errors) {}

  /** The gateway refused the whole request (401, 403, 413, 415, ...): the import stops. */
  public static final class Refused extends RuntimeException {
    Refused(final String message) {
      super(message);
    }
  }

  /**
   * What to tell the user when the gateway refuses a request, in the words of the command that sent
   * it.
   */
  public record Hints(String unauthorized, String forbidden, String tooLarge) {
    static final Hints IMPORT =
        new Hints(
            " Check --token-file: the token is missing, mistyped or revoked.",
            " Check --country and the token: a coalition may publish only its own country's cases.",
            " Use a smaller --batch-size.");
  }

  private final URI endpoint;
  private final Hints hints;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Sleeper sleeper;

  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  public GatewayUpload(final String gatewayUrl, final String token, final Sleeper sleeper) {
    this(gatewayUrl, token, sleeper, Hints.IMPORT);
  }

  public GatewayUpload(
      final String gatewayUrl, final String token, final Sleeper sleeper, final Hints hints) {
    this.hints = hints;
    this.endpoint = URI.create(gatewayUrl.replaceAll("/+$", "") + "/v1/events");
    this.token = token;
    this.sleeper = sleeper;
  }

  /** One result per event of {@code batch}, in order. */
  public List<Result> send(final List<JsonNode> batch) throws InterruptedException {
    final Result[] results = new Result[batch.size()];
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      pending.add(i);
    }
    for (int attempt = 1; attempt <= MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
      final ArrayNode body = JSON.createArrayNode();
      pending.forEach(i -> body.add(batch.get(i)));
      HttpResponse<String> response = post(body);
      // Over the coalition's rate limit nothing was written: wait as told, then send the same batch
      // again.
      for (int wait = 0; response.statusCode() == 429 && wait < MAX_RATE_LIMIT_WAITS; wait++) {
        sleeper.sleep(Duration.ofSeconds(retryAfter(response)));
        response = post(body);
      }
      final JsonNode answer = parse(response);
      final List<Integer> retry = new ArrayList<>();
      // By index: rejected events past the gateway's error budget are counted but not listed.
      final Map<Integer, JsonNode> perEvent = new HashMap<>();
      answer
          .path("results")
          .forEach(result -> perEvent.put(result.path("index").asInt(-1), result));
      final String unlisted =
          answer.path("errorsNotListed").asInt() > 0 ? "rejected" : "not-written";
      for (int j = 0; j < pending.size(); j++) {
        final JsonNode result = perEvent.getOrDefault(j, MissingNode.getInstance());
        final String status = result.path("status").asText(unlisted);
        results[pending.get(j)] = new Result(status, result.path("errors"));
        if (status.equals("not-written") && response.statusCode() == 503) {
          retry.add(pending.get(j));
        }
      }
      pending = retry;
      if (!pending.isEmpty() && attempt < MAX_ATTEMPTS) {
        sleeper.sleep(Duration.ofSeconds(retryAfter(response)));
      }
    }
    return List.of(results);
  }

  /** How many times a batch waits out the gateway's rate limit (429) before the upload gives up. */
  private static final int MAX_RATE_LIMIT_WAITS = 120;

  private HttpResponse<String> post(final ArrayNode body) throws InterruptedException {
    final HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    IOException last = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        last = e;
        sleeper.sleep(Duration.ofSeconds(attempt));
      }
    }
    throw new Refused("Cannot reach the gateway at " + endpoint + ": " + last + ". Is it running?");
  }

  private JsonNode parse(final HttpResponse<String> response) {
    final JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new Refused(
          "The gateway at "
              + endpoint
              + " answered "
              + response.statusCode()
              + " with a body that is not JSON");
    }
    final int status = response.statusCode();
    if (status == 202
        || (status == 400 && answer.has("results"))
        || (status == 503 && answer.has("results"))) {
      return answer;
    }
    final String hint =
        switch (status) {
          case 401 -> hints.unauthorized();
          case 403 -> hints.forbidden();
          case 413 -> hints.tooLarge();
          default -> "";
        };
    throw new Refused(
        "The gateway refused the batch ("
            + status
            + "): "
            + answer.path("message").asText(response.body())
            + hint);
  }

  private static long retryAfter(final HttpResponse<String> response) {
    try {
      return Long.parseLong(response.headers().firstValue("Retry-After").orElse("5"));
    } catch (NumberFormatException e) {
      return 5;
    }
  }
}
