package org.casewatch.bench;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.casewatch.model.CaseEvent;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.registry.server.EmbeddedSchemaRegistry;
import org.casewatch.testkit.CaseEvents;
import org.casewatch.testkit.kafka.KafkaBroker;
import org.casewatch.topology.CaseTopology;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.StreamsSettings;
import org.casewatch.topology.TopologyTopics;
import org.casewatch.topology.rules.RulesFile;

/**
 * The live path at exactly-once: the topology the service runs, fed a backlog of the seeded history
 * of {@link ReplayBenchmark}, next to a plain consumer's read rate of the same topics in the same
 * run; then every record the topology's producers sent, counted topic by topic (outputs,
 * changelogs, repartitions; from their {@code record-send-total} metrics, since Streams purges its
 * repartition topics as it goes): the broker writes per event. Prints the numbers; asserts nothing.
 *
 * <p>Run (see docs/performance.md for the class path): {@code java -cp ...
 * org.casewatch.bench.LivePathBenchmark 10000 6} (cases, partitions per topic; a third argument
 * {@code complaints} feeds cases of one recent complaint each instead of the long cases).
 */
public final class LivePathBenchmark {

  private static final String APPLICATION = "bench-live";

  public static void main(final String[] args) throws Exception {
    final int cases = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    final int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    if (args.length > 2 && !args[2].equals("complaints")) {
      throw new IllegalArgumentException(
          "the third argument is \"complaints\" or nothing (the long cases), not " + args[2]);
    }
    final boolean complaints = args.length > 2;
    try (KafkaBroker broker = KafkaBroker.start();
        EmbeddedSchemaRegistry registry = ServiceTopics.registry(broker.bootstrapServers())) {
      final TopologyTopics topics =
          TopologyTopics.create(
              new HttpSchemaRegistryClient(RegistryClientConfig.of(registry.url())));
      final List<String> inputs = topics.eventTopicNames();
      ServiceTopics.create(broker.bootstrapServers(), partitions);
      final List<CaseEvent> history =
          complaints ? recentComplaints(cases) : ReplayBenchmark.history(cases);
      final double produceSeconds =
          ReplayBenchmark.produce(broker.bootstrapServers(), registry.url(), history);
      System.out.printf(
          "history: %,d events of %,d cases in %d topics x %d partitions, written in %.1f s%n",
          history.size(), cases, inputs.size(), partitions, produceSeconds);
      final double rawRate =
          history.size()
              / ReplayBenchmark.readAll(broker.bootstrapServers(), inputs, history.size());
      System.out.printf("raw consumer: %,.0f events/s%n", rawRate);

      final Properties settings =
          StreamsSettings.of(APPLICATION, broker.bootstrapServers(), topics);
      settings.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
      settings.put(
          StreamsConfig.STATE_DIR_CONFIG,
          Files.createTempDirectory("casewatch-bench-live").toString());
      // Any Streams setting can be tried from the command line:
      // -Dstreams.statestore.cache.max.bytes=67108864
      System.getProperties().stringPropertyNames().stream()
          .filter(name -> name.startsWith("streams."))
          .forEach(
              name -> settings.put(name.substring("streams.".length()), System.getProperty(name)));
      final long began = System.nanoTime();
      try (KafkaStreams streams =
              new KafkaStreams(
                  CaseTopology.build(RulesFile.defaults(), topics, ClockMode.LIVE), settings);
          Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        streams.start();
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> streams.state() == KafkaStreams.State.RUNNING);
        final double startSeconds = (System.nanoTime() - began) / 1e9;
        final Map<TopicPartition, Long> ends = endOffsets(admin, inputs);
        await()
            .atMost(Duration.ofHours(1))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> caughtUp(admin, ends));
        final double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf(
            "live path (exactly-once, %s stream thread(s)): %,d events in %.1f s (%.1f s of it to"
                + " start): %,.0f events/s, %.3f of the raw read rate; %d cores%n",
            settings.getOrDefault(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1),
            history.size(),
            seconds,
            startSeconds,
            history.size() / seconds,
            history.size() / seconds / rawRate,
            Runtime.getRuntime().availableProcessors());
        // Live, each task sends its countries' summed changes of the figures once a second: the
        // last of them are counted too, once sent and read.
        await()
            .pollDelay(Duration.ofSeconds(2))
            .atMost(Duration.ofMinutes(1))
            .until(() -> caughtUp(admin, ends));
        ProducerWrites.sentSoFar(ProducerWrites.STREAM_THREADS)
            .print("broker writes", history.size());
      }
    }
  }

  /**
   * Like AlertLatencyBenchmark's recent background: {@code cases} Kazakh cases of one complaint
   * each, filed two days ago, so no deadline of theirs has passed.
   */
  private static List<CaseEvent> recentComplaints(final int cases) {
    final Instant filed = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.DAYS);
    return IntStream.range(0, cases)
        .mapToObj(number -> CaseEvents.aCase("KZ-2026-" + number).complaintFiled(filed))
        .toList();
  }

  private static Map<TopicPartition, Long> endOffsets(final Admin admin, final List<String> topics)
      throws Exception {
    final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    admin
        .describeTopics(topics)
        .allTopicNames()
        .get()
        .forEach(
            (topic, description) ->
                description
                    .partitions()
                    .forEach(
                        partition ->
                            latest.put(
                                new TopicPartition(topic, partition.partition()),
                                OffsetSpec.latest())));
    return admin.listOffsets(latest).all().get().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
  }

  /**
   * Whether the topology has committed every record of every topic it reads: the event topics, and
   * what it reads back (the case states, the figures' changes). A partition it also writes may end
   * with a commit marker after the last record it can commit.
   */
  private static boolean caughtUp(final Admin admin, final Map<TopicPartition, Long> inputEnds)
      throws Exception {
    final Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(APPLICATION).partitionsToOffsetAndMetadata().get();
    if (!inputEnds.entrySet().stream()
        .allMatch(
            // A partition that never held a record has no committed offset.
            end ->
                end.getValue() == 0
                    || (committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() >= end.getValue()))) {
      return false;
    }
    final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
    final Map<TopicPartition, Long> ends =
        admin.listOffsets(latest).all().get().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    return committed.entrySet().stream()
        .allMatch(entry -> entry.getValue().offset() >= ends.get(entry.getKey()) - 1);
  }
}
