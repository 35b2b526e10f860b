package org.casewatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.gateway.Events.array;
import static org.casewatch.gateway.Events.newCaseId;
import static org.casewatch.gateway.Events.registered;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.casewatch.access.AccessFile;
import org.casewatch.http.ServerSecurity;
import org.casewatch.model.Country;
import org.casewatch.model.Topics;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.HttpTestClient.Answer;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The red-team review's findings on the gateway: a flood is slowed per coalition; headers; host
 * names.
 */
@WithCasewatchKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayHardeningIT {

  private final String kazakhToken;
  private final String kyrgyzToken;
  private final GatewayServer gateway;
  private final GatewayClient client;

  GatewayHardeningIT(final CasewatchCluster cluster, @TempDir final Path dir) {
    cluster.createTopicsIfAbsent(3, Topics.allEvents().toArray(String[]::new));
    final Path coalitions = dir.resolve("coalitions.yaml");
    this.kazakhToken =
        AccessFile.addToken(coalitions, "kz-coalition", Optional.of(Country.KZ)).token();
    this.kyrgyzToken =
        AccessFile.addToken(coalitions, "kg-coalition", Optional.of(Country.KG)).token();
    this.gateway =
        GatewayServer.start(
            GatewayConfig.defaults()
                .withPort(0)
                .withKafka(cluster.bootstrapServers(), cluster.registryUrl())
                .withAccessFile(coalitions)
                .withLimits(64 * 1024, 5)
                .withRateLimit(new RateLimit(0.01, 5))
                .withSecurity(ServerSecurity.none().withAllowedHosts(List.of("localhost"))));
    this.client = new GatewayClient(gateway.port());
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void aCoalitionBeyondItsRateGets429WithRetryAfterAndTheOthersAreNotSlowed() {
    final String[] five = new String[5];
    for (int i = 0; i < five.length; i++) {
      final String caseId = newCaseId("KZ");
      five[i] = registered("e-" + caseId, caseId, "2016-02-20T09:30:00Z");
    }
    assertThat(client.post(kazakhToken, array(five)).status()).isEqualTo(202);

    final String caseId = newCaseId("KZ");
    final Answer flooded =
        client.post(kazakhToken, registered("e-" + caseId, caseId, "2016-02-20T09:30:00Z"));
    assertThat(flooded.status()).isEqualTo(429);
    assertThat(Long.parseLong(flooded.header("Retry-After"))).isPositive();
    assertThat(flooded.json().path("message").asText())
        .contains("kz-coalition", "events/s", "send them again");

    final String kyrgyzCase = newCaseId("KG");
    assertThat(
            client
                .post(
                    kyrgyzToken, registered("e-" + kyrgyzCase, kyrgyzCase, "2016-02-20T09:30:00Z"))
                .status())
        .isEqualTo(202);
  }

  @Test
  void saysItIsReadyOnceItKnowsWhoOwnsEachCase() {
    final Answer ready = client.get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().path("status").asText()).isEqualTo("READY");
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    for (final Answer answer :
        List.of(client.get("/health"), client.get("/v1/openapi.json"), client.post(null, "{}"))) {
      assertThat(answer.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
      assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
    }
    assertThat(client.post(null, "{}").header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void aRequestForAnotherHostIsRefused() throws IOException {
    assertThat(statusLine("localhost:" + gateway.port())).contains(" 200");
    assertThat(statusLine("rebound.attacker.example")).contains(" 421");
  }

  private String statusLine(final String host) throws IOException {
    try (Socket socket = new Socket("localhost", gateway.port())) {
      socket
          .getOutputStream()
          .write(
              ("GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
          .lines()
          .findFirst()
          .orElse("");
    }
  }
}
