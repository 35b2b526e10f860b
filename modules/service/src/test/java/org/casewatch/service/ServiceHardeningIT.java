package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.casewatch.access.AccessFile;
import org.casewatch.access.Tokens;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.HttpTestClient.Answer;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The red-team review's findings on the service, one test each. */
@WithCasewatchKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceHardeningIT {

  private final CasewatchCluster cluster;
  private final ServiceFixture fixture;
  private final CasewatchService service;

  ServiceHardeningIT(final CasewatchCluster cluster) throws IOException {
    this.cluster = cluster;
    this.fixture = new ServiceFixture(cluster);
    this.service =
        CasewatchService.start(
            fixture.config("a", Map.of("casewatch.http.allowed.hosts", "localhost")));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> service.state() == KafkaStreams.State.RUNNING);
  }

  @AfterAll
  void stop() {
    service.close();
  }

  /** An alert stream read on a thread of its own, until the server ends it. */
  private final class Stream implements AutoCloseable {
    final int status;
    final HttpResponse<InputStream> response;
    final AtomicBoolean ended = new AtomicBoolean();

    Stream(final CasewatchService on, final String token, final String lastEventId) {
      response =
          fixture
              .client(on)
              .as(token)
              .open(
                  "/v1/alerts/stream", "Accept", "text/event-stream", "Last-Event-ID", lastEventId);
      status = response.statusCode();
      CompletableFuture.runAsync(
          () -> {
            try (InputStream body = response.body()) {
              body.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
              // the connection was cut: ended as well
            }
            ended.set(true);
          });
    }

    @Override
    public void close() throws IOException {
      response.body().close();
    }
  }

  @Test
  void anAlertStreamEndsWithinTwoSecondsOfItsTokensRevocation() throws Exception {
    final Tokens.Issued issued =
        AccessFile.addCoordinatorToken(fixture.accessFile(), "departing-desk");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> fixture.get(service, "/v1/countries/KZ", issued.token()).status() == 200);
    try (Stream stream = new Stream(service, issued.token(), null)) {
      assertThat(stream.status).isEqualTo(200);
      assertThat(stream.ended).isFalse();

      AccessFile.revokeToken(fixture.accessFile(), issued.id());

      await().atMost(Duration.ofSeconds(2)).untilTrue(stream.ended);
      assertThat(fixture.get(service, "/v1/countries/KZ", issued.token()).status()).isEqualTo(401);
    }
  }

  @Test
  void streamsBeyondTheCapsGetA429WithRetryAfter() throws Exception {
    final String first = fixture.coordinatorToken();
    final String second =
        AccessFile.addCoordinatorToken(fixture.accessFile(), "second-desk").token();
    final String third = AccessFile.addCoordinatorToken(fixture.accessFile(), "third-desk").token();
    final List<Stream> streams = new ArrayList<>();
    try (CasewatchService capped =
        CasewatchService.start(
            fixture.config(
                "capped",
                Map.of(
                    "casewatch.stream.max.clients",
                    "3",
                    "casewatch.stream.max.clients.per.token",
                    "2")))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> capped.state() == KafkaStreams.State.RUNNING);
      for (int i = 0; i < 4; i++) {
        final Answer post =
            fixture.client(capped).as(first).send("POST", "/v1/alerts/stream", null);
        assertThat(post.status()).as("a POST takes no place under the caps").isNotEqualTo(200);
      }
      streams.add(new Stream(capped, first, null));
      streams.add(new Stream(capped, first, null));
      final Stream thirdOfOneToken = new Stream(capped, first, null);
      streams.add(thirdOfOneToken);
      streams.add(new Stream(capped, second, null));
      final Stream beyondTheInstance = new Stream(capped, third, null);
      streams.add(beyondTheInstance);

      assertThat(streams.stream().map(stream -> stream.status))
          .containsExactly(200, 200, 429, 200, 429);
      assertThat(thirdOfOneToken.response.headers().firstValue("Retry-After")).contains("10");
      assertThat(beyondTheInstance.response.headers().firstValue("Retry-After")).contains("10");
    } finally {
      for (final Stream stream : streams) {
        stream.close();
      }
    }
  }

  @Test
  void aMalformedLastEventIdIsA400() throws Exception {
    for (final String malformed : List.of("0:-5", "0:1,0:2", "banana", "0:12,", "99999999:1")) {
      try (Stream stream = new Stream(service, fixture.coordinatorToken(), malformed)) {
        assertThat(stream.status).as(malformed).isEqualTo(400);
      }
    }
  }

  @Test
  void aMalformedCursorIsA400() {
    for (final String decoded :
        List.of("12:a b", "12:", ":KZ-2016-0001", "x:KZ-2016-0001", "12:a\nb")) {
      final String cursor =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(decoded.getBytes(StandardCharsets.UTF_8));
      assertThat(fixture.get(service, "/v1/alerts?cursor=" + cursor).status())
          .as(decoded)
          .isEqualTo(400);
      assertThat(fixture.get(service, "/v1/cases?cursor=" + cursor).status())
          .as(decoded)
          .isEqualTo(400);
    }
    assertThat(
            fixture
                .get(
                    service,
                    "/v1/alerts?cursor=" + URLEncoder.encode("%%%", StandardCharsets.UTF_8))
                .status())
        .isEqualTo(400);
  }

  @Test
  void metricsNeedACoordinatorTokenUnlessOpened() throws IOException {
    assertThat(fixture.get(service, "/metrics", null).status()).isEqualTo(401);
    assertThat(fixture.get(service, "/metrics", fixture.coalitionToken()).status()).isEqualTo(401);
    assertThat(fixture.get(service, "/metrics").status()).isEqualTo(200);
    try (CasewatchService open =
        CasewatchService.start(fixture.config("open", Map.of("casewatch.metrics.open", "true")))) {
      assertThat(fixture.get(open, "/metrics", null).status()).isEqualTo(200);
    }
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    for (final String path :
        List.of(
            "/v1/countries",
            "/",
            "/dashboard.js",
            "/dashboard.css",
            "/no-such-page",
            "/health",
            "/v1/cases/KZ-2016-9999")) {
      assertSecurityHeaders(fixture.get(service, path), path);
    }
    final Answer refused = fixture.get(service, "/v1/countries", null);
    assertThat(refused.status()).isEqualTo(401);
    assertSecurityHeaders(refused, "401");
    assertThat(fixture.get(service, "/v1/countries").header("Cache-Control")).isEqualTo("no-store");
    assertThat(refused.header("Cache-Control")).isEqualTo("no-store");
  }

  private static void assertSecurityHeaders(final Answer answer, final String what) {
    assertThat(answer.header("Content-Security-Policy"))
        .as(what)
        .contains("frame-ancestors 'none'", "script-src 'self'");
    assertThat(answer.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
    assertThat(answer.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
  }

  @Test
  void aRequestForAnotherHostIsRefused() throws IOException {
    assertThat(statusLine(service.port(), "localhost:" + service.port())).contains(" 200");
    assertThat(statusLine(service.port(), "localhost")).contains(" 200");
    assertThat(statusLine(service.port(), "attacker.example:" + service.port())).contains(" 421");
    assertThat(statusLine(service.port(), "127.0.0.1")).contains(" 421");
  }

  /**
   * The status line of {@code GET /health} sent with {@code Host: host}, which HttpClient will not
   * set.
   */
  private static String statusLine(final int port, final String host) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket
          .getOutputStream()
          .write(
              ("GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      final String answer =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      return answer.lines().findFirst().orElse("");
    }
  }
}
