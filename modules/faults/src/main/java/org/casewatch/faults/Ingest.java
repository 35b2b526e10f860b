package org.casewatch.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.casewatch.json.EventJson;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;

/**
 * Sends a {@link KnownHistory} through the gateway the way a careful coalition system does: each
 * country's events in order, in batches, at a steady rate; a batch that is not acknowledged (503, a
 * refused connection, a timeout) is sent again, whole, after the gateway's {@code Retry-After},
 * until every event in it is {@code accepted} or {@code duplicate}. An event counts as acknowledged
 * only when an answer said so: that set is what nothing may lose.
 */
final class Ingest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration GIVE_UP = Duration.ofMinutes(5);
  private static final int REMEMBERED_BATCHES = 20;

  private final String gatewayUrl;
  private final Map<Country, String> tokens;
  private final int batchSize;
  private final double eventsPerSecond;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicLong unavailable = new AtomicLong();
  private final AtomicLong unreachable = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private volatile boolean hurry;
  private final java.util.concurrent.CountDownLatch finish =
      new java.util.concurrent.CountDownLatch(1);
  private final AtomicLong withoutRetryAfter = new AtomicLong();

  /** Each country's batches acknowledged last, newest first, for {@link #redeliver}. */
  private final Map<Country, Deque<List<CaseEvent>>> recent = new ConcurrentHashMap<>();

  Ingest(
      final String gatewayUrl,
      final Map<Country, String> tokens,
      final int batchSize,
      final double eventsPerSecond) {
    this.gatewayUrl = gatewayUrl;
    this.tokens = Map.copyOf(tokens);
    this.batchSize = batchSize;
    this.eventsPerSecond = eventsPerSecond;
  }

  /**
   * Sends everything; returns when every event is acknowledged, or throws saying which batch could
   * not be.
   */
  void send(final KnownHistory history) throws InterruptedException {
    final List<Thread> senders = new ArrayList<>();
    final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    final double perCountry = eventsPerSecond / history.byCountry().size();
    history
        .byCountry()
        .forEach(
            (country, events) -> {
              final Thread sender =
                  new Thread(
                      () -> {
                        try {
                          sendCountry(country, events, perCountry);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        } catch (RuntimeException e) {
                          failures.add(e);
                        }
                      },
                      "ingest-" + country);
              sender.setDaemon(true);
              senders.add(sender);
              sender.start();
            });
    for (final Thread sender : senders) {
      sender.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(
          "Ingest failed: " + failures.get(0).getMessage(), failures.get(0));
    }
  }

  private void sendCountry(final Country country, final List<CaseEvent> events, final double rate)
      throws InterruptedException {
    final long started = System.nanoTime();
    for (int from = 0; from < events.size(); from += batchSize) {
      final List<CaseEvent> batch = events.subList(from, Math.min(events.size(), from + batchSize));
      if (from + batchSize >= events.size()) {
        // The last batch waits for the faults to be over: every fault happens while events are
        // still going in.
        finish.await();
      }
      sendUntilAcknowledged(country, batch);
      sent.addAndGet(batch.size());
      final Deque<List<CaseEvent>> mine =
          recent.computeIfAbsent(country, c -> new ConcurrentLinkedDeque<>());
      mine.addFirst(batch);
      while (mine.size() > REMEMBERED_BATCHES) {
        mine.pollLast();
      }
      // A steady rate: the next batch leaves when this country's share of the rate says so.
      final long due = started + (long) ((from + batch.size()) / rate * 1e9);
      final long wait = due - System.nanoTime();
      if (wait > 0 && !hurry) {
        Pause.of(Duration.ofNanos(wait));
      }
    }
  }

  private void sendUntilAcknowledged(final Country country, final List<CaseEvent> batch)
      throws InterruptedException {
    final ArrayNode body = MAPPER.createArrayNode();
    batch.forEach(event -> body.add(EventJson.toJson(event)));
    final HttpRequest request =
        HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/events"))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + tokens.get(country))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    final long giveUp = System.nanoTime() + GIVE_UP.toNanos();
    while (true) {
      Duration retryAfter = Duration.ofSeconds(1);
      try {
        final HttpResponse<String> response =
            http.send(request, HttpResponse.BodyHandlers.ofString());
        final int missing = acknowledge(batch, response);
        if (missing == 0) {
          return;
        }
        if (response.statusCode() == 400
            || response.statusCode() == 401
            || response.statusCode() == 403) {
          throw new IllegalStateException(
              "The gateway refused a batch of "
                  + country
                  + " ("
                  + response.statusCode()
                  + "): "
                  + response.body());
        }
        unavailable.incrementAndGet();
        if (response.headers().firstValue("Retry-After").isEmpty()) {
          withoutRetryAfter.incrementAndGet();
        }
        retryAfter =
            response
                .headers()
                .firstValue("Retry-After")
                .map(Long::parseLong)
                .map(Duration::ofSeconds)
                .filter(wait -> wait.compareTo(Duration.ofSeconds(5)) <= 0)
                .orElse(retryAfter);
      } catch (IOException e) {
        unreachable.incrementAndGet();
      }
      if (System.nanoTime() > giveUp) {
        throw new IllegalStateException(
            "A batch of "
                + country
                + " from "
                + batch.get(0).getEventId()
                + " was not acknowledged within "
                + GIVE_UP);
      }
      Pause.of(retryAfter);
    }
  }

  /** Records the batch's acknowledged events; returns how many are not (yet). */
  private int acknowledge(final List<CaseEvent> batch, final HttpResponse<String> response) {
    JsonNode answer;
    try {
      answer = MAPPER.readTree(response.body());
    } catch (IOException e) {
      return batch.size();
    }
    for (final JsonNode result : answer.path("results")) {
      final String status = result.path("status").asText();
      if (status.equals("accepted") || status.equals("duplicate")) {
        acknowledged.add(batch.get(result.path("index").asInt()).getEventId());
      }
    }
    return (int) batch.stream().filter(event -> !acknowledged.contains(event.getEventId())).count();
  }

  /**
   * Sends each country's last {@code batches} acknowledged batches again (at most the last 20), as
   * a system that never saw the answers would; returns how many events it sent again.
   */
  int redeliver(final int batches) throws InterruptedException {
    int again = 0;
    for (final Map.Entry<Country, Deque<List<CaseEvent>>> country : recent.entrySet()) {
      for (final List<CaseEvent> batch : country.getValue().stream().limit(batches).toList()) {
        sendUntilAcknowledged(country.getKey(), batch);
        again += batch.size();
      }
    }
    return again;
  }

  /**
   * From now on, no pace: the rest (the last batch of each country included) goes in as fast as the
   * gateway takes it.
   */
  void hurry() {
    hurry = true;
    finish.countDown();
  }

  int acknowledgedCount() {
    return acknowledged.size();
  }

  Set<String> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  long sent() {
    return sent.get();
  }

  /** Answers other than 202 that said to come back later (503, 429, ...). */
  long unavailable() {
    return unavailable.get();
  }

  /** Answers to come back later that did not say when (no {@code Retry-After}). */
  long withoutRetryAfter() {
    return withoutRetryAfter.get();
  }

  /** Requests that got no answer at all (connection refused, reset, timed out). */
  long unreachable() {
    return unreachable.get();
  }
}
