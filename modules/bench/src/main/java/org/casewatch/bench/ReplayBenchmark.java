package org.casewatch.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casewatch.analytics.Replay;
import org.casewatch.analytics.ReplayEngine;
import org.casewatch.analytics.ReplayFiles;
import org.casewatch.analytics.ReplayOptions;
import org.casewatch.analytics.ReplayProgress;
import org.casewatch.analytics.ReplayResult;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Countries;
import org.casewatch.model.Topics;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.registry.serde.AvroSerializer;
import org.casewatch.registry.server.EmbeddedSchemaRegistry;
import org.casewatch.simulation.Histories;
import org.casewatch.testkit.CaseEvents;
import org.casewatch.testkit.kafka.KafkaBroker;
import org.casewatch.topology.rules.Rules;
import org.casewatch.topology.rules.RulesFile;

/**
 * Replay throughput next to the raw read rate of the same topics, in the same run: a real broker
 * and registry in this JVM, the event topics filled with a seeded history of long cases (refusal,
 * appeal, reopening, reprisals: about ten events each), then a plain consumer reads them all, then,
 * on each engine, a replay of empty topics (its fixed cost) and a replay as of the end of the
 * history. Prints the numbers; asserts nothing.
 *
 * <p>Run: {@code mvn -q -pl modules/bench -am install -DskipTests && mvn -q -pl modules/bench
 * exec:java -Dexec.mainClass=org.casewatch.bench.ReplayBenchmark -Dexec.args="100000 6 both"}
 * (cases, partitions, engine: memory, streams or both).
 */
public final class ReplayBenchmark {

  private static final Instant START = CaseEvents.on("2016-01-01");
  private static final String EMPTY = "empty.";

