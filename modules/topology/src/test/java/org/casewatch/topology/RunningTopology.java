package org.casewatch.topology;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.registry.serde.AvroSerializer;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.topology.rules.RulesFile;

/**
 * The topology running in KafkaStreams on the shared real broker, with exactly-once and the
 * registry serde, under topic names no other test uses.
 */
final class RunningTopology implements AutoCloseable {

  static final int PARTITIONS = 3;

  private final CasewatchCluster cluster;
  private final TopologyTopics topics;
  private final KafkaStreams streams;

  RunningTopology(final CasewatchCluster cluster, final ClockMode mode) {
    this(cluster, mode, PARTITIONS);
  }

  /**
   * With {@code partitions} per topic. Stream time is kept per task, so only a run with one
   * partition per topic sees a backlog in exactly the order a single-task test driver does.
   */
  RunningTopology(final CasewatchCluster cluster, final ClockMode mode, final int partitions) {
    this(cluster, mode, partitions, new Properties());
  }

  /** With {@code settings} over the test's Streams settings. */
  RunningTopology(
      final CasewatchCluster cluster,
      final ClockMode mode,
      final int partitions,
      final Properties settings) {
    this.cluster = cluster;
    final String prefix = CasewatchCluster.uniqueName("it") + ".";
    this.topics = TopologyTopics.prefixed(cluster.registryClient(), prefix);
    cluster.createTopics(partitions, topics.eventTopicNames().toArray(String[]::new));
    cluster.createTopics(
        partitions,
        topics.alerts().name(),
        topics.deadLetters().name(),
        topics.alertActions().orElseThrow().name());
    cluster.createCompactedTopic(topics.caseState().name(), partitions);
    cluster.createCompactedTopic(topics.countryStats().name(), partitions);

    final Properties props =
        StreamsSettings.of(prefix + "casewatch", cluster.bootstrapServers(), topics);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    try {
      props.put(
          StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("casewatch-it").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    props.putAll(settings);
    streams = new KafkaStreams(CaseTopology.build(RulesFile.defaults(), topics, mode), props);
    streams.start();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> streams.state() == KafkaStreams.State.RUNNING);
  }

  /** The running Streams instance's metrics. */
  Map<MetricName, ? extends Metric> metrics() {
    return streams.metrics();
  }

  TopologyTopics topics() {
    return topics;
  }

  String eventTopic(final Country country) {
    return topics.events(country).name();
  }

  /** Publishes events as a coalition's producer would: keyed by caseId, idempotent, acks=all. */
  void publish(final List<CaseEvent> events) {
    final List<ProducerRecord<String, CaseEvent>> records = new ArrayList<>();
    for (final CaseEvent event : events) {
      records.add(
          new ProducerRecord<>(
              eventTopic(event.getCountry()),
              null,
              event.getOccurredAt().toEpochMilli(),
              event.getCaseId(),
              event));
    }
    cluster.produce(records, new AvroSerializer<>(cluster.registryClient(), true, false));
  }

  /** Everything committed to {@code topic} so far, read with read_committed isolation. */
  <V> List<ConsumerRecord<String, V>> committed(final String topic, final Deserializer<V> values) {
    return cluster.readAll(topic, values);
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
    streams.cleanUp();
  }
}
