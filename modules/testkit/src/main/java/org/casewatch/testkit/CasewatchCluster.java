package org.casewatch.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Topics;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.registry.client.SchemaRegistryClient;
import org.casewatch.registry.serde.AvroSerde;
import org.casewatch.registry.serde.AvroSerializer;
import org.casewatch.registry.server.EmbeddedRegistryConfig;
import org.casewatch.registry.server.EmbeddedSchemaRegistry;
import org.casewatch.testkit.kafka.KafkaBroker;

/**
 * What an integration test needs: a real Kafka broker, the embedded schema registry on it, and
 * helpers to create topics and to produce and consume Avro records with casewatch's serde.
 */
public final class CasewatchCluster implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KafkaBroker broker;
  private final EmbeddedSchemaRegistry registry;
  private final SchemaRegistryClient registryClient;
  private final Admin admin;

  private CasewatchCluster(final KafkaBroker broker, final EmbeddedSchemaRegistry registry) {
    this.broker = broker;
    this.registry = registry;
    this.registryClient = new HttpSchemaRegistryClient(RegistryClientConfig.of(registry.url()));
    this.admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  /** Starts a broker and a registry on a free port. */
  public static CasewatchCluster start() {
    final KafkaBroker broker = KafkaBroker.start();
    try {
      return new CasewatchCluster(
          broker, startRegistryOn(broker.bootstrapServers(), Topics.SCHEMAS));
    } catch (RuntimeException e) {
      closeQuietly(broker);
      throw e;
    }
  }

  private static EmbeddedSchemaRegistry startRegistryOn(
      final String bootstrapServers, final String topic) {
    return EmbeddedSchemaRegistry.start(
        EmbeddedRegistryConfig.of(bootstrapServers)
            .withHost("localhost")
            .withPort(0)
            .withTopic(topic));
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public String registryUrl() {
    return registry.url();
  }

  /** A client of the shared registry; its caches are shared by every test. */
  public SchemaRegistryClient registryClient() {
    return registryClient;
  }

  /**
   * Starts another registry instance on this broker, reading the schema log {@code topic}; the
   * caller closes it.
   */
  public EmbeddedSchemaRegistry startAnotherRegistry(final String topic) {
    return startRegistryOn(broker.bootstrapServers(), topic);
  }

  public Admin admin() {
    return admin;
  }

  /** A topic name no other test uses, so tests sharing the broker cannot see each other's data. */
  public static String uniqueName(final String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Creates topics with {@code partitions} partitions each (replication factor 1), with the
   * settings casewatch creates them with ({@link Topics#settingsOf}): event topics, under any
   * prefix, kept forever and stamped by the broker on arrival; any other topic kept forever, since
   * test histories are from 2016, which time-based retention would delete at the broker's first
   * retention check.
   */
  public void createTopics(final int partitions, final String... names) {
    final List<NewTopic> topics = new ArrayList<>();
    for (final String name : names) {
      topics.add(new NewTopic(name, partitions, (short) 1).configs(Topics.settingsOf(name)));
    }
    await(admin.createTopics(topics).all(), "create topics " + List.of(names));
    awaitVisible(List.of(names));
  }

  /**
   * Creates those of the topics that do not exist yet, e.g. the contract's topics shared by tests.
   */
  public void createTopicsIfAbsent(final int partitions, final String... names) {
    final Set<String> existing = topicNames();
    final String[] missing =
        Arrays.stream(names).filter(name -> !existing.contains(name)).toArray(String[]::new);
    if (missing.length > 0) {
      try {
        createTopics(partitions, missing);
      } catch (IllegalStateException e) {
        if (!(e.getCause() instanceof ExecutionException cause
            && cause.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }

  /** Creates a compacted topic, as casewatch's state topics are. */
  public void createCompactedTopic(final String name, final int partitions) {
    final NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(Topics.COMPACTED);
    await(admin.createTopics(List.of(topic)).all(), "create compacted topic " + name);
    awaitVisible(List.of(name));
  }

  /**
   * A created topic is not in every metadata answer at once; an application started in that moment
   * sees "missing source topics". Returns once the topics can be described.
   */
  private void awaitVisible(final List<String> names) {
    Awaitility.await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(() -> admin.describeTopics(names).allTopicNames().get().keySet().containsAll(names));
  }

  public Set<String> topicNames() {
    return await(admin.listTopics().names(), "list topics");
  }

  /** Producer settings casewatch uses everywhere: idempotent, acks=all. */
  public Map<String, Object> producerConfig() {
    final Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }

  /** Consumer settings for reading a topic from its start in a fresh group. */
  public Map<String, Object> consumerConfig() {
    final Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, uniqueName("testkit-reader"));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return config;
  }

  /** Sends Avro values keyed by strings and waits for Kafka's acknowledgement of each. */
  public <V extends SpecificRecord> List<RecordMetadata> produce(
      final String topic, final Map<String, V> valuesByKey) {
    final List<ProducerRecord<String, Object>> records = new ArrayList<>();
    valuesByKey.forEach((key, value) -> records.add(new ProducerRecord<>(topic, key, value)));
    return produce(records, avroSerializer());
  }

  /**
   * Publishes case events as a coalition system would: each to its country's event topic (under
   * {@code topicPrefix}), keyed by caseId, stamped with its arrival (now), as the gateway and the
   * publisher do; on event topics made by {@link #createTopics} the broker stamps the arrival
   * itself.
   */
  public List<RecordMetadata> publishEvents(
      final String topicPrefix, final List<CaseEvent> events) {
    final List<ProducerRecord<String, CaseEvent>> records = new ArrayList<>();
    for (final CaseEvent event : events) {
      records.add(
          new ProducerRecord<>(
              topicPrefix + Topics.events(event.getCountry()), event.getCaseId(), event));
    }
    return produce(records, new AvroSerializer<>(registryClient(), true, false));
  }

  /** Sends records with any value serializer and waits for Kafka's acknowledgement of each. */
  public <V> List<RecordMetadata> produce(
      final List<ProducerRecord<String, V>> records, final Serializer<V> valueSerializer) {
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(producerConfig(), new StringSerializer(), valueSerializer)) {
      final List<RecordMetadata> acknowledged = new ArrayList<>();
      for (final ProducerRecord<String, V> record : records) {
        acknowledged.add(await(producer.send(record), "produce to " + record.topic()));
      }
      return acknowledged;
    }
  }

  /**
   * Reads {@code topic} from the start until {@code count} records arrived; fails with what it saw
   * if they do not arrive within 30 s.
   */
  public <V> List<ConsumerRecord<String, V>> consume(
      final String topic, final Deserializer<V> valueDeserializer, final int count) {
    final List<ConsumerRecord<String, V>> received = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), valueDeserializer)) {
      consumer.subscribe(List.of(topic));
      final long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (received.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
      }
    }
    if (received.size() < count) {
      throw new AssertionError(
          "expected "
              + count
              + " records on "
              + topic
              + " within "
              + TIMEOUT
              + " but got "
              + received.size());
    }
    return received;
  }

  /**
   * Everything in {@code topic} up to its current end, read with read_committed isolation (so
   * records of aborted or open transactions are not seen).
   */
  public <V> List<ConsumerRecord<String, V>> readAll(
      final String topic, final Deserializer<V> valueDeserializer) {
    final Map<String, Object> config = consumerConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    final List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), valueDeserializer)) {
      final List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      final long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end within " + TIMEOUT);
        }
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    }
    return records;
  }

  /** Reads {@code count} Avro records of the generated class {@code type} from {@code topic}. */
  public <V extends SpecificRecord> List<ConsumerRecord<String, V>> consumeAvro(
      final String topic, final Class<V> type, final int count) {
    return consume(topic, AvroSerde.specific(registryClient, type).deserializer(), count);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Serializer<Object> avroSerializer() {
    return (Serializer) new AvroSerializer<>(registryClient, true, false);
  }

  static <T> T await(final Future<T> future, final String what) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted: " + what, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not " + what + ": " + e.getMessage(), e);
    }
  }

  static void closeQuietly(final AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // already failing; the original error is the one worth reporting
    }
  }

  @Override
  public void close() throws Exception {
    admin.close(Duration.ofSeconds(5));
    registry.close();
    broker.close();
  }
}
