package org.casewatch.registry.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.casewatch.model.Topics;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.registry.client.SchemaRegistryClient;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.testkit.kafka.KafkaBroker;

/**
 * The registry's integration tests run on a real broker with the embedded registry on it, as the
 * testkit's {@code CasewatchCluster} does; the testkit itself cannot be used here, since it depends
 * on this module. Only what those tests need: a topic, records produced and consumed, more registry
 * instances on the same broker.
 */
final class RegistryOnKafka implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KafkaBroker broker;
  private final EmbeddedSchemaRegistry registry;
  private final SchemaRegistryClient registryClient;

  private RegistryOnKafka(final KafkaBroker broker, final EmbeddedSchemaRegistry registry) {
    this.broker = broker;
    this.registry = registry;
    this.registryClient = new HttpSchemaRegistryClient(RegistryClientConfig.of(registry.url()));
  }

  /** Starts a broker and a registry on a free port, its log in {@code _schemas}. */
  static RegistryOnKafka start() {
    final KafkaBroker broker = KafkaBroker.start();
    try {
      return new RegistryOnKafka(broker, startRegistryOn(broker, Topics.SCHEMAS));
    } catch (RuntimeException e) {
      try {
        broker.close();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static EmbeddedSchemaRegistry startRegistryOn(
      final KafkaBroker broker, final String topic) {
    return EmbeddedSchemaRegistry.start(
        EmbeddedRegistryConfig.of(broker.bootstrapServers())
            .withHost("localhost")
            .withPort(0)
            .withTopic(topic));
  }

  /** A name no other test uses, so tests sharing the broker cannot see each other's data. */
  static String uniqueName(final String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  String registryUrl() {
    return registry.url();
  }

  /** A client of the shared registry; its caches are shared by every test. */
  SchemaRegistryClient registryClient() {
    return registryClient;
  }

  /**
   * Starts another registry instance on this broker, reading the schema log {@code topic}; the
   * caller closes it.
   */
  EmbeddedSchemaRegistry startAnotherRegistry(final String topic) {
    return startRegistryOn(broker, topic);
  }

  /** Creates a topic of one partition. */
  void createTopic(final String name) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      await(admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all(), "create " + name);
    }
  }

  /** Sends string-keyed records and waits for Kafka's acknowledgement of each. */
  <V> void produce(
      final List<ProducerRecord<String, V>> records, final Serializer<V> valueSerializer) {
    final Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all");
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(config, new StringSerializer(), valueSerializer)) {
      for (final ProducerRecord<String, V> record : records) {
        await(producer.send(record), "produce to " + record.topic());
      }
    }
  }

  /** Reads {@code topic} from its start until {@code count} records arrived, within 30 s. */
  <V> List<ConsumerRecord<String, V>> consume(
      final String topic, final Deserializer<V> valueDeserializer, final int count) {
    final Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            uniqueName("registry-it-reader"),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    final List<ConsumerRecord<String, V>> received = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), valueDeserializer)) {
      consumer.subscribe(List.of(topic));
      Awaitility.await(count + " records on " + topic)
          .atMost(TIMEOUT)
          .pollInSameThread()
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.size() >= count;
              });
    }
    return received;
  }

  /** Reads {@code count} Avro records of the generated class {@code type} from {@code topic}. */
  <V extends SpecificRecord> List<ConsumerRecord<String, V>> consumeAvro(
      final String topic, final Class<V> type, final int count) {
    return consume(topic, AvroDeserializer.specific(registryClient, type), count);
  }

  private static <T> T await(final Future<T> future, final String what) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted: " + what, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws Exception {
    registry.close();
    broker.close();
  }
}
