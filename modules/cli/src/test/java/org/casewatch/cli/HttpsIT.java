package org.casewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.streams.KafkaStreams;
import org.casewatch.access.AccessFile;
import org.casewatch.gateway.GatewayConfig;
import org.casewatch.gateway.GatewayServer;
import org.casewatch.http.SelfSignedCertificate;
import org.casewatch.http.ServerSecurity;
import org.casewatch.http.TlsCertificate;
import org.casewatch.model.Country;
import org.casewatch.model.Topics;
import org.casewatch.service.CasewatchService;
import org.casewatch.service.ServiceFixture;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.HttpTestClient;
import org.casewatch.testkit.HttpTestClient.Answer;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS end to end with a generated certificate: the gateway (from PEM files) takes events, two
 * service instances (from a keystore) answer coordinators and forward to each other over HTTPS, and
 * a client that does not trust the certificate gets no answer at all.
 */
@WithCasewatchKafka
class HttpsIT {

  private final CasewatchCluster cluster;

  HttpsIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void gatewayAndServiceServeHttpsToAClientThatTrustsTheirCertificate(@TempDir final Path dir)
      throws Exception {
    final TlsCertificate certificate = SelfSignedCertificate.inDirectory(dir.resolve("tls"));
    final Path keystore = dir.resolve("tls").resolve("localhost.p12");
    final String password =
        Files.readString(dir.resolve("tls").resolve("localhost.p12.password")).trim();
    final Path keyPem = writeKeyPem(keystore, password, dir.resolve("key.pem"));
    final HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(certificate)).build();
    final ServiceFixture fixture = new ServiceFixture(cluster);
    final String kazakhToken =
        AccessFile.addToken(fixture.accessFile(), "kz-https", Optional.of(Country.KZ)).token();
    cluster.createTopicsIfAbsent(3, Topics.allEvents().toArray(String[]::new));
    final Map<String, String> tls =
        Map.of(
            "casewatch.http.tls.keystore",
            keystore.toString(),
            "casewatch.http.tls.keystore.password",
            password);
    try (GatewayServer gateway =
            GatewayServer.start(
                GatewayConfig.defaults()
                    .withPort(0)
                    .withKafka(cluster.bootstrapServers(), cluster.registryUrl())
                    .withAccessFile(fixture.accessFile())
                    .withSecurity(
                        ServerSecurity.none()
                            .withTls(
                                TlsCertificate.fromPem(
                                    dir.resolve("tls").resolve("localhost.pem"), keyPem))));
        CasewatchService a = CasewatchService.start(fixture.config("a", tls));
        CasewatchService b = CasewatchService.start(fixture.config("b", tls))) {
      // A case no other test of the module writes: they share the broker and its unprefixed topics,
      // and a case belongs to the first coalition that writes it.
      final String caseId = "KZ-2016-0900";
      final Answer posted =
          HttpTestClient.of("https://localhost:" + gateway.port(), trusting)
              .as(kazakhToken)
              .post(
                  "/v1/events",
                  """
                  {"type":"CASE_REGISTERED","eventId":"e-%s","caseId":"%s","occurredAt":"2016-02-20T09:30:00Z","payload":{
                    "allegation":"TORTURE","placeOfDetention":"POLICE_STATION","perpetratorAgency":"POLICE",
                    "victim":{"sex":"FEMALE","ageBand":"AGE_30_44","returnedFromAbroad":false}}}\
                  """
                      .formatted(caseId, caseId));
      assertThat(posted.status()).as(posted.body()).isEqualTo(202);
      assertThat(posted.header("Strict-Transport-Security")).isNotNull();

      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  a.state() == KafkaStreams.State.RUNNING
                      && b.state() == KafkaStreams.State.RUNNING);
      for (final CasewatchService instance : new CasewatchService[] {a, b}) {
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  final Answer alerts =
                      HttpTestClient.of("https://localhost:" + instance.port(), trusting)
                          .as(fixture.coordinatorToken())
                          .get("/v1/alerts");
                  assertThat(alerts.status()).as(alerts.body()).isEqualTo(200);
                });
      }

      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(
                                  URI.create("https://localhost:" + a.port() + "/health"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  private static SSLContext trusting(final TlsCertificate certificate) throws Exception {
    final TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(certificate.trustStore());
    final SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  /**
   * The keystore's private key as an unencrypted PKCS#8 PEM file, as an operator's CA tooling
   * writes it.
   */
  private static Path writeKeyPem(final Path keystore, final String password, final Path file)
      throws IOException, GeneralSecurityException {
    final KeyStore store = KeyStore.getInstance(keystore.toFile(), password.toCharArray());
    final PrivateKey key = (PrivateKey) store.getKey("casewatch", password.toCharArray());
    Files.writeString(
        file,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n",
        StandardCharsets.US_ASCII);
    return file;
  }
}
