package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.casewatch.access.AccessFile;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.KafkaClientConfig;
import org.casewatch.model.KafkaPrincipals;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.Topics;
import org.casewatch.publisher.CasewatchPublisher;
import org.casewatch.testkit.SecureCasewatchCluster;
import org.casewatch.testkit.SecureKafkaExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on a broker with SASL/SCRAM and ACLs, given only the {@code service} principal's file
 * ({@code casewatch.kafka.config}): the LIVE topology (exactly-once, internal topics, its group),
 * the query API and the live alert stream run end to end; no one else can join its consumer group.
 */
@ExtendWith(SecureKafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureKafkaServiceIT {

  private final SecureCasewatchCluster cluster;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String coordinatorToken;
  private final CasewatchService service;

  SecureKafkaServiceIT(final SecureCasewatchCluster cluster, @TempDir final Path dir) {
    this.cluster = cluster;
    final Path access = dir.resolve("coalitions.yaml");
    this.coordinatorToken = AccessFile.addCoordinatorToken(access, "regional-desk").token();
    this.service =
        CasewatchService.start(
            ServiceConfig.from(
                Map.of(
                    "casewatch.application.id",
                    KafkaPrincipals.DEFAULT.applicationId(),
                    "casewatch.bootstrap.servers",
                    cluster.bootstrapServers(),
                    "casewatch.registry.url",
                    cluster.registryUrl(),
                    "casewatch.http.port",
                    "0",
                    "casewatch.http.host",
                    "localhost",
                    "casewatch.state.dir",
                    dir.resolve("state").toString(),
                    "casewatch.streams.standby.replicas",
                    "0",
                    "casewatch.auth.file",
                    access.toString(),
                    KafkaClientConfig.SETTING,
                    cluster.clientFile(KafkaPrincipals.SERVICE).toString())));
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void theServiceRunsTheLiveTopologyAndServesCasesAndTheAlertStreamWithItsOwnAcls()
      throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> service.state() == KafkaStreams.State.RUNNING);
    final List<String> streamed = new CopyOnWriteArrayList<>();
    final HttpRequest streamRequest =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + service.port() + "/v1/alerts/stream"))
            .header("Authorization", "Bearer " + coordinatorToken)
            .header("Accept", "text/event-stream")
            // From the start of both partitions of the alerts topic: the alert may come before the
            // reader seeks.
            .header("Last-Event-ID", "0:0,1:0")
            .build();
    final Thread reader =
        new Thread(
            () -> {
              try (Stream<String> lines =
                  http.send(streamRequest, HttpResponse.BodyHandlers.ofLines()).body()) {
                lines.forEach(streamed::add);
              } catch (IOException e) {
                streamed.add("failed: " + e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "alert-stream-reader");
    reader.setDaemon(true);
    reader.start();

    publish(
        Country.KZ,
        aCase("KZ-2016-0042").registered(on("2016-02-01")),
        aCase("KZ-2016-0042").complaintFiled(on("2016-02-03")),
        aCase("KZ-2016-0042")
            .reprisal(on("2016-02-10"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT));
    publish(Country.TJ, aCase("TJ-2016-0005").registered(on("2016-03-01")));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(
                      get("/v1/countries/KZ", coordinatorToken)
                          .body()
                          .path("casesRegistered")
                          .asInt())
                  .isEqualTo(1);
              assertThat(
                      get("/v1/countries/TJ", coordinatorToken)
                          .body()
                          .path("casesRegistered")
                          .asInt())
                  .isEqualTo(1);
            });
    assertThat(get("/v1/cases/KZ-2016-0042", coordinatorToken).status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        get("/v1/alerts?rule=RETALIATION", coordinatorToken).body().path("alerts"))
                    .hasSize(1));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(streamed)
                    .anyMatch(line -> line.startsWith("data:") && line.contains("RETALIATION")));
    assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
  }

  @Test
  void noOtherPrincipalCanJoinTheServicesConsumerGroup() {
    for (final String intruder : List.of(KafkaPrincipals.ANALYST, KafkaPrincipals.GATEWAY, "kz")) {
      final Map<String, Object> config = cluster.clientConfig(intruder);
      config.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaPrincipals.DEFAULT.applicationId());
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        // A topic each may describe, so that only the group stands in the way.
        consumer.subscribe(List.of(Topics.events(Country.KZ)));
        assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
            .as(intruder)
            .isInstanceOf(GroupAuthorizationException.class);
      }
    }
  }

  private ServiceFixture.Answer get(final String path, final String token)
      throws IOException, InterruptedException {
    final HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + path))
            .header("Authorization", "Bearer " + token)
            .build();
    final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new ServiceFixture.Answer(
        response.statusCode(), ServiceFixture.JSON.readTree(response.body()), response);
  }

  private void publish(final Country country, final CaseEvent... events) {
    try (CasewatchPublisher publisher =
        CasewatchPublisher.builder()
            .bootstrapServers(cluster.bootstrapServers())
            .registryUrl(cluster.registryUrl())
            .coalition(KafkaPrincipals.coalition(country) + "-coalition", country)
            .timeout(Duration.ofSeconds(10))
            .kafkaConfig(cluster.clientFile(KafkaPrincipals.coalition(country)))
            .build()) {
      Stream.of(events).forEach(event -> publisher.publish(event).join());
    }
  }
}
