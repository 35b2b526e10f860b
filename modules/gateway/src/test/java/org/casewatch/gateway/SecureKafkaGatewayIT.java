package org.casewatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.casewatch.gateway.Events.array;
import static org.casewatch.gateway.Events.complaint;
import static org.casewatch.gateway.Events.newCaseId;
import static org.casewatch.gateway.Events.registered;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.casewatch.access.AccessFile;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.Country;
import org.casewatch.model.KafkaPrincipals;
import org.casewatch.model.Topics;
import org.casewatch.publisher.CasewatchPublisher;
import org.casewatch.publisher.PublishException;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.testkit.SecureCasewatchCluster;
import org.casewatch.testkit.SecureKafkaExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway and the Java publisher on a broker with SASL/SCRAM and ACLs, each with nothing but
 * its own principal's client file: the gateway writes every country's topic (single events and
 * atomic batches), a coalition's publisher only its own.
 */
@ExtendWith(SecureKafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureKafkaGatewayIT {

  private final SecureCasewatchCluster cluster;
  private final String kazakhToken;
  private final String kyrgyzToken;
  private final GatewayServer gateway;
  private final GatewayClient client;

  SecureKafkaGatewayIT(final SecureCasewatchCluster cluster, @TempDir final Path dir) {
    this.cluster = cluster;
    final Path coalitions = dir.resolve("coalitions.yaml");
    this.kazakhToken =
        AccessFile.addToken(coalitions, "kz-coalition", Optional.of(Country.KZ)).token();
    this.kyrgyzToken =
        AccessFile.addToken(coalitions, "kg-coalition", Optional.of(Country.KG)).token();
    this.gateway =
        GatewayServer.start(
            GatewayConfig.defaults()
                .withPort(0)
                .withHost("localhost")
                .withKafka(cluster.bootstrapServers(), cluster.registryUrl())
                .withAccessFile(coalitions)
                .withKafkaProperties(cluster.clientProperties(KafkaPrincipals.GATEWAY)));
    this.client = new GatewayClient(gateway.port());
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void theGatewayWritesEveryCountrysEventsWithItsOwnAcls() {
    final String kazakh = newCaseId("KZ");
    final String kyrgyz = newCaseId("KG");

    assertThat(
            client
                .post(kazakhToken, registered("e-" + kazakh, kazakh, "2016-02-20T09:30:00Z"))
                .status())
        .isEqualTo(202);
    assertThat(
            client
                .post(
                    kyrgyzToken,
                    array(
                        complaint("c-" + kyrgyz, kyrgyz, "2016-03-02"),
                        complaint("d-" + kyrgyz, kyrgyz, "2016-03-03")),
                    "?atomic=true",
                    "application/json")
                .status())
        .as("an atomic batch: a transaction under the gateway's transactional ids")
        .isEqualTo(202);

    assertThat(caseIdsOn(Country.KZ)).contains(kazakh);
    assertThat(caseIdsOn(Country.KG)).contains(kyrgyz);
  }

  @Test
  void aCoalitionsPublisherWritesItsOwnCountryAndIsRefusedAnother() {
    final String caseId = newCaseId("KZ");
    final Path kzFile = cluster.clientFile("kz");
    try (CasewatchPublisher own = publisher(Country.KZ, kzFile)) {
      assertThat(
              own.publish(
                      caseId,
                      Instant.parse("2016-04-01T08:00:00Z"),
                      new ComplaintFiled(Authority.PROSECUTOR))
                  .join()
                  .topic())
          .isEqualTo(Topics.events(Country.KZ));
    }
    try (CasewatchPublisher foreign = publisher(Country.TJ, kzFile)) {
      assertThatThrownBy(
              () ->
                  foreign
                      .publish(
                          newCaseId("TJ"),
                          Instant.parse("2016-04-01T08:00:00Z"),
                          new ComplaintFiled(Authority.PROSECUTOR))
                      .join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(PublishException.class)
          .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }
    assertThat(caseIdsOn(Country.KZ)).contains(caseId);
  }

  private CasewatchPublisher publisher(final Country country, final Path kafkaConfig) {
    return CasewatchPublisher.builder()
        .bootstrapServers(cluster.bootstrapServers())
        .registryUrl(cluster.registryUrl())
        .coalition(KafkaPrincipals.coalition(country) + "-coalition", country)
        .timeout(Duration.ofSeconds(10))
        .kafkaConfig(kafkaConfig)
        .build();
  }

  /**
   * The caseIds on a country's topic, read as the super user (the service principal's view is
   * tested elsewhere).
   */
  private List<String> caseIdsOn(final Country country) {
    final Map<String, Object> config = cluster.clientConfig(KafkaPrincipals.ADMIN);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    final List<String> caseIds = new ArrayList<>();
    try (KafkaConsumer<String, CaseEvent> consumer =
        new KafkaConsumer<>(
            config,
            new StringDeserializer(),
            AvroDeserializer.specific(cluster.registryClient(), CaseEvent.class))) {
      final String topic = Topics.events(country);
      final List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream()
          .anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> caseIds.add(record.key()));
      }
    }
    return caseIds;
  }
}
