package org.casewatch.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casewatch.model.Agency;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.ReprisalReported;
import org.casewatch.registry.serde.AvroSerde;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same round trip as the registry server's {@code AvroSerdeIT}, against the production images:
 * Apache Kafka and Confluent Schema Registry. It proves our client and serde interoperate with
 * Confluent's own server. Skipped where no Docker engine runs (as on the development machines), run
 * where one does. It lives beside the client and serde it tests; the model's {@link CaseEvent}, the
 * record casewatch really sends, is its only other casewatch class (test scope).
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerRoundTripIT {

  private static final Network NETWORK = Network.newNetwork();

  @Container
  private static final KafkaContainer KAFKA =
      new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.1"))
          .withNetwork(NETWORK)
          .withListener("kafka:19092");

  @Container
  private static final GenericContainer<?> REGISTRY =
      new GenericContainer<>(DockerImageName.parse("confluentinc/cp-schema-registry:7.9.0"))
          .withNetwork(NETWORK)
          .withExposedPorts(8081)
          .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
          .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
          .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
          .dependsOn(KAFKA)
          .waitingFor(Wait.forHttp("/subjects").forStatusCode(200))
          .withStartupTimeout(Duration.ofMinutes(2));

  @Test
  void caseEventsRoundTripThroughConfluentSchemaRegistry() {
    final SchemaRegistryClient registry =
        new HttpSchemaRegistryClient(
            RegistryClientConfig.of(
                "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8081)));
    final AvroSerde<CaseEvent> serde = AvroSerde.specific(registry, CaseEvent.class);
    final String topic = "casewatch.events.kz";
    final CaseEvent reprisal = reprisal("KZ-2016-0042", Instant.parse("2016-03-09T00:00:00Z"));

    try (KafkaProducer<String, CaseEvent> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KAFKA.getBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            serde.serializer())) {
      producer.send(new ProducerRecord<>(topic, reprisal.getCaseId(), reprisal)).get();
    } catch (Exception e) {
      throw new AssertionError("producing to the Kafka container failed", e);
    }

    final List<CaseEvent> read = new ArrayList<>();
    try (KafkaConsumer<String, CaseEvent> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KAFKA.getBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "container-round-trip",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            serde.deserializer())) {
      consumer.subscribe(List.of(topic));
      final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (read.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> read.add(record.value()));
      }
    }

    assertThat(read).containsExactly(reprisal);
    assertThat(registry.versions(topic + "-value")).containsExactly(1);
    final Schema incompatible =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"CaseEvent\",\"namespace\":\"org.casewatch.model\",\"fields\":["
                    + "{\"name\":\"caseId\",\"type\":\"int\"}]}");
    assertThatThrownBy(() -> registry.register(topic + "-value", incompatible))
        .isInstanceOf(IncompatibleSchemaException.class);
  }

  /**
   * A Kazakh coalition's reprisal event: the envelope and payload the testkit's case builders make,
   * built here because the testkit sits above this module.
   */
  private static CaseEvent reprisal(final String caseId, final Instant at) {
    return CaseEvent.newBuilder()
        .setEventId(caseId + ":reprisal:" + at)
        .setCaseId(caseId)
        .setCountry(Country.KZ)
        .setCoalition("kz-coalition")
        .setOccurredAt(at)
        .setRecordedAt(at)
        .setPayload(
            ReprisalReported.newBuilder()
                .setKind(ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES)
                .setAgency(Agency.POLICE)
                .build())
        .build();
  }
}
