package org.casewatch.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.Topics;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.topology.CaseTopology;
import org.casewatch.topology.StreamsSettings;
import org.casewatch.topology.TopologyNames;
import org.casewatch.topology.TopologyTopics;
import org.casewatch.topology.rules.Rules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the event topics as of a date: on the in-memory engine ({@link InMemoryReplay}) by
 * default, or, on {@link ReplayEngine#STREAMS}, through the case topology in REPLAY mode under an
 * application id of its own. It writes only to topics under that id's namespace, never to the live
 * outputs or the live application's offsets, and removes its topics, consumer group and state when
 * done.
 */
public final class Replay {

  private static final Logger log = LoggerFactory.getLogger(Replay.class);
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final String SEGMENT_MS = Long.toString(Duration.ofDays(365L * 100).toMillis());

  private final ReplayOptions options;
  private final String namespace =
      "casewatch-replay-" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, Object> client = new HashMap<>();

  private Replay(final ReplayOptions options) {
    this.options = options;
    client.putAll(options.kafkaProperties());
    client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
  }

  /** Runs a replay to the end on the options' engine and cleans up after it, whatever happens. */
  public static ReplayResult run(final ReplayOptions options, final ReplayProgress progress) {
    if (options.asKnownAt() != null && options.engine() == ReplayEngine.STREAMS) {
      throw new IllegalArgumentException(
          "--as-known-at needs the in-memory engine (--engine memory, the default): "
              + "the Streams replay cannot leave out records by arrival time");
    }
    return options.engine() == ReplayEngine.STREAMS
        ? new Replay(options).run(progress)
        : InMemoryReplay.run(options, progress);
  }

  /**
   * One replay per rule table (what-if variants) of the same topics, as of the same date. On the
   * in-memory engine the history is read and decoded once for all of them; on the Streams engine
   * each is a replay of its own. The options' own rules are not used.
   */
  public static List<ReplayResult> runEach(
      final ReplayOptions options, final List<Rules> rules, final ReplayProgress progress) {
    if (options.engine() == ReplayEngine.STREAMS) {
      final List<ReplayResult> results = new ArrayList<>();
      for (final Rules table : rules) {
        results.add(run(options.with(table), progress));
      }
      return results;
    }
    return InMemoryReplay.runEach(options, rules, progress);
  }

  /** The application id (and topic prefix) replays use, for checking that none are left behind. */
  public static boolean isReplayName(final String name) {
    return name.startsWith("casewatch-replay-");
  }

  private ReplayResult run(final ReplayProgress progress) {
    final TopologyTopics topics =
        TopologyTopics.forReplay(
            new HttpSchemaRegistryClient(RegistryClientConfig.of(options.registryUrl())),
            options.inputPrefix(),
            namespace + ".");
    final Path stateDir = temporaryDirectory();
    try (Admin admin = Admin.create(client)) {
      final Map<TopicPartition, Long> start =
          offsets(admin, topics.eventTopicNames(), OffsetSpec.earliest());
      final Map<TopicPartition, Long> end =
          offsets(admin, topics.eventTopicNames(), OffsetSpec.latest());
      final int partitions =
          start.keySet().stream()
              .collect(Collectors.groupingBy(TopicPartition::topic))
              .values()
              .stream()
              .mapToInt(List::size)
              .max()
              .orElse(1);
      createOutputs(admin, topics, partitions);
      final Properties settings = streamsSettings(topics, stateDir, clusterSize(admin));
      final KafkaStreams streams =
          new KafkaStreams(
              CaseTopology.buildReplay(options.rules(), topics, options.asOf()), settings);
      // A replay keeps no changelogs: a replaced thread would reprocess onto its stores, so a dying
      // thread ends it.
      streams.setUncaughtExceptionHandler(
          exception -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
      try {
        streams.start();
        final long total =
            end.values().stream().mapToLong(Long::longValue).sum()
                - start.values().stream().mapToLong(Long::longValue).sum();
        awaitConsumed(admin, streams, start, end, total, progress);
        tick(topics, partitions);
        awaitQuiet(
            admin,
            List.of(
                topics.replayClock().orElseThrow(),
                TopologyNames.countryRepartitionTopic(namespace)));
        // Closing commits; if the caller asked for transactions, their markers reach the outputs a
        // moment later.
        stop(streams);
        awaitTransactionsSettled(admin, topics.outputTopicNames());
        return collect(topics, total);
      } finally {
        stop(streams);
        streams.cleanUp();
        cleanUp(admin);
      }
    } finally {
      deleteDirectory(stateDir);
    }
  }

  private Properties streamsSettings(
      final TopologyTopics topics, final Path stateDir, final int brokers) {
    final Properties settings = StreamsSettings.of(namespace, options.bootstrapServers(), topics);
    settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    settings.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Math.min(3, brokers));
    // Deterministic order: a task takes the record with the lowest timestamp among its partitions
    // and, with idling 0, waits for partitions known to hold more data (KIP-695) rather than
    // running ahead without them. The clock topic is empty until the end; once its lag is known to
    // be 0 it holds nothing up.
    settings.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);
    // A replay is a batch run, removed and run again if it fails, never resumed: no transactions
    // (and no changelogs, see CaseTopology.buildReplay), a bigger record cache (fewer intermediate
    // figures reach the country-stats topic), one stream thread per core.
    settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    // Only committed events, as the live topology (exactly-once) and the in-memory engine read
    // them: the records of a gateway batch whose transaction was aborted never happened.
    settings.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
    settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000);
    settings.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024);
    settings.put(
        StreamsConfig.NUM_STREAM_THREADS_CONFIG, Runtime.getRuntime().availableProcessors());
    // Records carry event time (years of it): time-based segment rolling would roll a segment every
    // few batches; the replay's topics live for minutes, so they roll by size only.
    settings.put(StreamsConfig.topicPrefix(TopicConfig.SEGMENT_MS_CONFIG), SEGMENT_MS);
    // The caller's settings (security, tuning) over these defaults.
    settings.putAll(options.kafkaProperties());
    // Static membership, so that closing removes the replay from its group at once and the group
    // can be deleted.
    settings.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), namespace);
    return settings;
  }

  private static void stop(final KafkaStreams streams) {
    streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
  }

  private void createOutputs(final Admin admin, final TopologyTopics topics, final int partitions) {
    final short replication = (short) Math.min(3, clusterSize(admin));
    // Kept (or compacted) rather than deleted by time: every record is stamped in the past, the
    // clock tick too.
    final List<NewTopic> created = new ArrayList<>();
    for (final String name : topics.outputTopicNames()) {
      created.add(
          new NewTopic(name, partitions, replication)
              .configs(rollingBySizeOnly(Topics.settingsOf(name))));
    }
    created.add(
        new NewTopic(topics.replayClock().orElseThrow(), partitions, replication)
            .configs(rollingBySizeOnly(Topics.KEPT_FOREVER)));
    await(admin.createTopics(created).all(), "create the replay's topics");
  }

  private static Map<String, String> rollingBySizeOnly(final Map<String, String> settings) {
    final Map<String, String> all = new HashMap<>(settings);
    all.put(TopicConfig.SEGMENT_MS_CONFIG, SEGMENT_MS);
    return all;
  }

  /**
   * Waits until the replay's group has consumed every event topic up to where it ended at the
   * start.
   */
  private void awaitConsumed(
      final Admin admin,
      final KafkaStreams streams,
      final Map<TopicPartition, Long> start,
      final Map<TopicPartition, Long> end,
      final long total,
      final ReplayProgress progress) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    long lastReport = System.nanoTime();
    long readBefore = -1;
    while (true) {
      if (streams.state() == KafkaStreams.State.ERROR
          || streams.state() == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException(
            "the replay's Kafka Streams client stopped (" + streams.state() + "); see the log");
      }
      final Map<TopicPartition, Long> committed = committed(admin);
      long read = 0;
      boolean done = true;
      for (final Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
        final long at = committed.getOrDefault(partition.getKey(), start.get(partition.getKey()));
        read += at - start.get(partition.getKey());
        done &= at >= partition.getValue();
      }
      progress.read(Math.min(read, total), total);
      if (done) {
        return;
      }
      if (read > readBefore) {
        readBefore = read;
        deadline = System.nanoTime() + TIMEOUT.toNanos();
      }
      if (System.nanoTime() - lastReport > Duration.ofSeconds(10).toNanos()) {
        lastReport = System.nanoTime();
        requireHistoryKept(admin, start);
        // Progress goes to the caller's progress bar; the threads' metadata only when the replay is
        // stuck.
        final boolean stuck = System.nanoTime() > deadline - TIMEOUT.dividedBy(2).toNanos();
        if (stuck) {
          log.warn(
              "Replay {} has read no further input for {} s ({} of {} events): state {}, threads"
                  + " {}",
              namespace,
              TIMEOUT.dividedBy(2).toSeconds(),
              read,
              total,
              streams.state(),
              streams.metadataForLocalThreads());
        } else {
          log.debug(
              "Replay {}: {} of {} events read, state {}", namespace, read, total, streams.state());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the replay read no further input for "
                + TIMEOUT
                + " ("
                + read
                + " of "
                + total
                + " events read); see the log for its Kafka Streams state");
      }
      pause(Duration.ofMillis(200));
    }
  }

  /**
   * Fails at once if retention deleted events the replay was to read (it would wait for them in
   * vain).
   */
  private void requireHistoryKept(final Admin admin, final Map<TopicPartition, Long> start) {
    final List<String> topicNames =
        start.keySet().stream().map(TopicPartition::topic).distinct().toList();
    final Map<TopicPartition, Long> now = offsets(admin, topicNames, OffsetSpec.earliest());
    now.forEach(
        (partition, earliest) -> {
          if (earliest > start.get(partition)) {
            throw new IllegalStateException(
                "events of "
                    + partition
                    + " from offset "
                    + start.get(partition)
                    + " to "
                    + earliest
                    + " were deleted while the replay ran: event topics must keep their history "
                    + "(retention.ms=-1; see the topic table in docs/contract.md)");
          }
        });
  }

  /** Moves every task's clock to the as-of date: one tick on every partition of the clock topic. */
  private void tick(final TopologyTopics topics, final int partitions) {
    final Map<String, Object> settings = new HashMap<>(client);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, Long> producer =
        new KafkaProducer<>(settings, new StringSerializer(), new LongSerializer())) {
      final List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int partition = 0; partition < partitions; partition++) {
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    topics.replayClock().orElseThrow(),
                    partition,
                    options.asOf().toEpochMilli(),
                    "as-of",
                    options.asOf().toEpochMilli())));
      }
      producer.flush();
      for (final Future<RecordMetadata> tick : sent) {
        // A tick that was not written would leave the replay waiting for a horizon that never
        // comes.
        tick.get(1, TimeUnit.MINUTES);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "The replay's clock tick could not be written to "
              + topics.replayClock().orElseThrow()
              + ": "
              + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while writing the replay's clock tick", e);
    }
  }

  /**
   * Waits until the replay's group has consumed everything in the topics downstream of the events
   * (the clock ticks, the figures' changes sent to their countries), twice in a row.
   */
  private void awaitQuiet(final Admin admin, final List<String> downstream) {
    final long deadline = System.nanoTime() + TIMEOUT.toNanos();
    int quietChecks = 0;
    while (quietChecks < 2) {
      pause(Duration.ofMillis(300));
      final Map<TopicPartition, Long> committed = committed(admin);
      final Map<TopicPartition, Long> end = offsets(admin, downstream, OffsetSpec.latest());
      final boolean quiet =
          end.entrySet().stream()
              .allMatch(
                  partition ->
                      committed.getOrDefault(partition.getKey(), 0L) >= partition.getValue());
      quietChecks = quiet ? quietChecks + 1 : 0;
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the replay did not settle within " + TIMEOUT);
      }
    }
  }

  /**
   * Waits until no transaction is open on the replay's outputs: a commit returns before its markers
   * are written, and until then a read_committed reader stops at the last stable offset and would
   * see only part of the result.
   */
  private void awaitTransactionsSettled(final Admin admin, final List<String> outputs) {
    final long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!offsets(admin, outputs, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED)
        .equals(offsets(admin, outputs, OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the replay's last transaction did not complete within " + TIMEOUT);
      }
      pause(Duration.ofMillis(50));
    }
  }

  private ReplayResult collect(final TopologyTopics topics, final long eventsRead) {
    final Map<String, CaseState> cases = new TreeMap<>();
    readAll(topics.caseState().name(), topics.caseState().valueSerde().deserializer())
        .forEach(record -> cases.put(record.key(), record.value()));
    final Map<String, CountryStats> countries = new TreeMap<>();
    readAll(topics.countryStats().name(), topics.countryStats().valueSerde().deserializer())
        .forEach(record -> countries.put(record.key(), record.value()));
    final Map<String, Alert> alerts = new LinkedHashMap<>();
    readAll(topics.alerts().name(), topics.alerts().valueSerde().deserializer())
        .forEach(record -> alerts.put(record.value().getAlertId(), record.value()));
    final long deadLetters =
        readAll(topics.deadLetters().name(), new ByteArrayDeserializer()).size();
    final List<Alert> sorted = new ArrayList<>(alerts.values());
    sorted.sort(ReplayResult.ALERT_ORDER);
    return new ReplayResult(
        options.asOf(),
        List.copyOf(cases.values()),
        countriesInOrder(countries),
        sorted,
        eventsRead,
        deadLetters);
  }

  private static List<CountryStats> countriesInOrder(final Map<String, CountryStats> byCode) {
    final List<CountryStats> ordered = new ArrayList<>();
    for (final Country country : Country.values()) {
      if (byCode.containsKey(country.name())) {
        ordered.add(byCode.get(country.name()));
      }
    }
    return ordered;
  }

  private <V> List<ConsumerRecord<String, V>> readAll(
      final String topic, final Deserializer<V> values) {
    final Map<String, Object> settings = new HashMap<>(client);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    final List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), values)) {
      final List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream()
          .anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private void cleanUp(final Admin admin) {
    try {
      final List<String> own =
          await(admin.listTopics().names(), "list topics").stream()
              .filter(name -> name.startsWith(namespace))
              .toList();
      if (!own.isEmpty()) {
        await(admin.deleteTopics(own).all(), "delete the replay's topics " + own);
      }
      await(
          admin.deleteConsumerGroups(List.of(namespace)).all(),
          "delete the replay's consumer group");
    } catch (RuntimeException e) {
      log.error(
          "Could not remove everything replay {} created; remove topics and the group named {}* by"
              + " hand: {}",
          namespace,
          namespace,
          e.getMessage());
    }
  }

  private Map<TopicPartition, Long> committed(final Admin admin) {
    final Map<TopicPartition, OffsetAndMetadata> offsets =
        await(
            admin.listConsumerGroupOffsets(namespace).partitionsToOffsetAndMetadata(),
            "read the replay's offsets");
    final Map<TopicPartition, Long> committed = new HashMap<>();
    offsets.forEach(
        (partition, offset) -> {
          if (offset != null) {
            committed.put(partition, offset.offset());
          }
        });
    return committed;
  }

  private Map<TopicPartition, Long> offsets(
      final Admin admin, final List<String> topicNames, final OffsetSpec spec) {
    return offsets(admin, topicNames, spec, IsolationLevel.READ_UNCOMMITTED);
  }

  private Map<TopicPartition, Long> offsets(
      final Admin admin,
      final List<String> topicNames,
      final OffsetSpec spec,
      final IsolationLevel isolation) {
    final Map<String, TopicDescription> described =
        await(
            admin.describeTopics(topicNames).allTopicNames(),
            "describe " + topicNames + " (do the event topics exist?)");
    final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    described
        .values()
        .forEach(
            topic ->
                topic
                    .partitions()
                    .forEach(
                        partition ->
                            request.put(
                                new TopicPartition(topic.name(), partition.partition()), spec)));
    final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer =
        await(
            admin.listOffsets(request, new ListOffsetsOptions(isolation)).all(),
            "read the offsets of " + topicNames);
    final Map<TopicPartition, Long> offsets = new HashMap<>();
    answer.forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }

  private int clusterSize(final Admin admin) {
    return await(admin.describeCluster().nodes(), "describe the cluster").size();
  }

  private static <T> T await(final KafkaFuture<T> future, final String what) {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + what, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not " + what + ": " + e.getMessage(), e);
    }
  }

  private static void pause(final Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the replay", e);
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("casewatch-replay");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteDirectory(final Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log.warn("Could not delete the replay's state directory {}: {}", dir, e.getMessage());
    }
  }
}
