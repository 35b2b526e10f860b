package org.casewatch.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How tests talk to casewatch's servers (gateway and service, over http or https) as a coalition's
 * system or a coordinator's browser would: one place that builds the requests, adds the caller's
 * bearer token and bounds every exchange by a timeout, so that a hung server fails the test that
 * met it instead of hanging the build. Answers keep their body as text and parse it as JSON only
 * when asked, since the dashboard and {@code /metrics} are not JSON.
 */
public final class HttpTestClient {

  /** How long an exchange may take, from sending the request to the end of the answer. */
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final String baseUrl;
  private final String token;

  private HttpTestClient(final HttpClient http, final String baseUrl, final String token) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** A client without a token for {@code http://localhost:port}, on an HttpClient of its own. */
  public static HttpTestClient localhost(final int port) {
    return of("http://localhost:" + port);
  }

  /** A client without a token for {@code baseUrl}, on an HttpClient of its own. */
  public static HttpTestClient of(final String baseUrl) {
    return of(baseUrl, newHttpClient());
  }

  /**
   * A client without a token for {@code baseUrl} (e.g. {@code https://localhost:8443}) on {@code
   * http}: one that trusts a test certificate, or one shared by clients of several servers.
   */
  public static HttpTestClient of(final String baseUrl, final HttpClient http) {
    return new HttpTestClient(http, baseUrl, null);
  }

  /** An HttpClient that gives up connecting after a while, for {@link #of} to share. */
  public static HttpClient newHttpClient() {
    return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** This client, sending {@code token} as its bearer token (none if null). */
  public HttpTestClient as(final String token) {
    return new HttpTestClient(http, baseUrl, token);
  }

  public Answer get(final String path) {
    return send("GET", path, null);
  }

  /** POSTs {@code json} as {@code application/json}. */
  public Answer post(final String path, final String json) {
    return send("POST", path, json, "Content-Type", "application/json");
  }

  /**
   * Sends a {@code method} request with {@code body} (none if null) and {@code headers} given as
   * name, value pairs; a header whose value is null is left out. An {@code Authorization} header
   * among them replaces the client's token.
   */
  public Answer send(
      final String method, final String path, final String body, final String... headers) {
    return send(method, path, body, pairs(headers));
  }

  /** As {@link #send(String, String, String, String...)}, {@code headers} given as a map. */
  public Answer send(
      final String method,
      final String path,
      final String body,
      final Map<String, String> headers) {
    final HttpRequest request =
        request(path, headers)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    final HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body(), response);
  }

  /**
   * GETs an answer that does not end by itself, such as the alert stream: returns once its status
   * and headers are in, with the body to read as it comes. Closing the body ends the connection.
   */
  public HttpResponse<InputStream> open(final String path, final String... headers) {
    return exchange(
        request(path, pairs(headers)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private static Map<String, String> pairs(final String... headers) {
    if (headers.length % 2 != 0) {
      throw new IllegalArgumentException(
          "headers come as name, value pairs, but "
              + Arrays.toString(headers)
              + " has an odd number of strings");
    }
    final Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      pairs.put(headers[i], headers[i + 1]);
    }
    return pairs;
  }

  private HttpRequest.Builder request(final String path, final Map<String, String> headers) {
    final HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
    boolean authorized = false;
    for (final Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getValue() != null) {
        request.header(header.getKey(), header.getValue());
        authorized |= header.getKey().equalsIgnoreCase("Authorization");
      }
    }
    if (token != null && !authorized) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  /**
   * Sends {@code request} and waits at most {@link #TIMEOUT} for the answer, body included: the
   * request's own timeout ends with the headers.
   */
  private <T> HttpResponse<T> exchange(
      final HttpRequest request, final HttpResponse.BodyHandler<T> body) {
    final CompletableFuture<HttpResponse<T>> answer = http.sendAsync(request, body);
    try {
      return answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new IllegalStateException(
          "no answer to "
              + request.method()
              + " "
              + request.uri()
              + " within "
              + TIMEOUT.toSeconds()
              + " s: the server is hung or too slow",
          e);
    } catch (ExecutionException e) {
      final String what = request.method() + " " + request.uri() + " failed: " + e.getCause();
      if (e.getCause() instanceof IOException cause) {
        throw new UncheckedIOException(what, cause);
      }
      throw new IllegalStateException(what, e.getCause());
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted waiting for " + request.method() + " " + request.uri(), e);
    }
  }

  /** A server's answer: its status, its body as text, and the response itself. */
  public record Answer(int status, String body, HttpResponse<String> raw) {

    /**
     * The body parsed as JSON, at each call; a null node if the body is blank.
     *
     * @throws IllegalStateException if the body is not JSON, quoting it
     */
    public JsonNode json() {
      if (body.isBlank()) {
        return JSON.nullNode();
      }
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(
            raw.request().method()
                + " "
                + raw.request().uri()
                + " answered "
                + status
                + " with a body that is not JSON: "
                + (body.length() > 200 ? body.substring(0, 200) + "…" : body),
            e);
      }
    }

    /** The first value of header {@code name}, or null if the answer has none. */
    public String header(final String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }
}
