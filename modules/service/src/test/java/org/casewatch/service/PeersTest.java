package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Asking a peer: signed, never with a token; an oversized, unsigned or misshapen answer is refused.
 */
class PeersTest {

  private final PeerCredential credential =
      new PeerCredential(new PeerSecret(ServiceFixture.PEER_SECRET), Clock.systemUTC());
  private final List<Map<String, List<String>>> seen = new CopyOnWriteArrayList<>();
  private HttpServer peer;

  /** A peer answering {@code body}, signed with the shared secret when {@code signs}. */
  private HostInfo peerAnswering(final String body, final boolean signs) throws IOException {
    peer = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    peer.createContext(
        "/",
        exchange -> {
          seen.add(Map.copyOf(exchange.getRequestHeaders()));
          final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          final String requestSignature =
              exchange.getRequestHeaders().getFirst(PeerCredential.SIGNATURE);
          if (signs) {
            exchange
                .getResponseHeaders()
                .add(PeerCredential.SIGNATURE, credential.signAnswer(requestSignature, body));
          }
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    peer.start();
    return new HostInfo("localhost", peer.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    peer.stop(0);
  }

  @Test
  void aSignedWellFormedAnswerIsTakenAndTheRequestCarriesASignatureOnly() throws IOException {
    final HostInfo host = peerAnswering("[\"KZ-2016-0042\"]", true);

    final Optional<JsonNode> ids =
        new Peers(credential, Optional.empty())
            .get(host, "/internal/v1/case-ids?country=KZ", PeerAnswers.CASE_IDS);

    assertThat(ids)
        .hasValueSatisfying(node -> assertThat(node.get(0).asText()).isEqualTo("KZ-2016-0042"));
    assertThat(seen.get(0).keySet())
        .noneMatch(name -> name.equalsIgnoreCase("Authorization"))
        .anyMatch(name -> name.equalsIgnoreCase(PeerCredential.SIGNATURE));
  }

  @Test
  void anAnswerLargerThanTheLimitIsRefused() throws IOException {
    final HostInfo host =
        peerAnswering("[\"" + "KZ-2016-0042\",\"".repeat(1000) + "KZ-2016-0042\"]", true);

    assertThatThrownBy(
            () ->
                new Peers(credential, Optional.empty(), 1024)
                    .get(host, "/internal/v1/case-ids", PeerAnswers.CASE_IDS))
        .isInstanceOf(BadPeerAnswer.class)
        .hasMessageContaining("more than 1024 bytes");
  }

  @Test
  void aMisshapenAnswerIsRefusedNamingTheField() throws IOException {
    final HostInfo host =
        peerAnswering("[{\"alertId\":\"a\",\"caseId\":\"KZ-2016-0042\",\"country\":\"XX\"}]", true);
    final UnaryOperator<JsonNode> alerts = PeerAnswers.ALERTS;

    assertThatThrownBy(
            () -> new Peers(credential, Optional.empty()).get(host, "/internal/v1/alerts", alerts))
        .isInstanceOf(BadPeerAnswer.class)
        .hasMessageContaining("breaks the contract")
        .hasMessageContaining("country");
  }

  @Test
  void anEventWhosePayloadIsNotOfItsTypeIsRefused() throws IOException {
    final HostInfo host =
        peerAnswering(
            "[{\"type\":\"COMPLAINT_FILED\",\"eventId\":\"e1\",\"caseId\":\"KZ-2016-0042\","
                + "\"country\":\"KZ\",\"coalition\":\"kz\",\"occurredAt\":\"2016-03-02T00:00:00Z\","
                + "\"recordedAt\":\"2016-03-02T00:00:00Z\",\"payload\":{\"authority\":\"<script>\"}}]",
            true);

    assertThatThrownBy(
            () ->
                new Peers(credential, Optional.empty())
                    .get(host, "/internal/v1/case-events/KZ-2016-0042", PeerAnswers.EVENTS))
        .isInstanceOf(BadPeerAnswer.class)
        .hasMessageContaining("authority");
  }

  @Test
  void anUnsignedAnswerIsRefused() throws IOException {
    final HostInfo host = peerAnswering("[]", false);

    assertThatThrownBy(
            () ->
                new Peers(credential, Optional.empty())
                    .get(host, "/internal/v1/alerts", PeerAnswers.ALERTS))
        .isInstanceOf(BadPeerAnswer.class)
        .hasMessageContaining("without a valid instance signature");
  }
}
