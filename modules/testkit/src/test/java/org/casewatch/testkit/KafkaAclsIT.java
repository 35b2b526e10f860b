package org.casewatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.KafkaPrincipals;
import org.casewatch.model.Topics;
import org.casewatch.registry.serde.AvroSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a broker with SASL/SCRAM and ACLs ({@link SecureCasewatchCluster}), each principal can do its
 * own work and nothing else: what a red team tried against an open broker now fails.
 */
@ExtendWith(SecureKafkaExtension.class)
class KafkaAclsIT {

  private final SecureCasewatchCluster cluster;

  KafkaAclsIT(final SecureCasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void aCoalitionWritesItsOwnCountrysTopicButNotAnothers() throws Exception {
    final CaseEvent kazakh = aCase("KZ-2016-0042").complaintFiled(on("2016-03-02"));
    final CaseEvent forged = aCase("KG-2016-0007").complaintFiled(on("2016-03-02"));
    try (KafkaProducer<String, CaseEvent> kz = producer("kz")) {
      assertThat(
              kz.send(new ProducerRecord<>(Topics.events(Country.KZ), kazakh.getCaseId(), kazakh))
                  .get(30, TimeUnit.SECONDS)
                  .offset())
          .isNotNegative();

      assertThatThrownBy(
              () ->
                  kz.send(
                          new ProducerRecord<>(
                              Topics.events(Country.KG), forged.getCaseId(), forged))
                      .get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TopicAuthorizationException.class)
          .hasMessageContaining(Topics.events(Country.KG));
    }
  }

  @Test
  void aCoalitionCannotReadTheEventsNorForgeAlerts() {
    try (KafkaConsumer<byte[], byte[]> kz =
        new KafkaConsumer<>(
            cluster.clientConfig("kz"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      assertThatThrownBy(() -> kz.partitionsFor(Topics.events(Country.KG)))
          .isInstanceOf(TopicAuthorizationException.class);
    }
    final Map<String, Object> config = cluster.clientConfig("kz");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    try (KafkaProducer<byte[], byte[]> kz =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (final String topic : List.of(Topics.ALERTS, Topics.SCHEMAS, Topics.AUDIT)) {
        assertThatThrownBy(
                () ->
                    kz.send(new ProducerRecord<>(topic, new byte[1], new byte[1]))
                        .get(30, TimeUnit.SECONDS))
            .as(topic)
            .hasCauseInstanceOf(TopicAuthorizationException.class);
      }
    }
  }

  @Test
  void aClientWithoutCredentialsCannotListTopics() {
    try (Admin anonymous =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                3_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                2_000))) {
      assertThatThrownBy(() -> anonymous.listTopics().names().get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }
  }

  @Test
  void aWrongPasswordIsRefused() {
    final Map<String, Object> config = cluster.clientConfig("kz");
    config.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"kz\""
            + " password=\"guess\";");
    try (Admin guessing = Admin.create(config)) {
      assertThatThrownBy(() -> guessing.listTopics().names().get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void theRegistryRunsOnItsOwnAclsAndOnlyItWritesTheSchemaLog() {
    final CaseEvent event = aCase("TJ-2016-0011").complaintFiled(on("2016-05-02"));
    final byte[] encoded =
        new AvroSerializer<CaseEvent>(cluster.registryClient(), true, false)
            .serialize(Topics.events(Country.TJ), event);
    assertThat(encoded[0])
        .as("Confluent's magic byte: the registry gave the schema an id")
        .isZero();
    assertThat(cluster.registryClient().subjects()).contains(Topics.events(Country.TJ) + "-value");
  }

  @Test
  void aForeignPrincipalCannotJoinTheServicesConsumerGroup() {
    final Map<String, Object> config = cluster.clientConfig(KafkaPrincipals.ANALYST);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaPrincipals.DEFAULT.applicationId());
    try (KafkaConsumer<byte[], byte[]> intruder =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      intruder.subscribe(List.of(Topics.events(Country.KZ)));
      assertThatThrownBy(() -> intruder.poll(Duration.ofSeconds(10)))
          .isInstanceOf(org.apache.kafka.common.errors.GroupAuthorizationException.class)
          .hasMessageContaining(KafkaPrincipals.DEFAULT.applicationId());
    }
  }

  @Test
  void everyClientFileIsOwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
    for (final String principal : KafkaPrincipals.clients()) {
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(cluster.clientFile(principal))))
          .as(principal)
          .isEqualTo("rw-------");
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(cluster.clientFile("kz").getParent())))
        .isEqualTo("rwx------");
  }

  private KafkaProducer<String, CaseEvent> producer(final String principal) {
    final Map<String, Object> config = new HashMap<>(cluster.clientConfig(principal));
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    return new KafkaProducer<>(
        config,
        new StringSerializer(),
        new AvroSerializer<>(cluster.registryClient(), true, false));
  }
}
