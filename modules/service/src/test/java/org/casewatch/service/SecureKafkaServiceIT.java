package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import org.casewatch.testkit.HttpTestClient;
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
  private final CasewatchService service;
  private final HttpTestClient coordinator;

  SecureKafkaServiceIT(final SecureCasewatchCluster cluster, @TempDir final Path dir) {
    this.cluster = cluster;
    final Path access = dir.resolve("coalitions.yaml");
    final String coordinatorToken = AccessFile.addCoordinatorToken(access, "regional-desk").token();
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
    this.coordinator = HttpTestClient.localhost(service.port()).as(coordinatorToken);
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
    // From the start of both partitions of the alerts topic: the alert may come before the reader
    // seeks.
    final String fromTheStart = "0:0,1:0";
    final Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(
                          coordinator
                              .open(
                                  "/v1/alerts/stream",
                                  "Accept",
                                  "text/event-stream",
                                  "Last-Event-ID",
                                  fromTheStart)
                              .body(),
                          StandardCharsets.UTF_8))) {
                lines.lines().forEach(streamed::add);
              } catch (IOException | UncheckedIOException e) {
                streamed.add("failed: " + e);
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
              assertThat(coordinator.get("/v1/countries/KZ").json().path("casesRegistered").asInt())
                  .isEqualTo(1);
              assertThat(coordinator.get("/v1/countries/TJ").json().path("casesRegistered").asInt())
                  .isEqualTo(1);
            });
    assertThat(coordinator.get("/v1/cases/KZ-2016-0042").status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(coordinator.get("/v1/alerts?rule=RETALIATION").json().path("alerts"))
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