  public static void main(final String[] args) throws Exception {
    final int cases = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    final int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    final List<ReplayEngine> engines =
        args.length > 2 && !args[2].equals("both")
            ? List.of(ReplayEngine.valueOf(args[2].toUpperCase(java.util.Locale.ROOT)))
            : List.of(ReplayEngine.MEMORY, ReplayEngine.STREAMS);
    final int variants = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    try (KafkaBroker broker = KafkaBroker.start();
        EmbeddedSchemaRegistry registry = ServiceTopics.registry(broker.bootstrapServers())) {
      final List<String> topics = Countries.all().stream().map(Topics::events).toList();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        final List<NewTopic> created = new ArrayList<>();
        for (final String topic : topics) {
          created.add(new NewTopic(topic, partitions, (short) 1).configs(Topics.settingsOf(topic)));
          // The same topics, empty: a replay of nothing costs what any replay costs before and
          // after its input.
          created.add(
              new NewTopic(EMPTY + topic, partitions, (short) 1).configs(Topics.settingsOf(topic)));
        }
        admin.createTopics(created).all().get();
      }
      // The history is dropped once written: the heap a replay needs is measured without it.
      List<CaseEvent> history = history(cases);
      final int events = history.size();
      final Instant asOf = history.get(events - 1).getOccurredAt();
      final double produceSeconds = produce(broker.bootstrapServers(), registry.url(), history);
      history = null;
      System.out.printf(
          "history: %,d events of %,d cases in %d topics x %d partitions, written in %.1f s%n",
          events, cases, topics.size(), partitions, produceSeconds);

      final double rawSeconds = readAll(broker.bootstrapServers(), topics, events);
      final double rawRate = events / rawSeconds;
      System.out.printf(
          "raw consumer: %,d events in %.2f s: %,.0f events/s%n", events, rawSeconds, rawRate);

      for (final ReplayEngine engine : engines) {
        final ReplayOptions options =
            new ReplayOptions(
                    broker.bootstrapServers(),
                    registry.url(),
                    asOf,
                    RulesFile.defaults(),
                    "",
                    settings(),
                    engine)
                .withThreads(Integer.getInteger("replay.threads", 0));
        final long emptyBegan = System.nanoTime();
        Replay.run(
            new ReplayOptions(
                options.bootstrapServers(),
                options.registryUrl(),
                asOf,
                options.rules(),
                EMPTY,
                options.kafkaProperties(),
                engine),
            ReplayProgress.NONE);
        final double fixedSeconds = (System.nanoTime() - emptyBegan) / 1e9;
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        final long cpuBegan = processCpuNanos();
        final long collectorBegan = collectorMillis();
        final long began = System.nanoTime();
        final ReplayResult result = Replay.run(options, ReplayProgress.NONE);
        final double seconds = (System.nanoTime() - began) / 1e9;
        final double cpuSeconds = (processCpuNanos() - cpuBegan) / 1e9;
        final double collectorSeconds = (collectorMillis() - collectorBegan) / 1e3;
        final long peak =
            ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        final Runtime runtime = Runtime.getRuntime();
        System.out.printf(
            "%s replay: %,d events, %,d cases, %,d alerts, %d dead letters as of %s%n",
            engine.name().toLowerCase(java.util.Locale.ROOT),
            result.eventsRead(),
            result.cases().size(),
            result.alerts().size(),
            result.deadLetters(),
            asOf);
        System.out.printf(
            "%s replay: %.1f s: %,.0f events/s, %.3f of the raw read rate; fixed cost (a replay of"
                + " empty topics) %.2f s; heap in use after it %,d MB; the heap pools' peaks during"
                + " it, summed (an upper bound, garbage included), %,d MB; heap %,d MB; %d cores%n",
            engine.name().toLowerCase(java.util.Locale.ROOT),
            seconds,
            events / seconds,
            events / seconds / rawRate,
            fixedSeconds,
            (runtime.totalMemory() - runtime.freeMemory()) >> 20,
            peak >> 20,
            runtime.maxMemory() >> 20,
            runtime.availableProcessors());
        // Wall time moves with whatever else the machine runs; these say where it went.
        System.out.printf(
            "%s replay: %.1f s of the process's CPU time during it (the broker's, which serves its"
                + " fetches, included); the garbage collector's collections took %.1f s of its wall"
                + " time, as the JVM counts them%n",
            engine.name().toLowerCase(java.util.Locale.ROOT), cpuSeconds, collectorSeconds);
        // What `casewatch replay` does next: the files, streamed from the result.
        final Path files = Files.createTempDirectory("casewatch-bench-replay");
        final long writeBegan = System.nanoTime();
        ReplayFiles.write(result, files);
        long bytes = 0;
        try (Stream<Path> written = Files.list(files)) {
          for (final Path file : written.toList()) {
            bytes += Files.size(file);
            Files.delete(file);
          }
        }
        Files.delete(files);
        System.out.printf(
            "%s replay: its files (%,d MB) written in %.1f s; heap in use after %,d MB%n",
            engine.name().toLowerCase(java.util.Locale.ROOT),
            bytes >> 20,
            (System.nanoTime() - writeBegan) / 1e9,
            (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        if (variants > 1 && engine == ReplayEngine.MEMORY) {
          final List<Rules> tables = new ArrayList<>();
          for (int i = 0; i < variants; i++) {
            tables.add(RulesFile.parse("defaults: {stalledComplaintDays: " + (10 + 5 * i) + "}"));
          }
          final long variantsBegan = System.nanoTime();
          final List<ReplayResult> each = Replay.runEach(options, tables, ReplayProgress.NONE);
          final double variantSeconds = (System.nanoTime() - variantsBegan) / 1e9;
          System.out.printf(
              "what-if: %d rule tables in one pass: %.1f s, %.2f times one replay (%.1f s); alerts"
                  + " %,d to %,d%n",
              each.size(),
              variantSeconds,
              variantSeconds / seconds,
              seconds,
              each.stream().mapToInt(r -> r.alerts().size()).min().orElse(0),
              each.stream().mapToInt(r -> r.alerts().size()).max().orElse(0));
        }
      }
    }
  }

  /**
   * Kafka Streams settings to try, e.g. {@code
   * -Dreplay.settings=num.stream.threads=1,commit.interval.ms=5000}.
   */
  private static Map<String, Object> settings() {
    final Map<String, Object> settings = new HashMap<>();
    // Parts without '=' (empty ones included) are skipped: a limit of -1 changes nothing.
    for (final String pair : System.getProperty("replay.settings", "").split(",", -1)) {
      if (pair.contains("=")) {
        settings.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
    }
    if (!settings.isEmpty()) {
      System.out.println("replay settings: " + settings);
    }
    return settings;
  }

  /**
   * The simulation's long cases of about ten events each ({@link Histories#longCases}), seed 2016,
   * in event-time order.
   */
  static List<CaseEvent> history(final int cases) {
    return Histories.longCases(2016, cases, START);
  }

  static double produce(
      final String bootstrap, final String registryUrl, final List<CaseEvent> history) {
    final Map<String, Object> settings = new HashMap<>();
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    final long began = System.nanoTime();
    try (KafkaProducer<String, CaseEvent> producer =
        new KafkaProducer<>(
            settings,
            new StringSerializer(),
            new AvroSerializer<>(
                new HttpSchemaRegistryClient(RegistryClientConfig.of(registryUrl)), true, false))) {
      final List<Future<RecordMetadata>> sent = new ArrayList<>(history.size());
      for (final CaseEvent event : history) {
        sent.add(
            producer.send(
                new ProducerRecord<>(Topics.events(event.getCountry()), event.getCaseId(), event)));
      }
      producer.flush();
      // Every send is done after the flush: a history Kafka did not take whole is no measurement.
      for (final Future<RecordMetadata> each : sent) {
        each.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka did not acknowledge an event", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while producing the history", e);
    }
    return (System.nanoTime() - began) / 1e9;
  }

  /**
   * Reads every event as bytes, as fast as a plain consumer can: the ceiling for any reader of
   * these topics.
   */
  static double readAll(final String bootstrap, final List<String> topics, final long expected) {
    final Map<String, Object> settings = new HashMap<>();
    settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    final long began = System.nanoTime();
    long read = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions = new ArrayList<>();
      topics.forEach(
          topic ->
              consumer
                  .partitionsFor(topic)
                  .forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (read < expected) {
        read += consumer.poll(Duration.ofMillis(200)).count();
      }
    }
    return (System.nanoTime() - began) / 1e9;
  }

  /** The CPU time of every thread of this process so far, the in-process broker's included. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * The wall time every collector of the heap has spent collecting so far: with the parallel
   * collector, its pauses (a concurrent collector's beans may count a cycle's pauses twice).
   */
  private static long collectorMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .filter(millis -> millis > 0)
        .sum();
  }
}
