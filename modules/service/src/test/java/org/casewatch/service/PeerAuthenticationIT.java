package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.HttpTestClient;
import org.casewatch.testkit.HttpTestClient.Answer;
import org.casewatch.testkit.WithCasewatchKafka;
import org.casewatch.topology.CaseTopology;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.TopologyTopics;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;

/**
 * A member that joins the service's group and advertises an HTTP server of its own (what anyone who
 * can join the group could do) gets queries forwarded to it: it must never see a coordinator's
 * token, and nothing it answers that is malformed or unsigned reaches the coordinator. Internal
 * routes take instance signatures only, public routes tokens only.
 */
@WithCasewatchKafka
class PeerAuthenticationIT {

  private final CasewatchCluster cluster;

  PeerAuthenticationIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  /** What the fake peer saw of one request. */
  record Seen(String uri, Map<String, List<String>> headers) {}

  @Test
  void aFakePeerNeverSeesATokenAndItsAnswersAreRefused() throws IOException {
    final ServiceFixture fixture = new ServiceFixture(cluster);
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final AtomicReference<String> answer =
        new AtomicReference<>("{\"country\":\"KZ\",\"casesRegistered\":\"lots\"}");
    // First an instance gone wrong: it holds the shared secret and signs, but answers garbage.
    final AtomicBoolean signs = new AtomicBoolean(true);
    final PeerCredential secret =
        new PeerCredential(new PeerSecret(ServiceFixture.PEER_SECRET), Clock.systemUTC());
    final HttpServer fake = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    fake.createContext(
        "/",
        exchange -> {
          seen.add(
              new Seen(
                  exchange.getRequestURI().toString(), Map.copyOf(exchange.getRequestHeaders())));
          final String text = answer.get();
          final byte[] body = text.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          final String requestSignature =
              exchange.getRequestHeaders().getFirst(PeerCredential.SIGNATURE);
          if (signs.get() && requestSignature != null) {
            exchange
                .getResponseHeaders()
                .add(PeerCredential.SIGNATURE, secret.signAnswer(requestSignature, text));
          }
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    fake.start();
    final ServiceConfig fakeConfig =
        fixture.config(
            "fake", Map.of("casewatch.http.port", Integer.toString(fake.getAddress().getPort())));
    final TopologyTopics topics =
        TopologyTopics.prefixed(cluster.registryClient(), fakeConfig.topicPrefix());
    try (CasewatchService service = CasewatchService.start(fixture.config("a"));
        KafkaStreams fakeMember =
            new KafkaStreams(
                CaseTopology.build(RulesFile.defaults(), topics, ClockMode.LIVE),
                CasewatchService.streamsProperties(fakeConfig, topics))) {
      fakeMember.start();
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                final Answer alerts = fixture.get(service, "/v1/alerts");
                assertThat(alerts.status()).isEqualTo(502);
                assertThat(alerts.json().path("message").asText())
                    .contains("breaks the contract", "its answer was not used");
              });

      assertThat(seen)
          .isNotEmpty()
          .allSatisfy(
              request -> {
                assertThat(request.headers().keySet())
                    .noneMatch(name -> name.equalsIgnoreCase("Authorization"));
                assertThat(request.toString()).doesNotContain(fixture.coordinatorToken());
                assertThat(request.headers().keySet())
                    .anyMatch(name -> name.equalsIgnoreCase(PeerCredential.TIME))
                    .anyMatch(name -> name.equalsIgnoreCase(PeerCredential.SIGNATURE));
              });

      // Then a stranger: well-formed answers, but it cannot sign them.
      answer.set("[]");
      signs.set(false);
      final Answer unsigned = fixture.get(service, "/v1/alerts");
      assertThat(unsigned.status()).isEqualTo(502);
      assertThat(unsigned.json().path("message").asText())
          .contains("without a valid instance signature");
      assertThat(seen)
          .noneMatch(request -> request.toString().contains(fixture.coordinatorToken()));
    } finally {
      fake.stop(0);
    }
  }

  @Test
  void internalRoutesTakeInstanceSignaturesOnlyAndPublicRoutesTokensOnly() throws Exception {
    final ServiceFixture fixture = new ServiceFixture(cluster);
    try (CasewatchService service = CasewatchService.start(fixture.config("a"))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> service.state() == KafkaStreams.State.RUNNING);
      final HttpTestClient http = fixture.client(service);
      final String path = "/internal/v1/alerts?country=KZ";
      final PeerCredential instance =
          new PeerCredential(new PeerSecret(ServiceFixture.PEER_SECRET), Clock.systemUTC());

      assertThat(
              http.send("GET", path, null, "Authorization", "Bearer " + fixture.coordinatorToken())
                  .status())
          .as("a coordinator's token on an internal route")
          .isEqualTo(401);
      assertThat(http.get(path).status()).as("no signature").isEqualTo(401);
      assertThat(http.send("GET", path, null, instance.sign("GET", path)).status())
          .as("a signed request")
          .isEqualTo(200);
      assertThat(
              http.send("GET", "/internal/v1/alerts?country=KG", null, instance.sign("GET", path))
                  .status())
          .as("a signature for another query")
          .isEqualTo(401);
      final PeerCredential late =
          new PeerCredential(
              new PeerSecret(ServiceFixture.PEER_SECRET),
              Clock.fixed(Instant.now().minusSeconds(31), ZoneOffset.UTC));
      assertThat(http.send("GET", path, null, late.sign("GET", path)).status())
          .as("a signature 31 s old")
          .isEqualTo(401);
      final PeerCredential stranger =
          new PeerCredential(
              new PeerSecret("another-secret-of-at-least-32-characters"), Clock.systemUTC());
      assertThat(http.send("GET", path, null, stranger.sign("GET", path)).status())
          .as("another secret")
          .isEqualTo(401);
      assertThat(
              http.send("GET", "/v1/countries", null, instance.sign("GET", "/v1/countries"))
                  .status())
          .as("an instance signature on a public route")
          .isEqualTo(401);
    }
  }
}
