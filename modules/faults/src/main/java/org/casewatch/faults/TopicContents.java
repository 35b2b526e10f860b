package org.casewatch.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.registry.serde.AvroDeserializer;

/**
 * What the topics hold, read the way casewatch's own readers read them (read_committed, from the
 * beginning to the end seen at the start, no consumer group): every event's id, every alert's
 * latest status.
 */
final class TopicContents {

  private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

  private final String bootstrapServers;
  private final String registryUrl;

  TopicContents(final String bootstrapServers, final String registryUrl) {
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
  }

  /** How many times each eventId is in {@code topics}. */
  Map<String, Integer> eventIds(final List<String> topics) {
    final Map<String, Integer> counts = new HashMap<>();
    events(topics, event -> counts.merge(event.getEventId(), 1, Integer::sum));
    return counts;
  }

  /** Every event in {@code topics}, copies included, in each partition's order. */
  void events(final List<String> topics, final Consumer<CaseEvent> each) {
    final Deserializer<CaseEvent> events = AvroDeserializer.specific(registry(), CaseEvent.class);
    read(topics, record -> each.accept(events.deserialize(record.topic(), record.value())));
  }

  /** How many records {@code topic} holds (committed ones). */
  long count(final String topic) {
    final long[] count = {0};
    read(List.of(topic), record -> count[0]++);
    return count[0];
  }

  /** Every case's latest state in {@code topic}, as {@link IndependentFold#caseCounts} says it. */
  Map<String, String> caseCounts(final String topic) {
    final Deserializer<CaseState> states = AvroDeserializer.specific(registry(), CaseState.class);
    final Map<String, String> cases = new HashMap<>();
    read(
        List.of(topic),
        record -> {
          if (record.value() == null) {
            cases.remove(record.key());
            return;
          }
          final CaseState state = states.deserialize(record.topic(), record.value());
          cases.put(
              state.getCaseId(),
              IndependentFold.caseCounts(
                  state.getEventCount(), state.getComplaintCount(), state.getReprisalCount()));
        });
    return cases;
  }

  /** Every alert's latest status in {@code topic}, by alertId. */
  Map<String, String> alertStatuses(final String topic) {
    final Deserializer<Alert> alerts = AvroDeserializer.specific(registry(), Alert.class);
    final Map<String, String> statuses = new HashMap<>();
    read(
        List.of(topic),
        record -> {
          final Alert alert = alerts.deserialize(record.topic(), record.value());
          statuses.put(alert.getAlertId(), alert.getStatus().name());
        });
    return statuses;
  }

  private HttpSchemaRegistryClient registry() {
    return new HttpSchemaRegistryClient(RegistryClientConfig.of(registryUrl));
  }

  private void read(
      final List<String> topics, final Consumer<ConsumerRecord<String, byte[]>> each) {
    final Map<String, Object> settings =
        new HashMap<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5_000));
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions = new ArrayList<>();
      topics.forEach(
          topic ->
              consumer
                  .partitionsFor(topic)
                  .forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      final long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (partitions.stream()
          .anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Could not read " + topics + " to their end within " + READ_TIMEOUT);
        }
        consumer.poll(Duration.ofMillis(500)).forEach(each);
      }
    }
  }
}
