package org.casewatch.analytics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertAction;
import org.casewatch.model.CaseState;
import org.casewatch.model.Topics;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.registry.client.SchemaRegistryClient;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.topology.TaskReplay;
import org.casewatch.topology.TopologyTopics;
import org.casewatch.topology.country.CountryFigures;
import org.casewatch.topology.deadletters.CaseEventDecoder;
import org.casewatch.topology.deadletters.Decoded;
import org.casewatch.topology.rules.RuleBook;
import org.casewatch.topology.rules.Rules;
import org.casewatch.topology.triage.TriageFold;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory replay engine: the same case logic as the topology (the case tracker in REPLAY, as
 * {@link TaskReplay}), fed by a plain consumer instead of Kafka Streams. No consumer group, no
 * commits, no topics or state directory of its own: nothing to create, wait for or clean up.
 *
 * <p>A task is what Kafka Streams would make of it: partition {@code p} of every event topic, one
 * case tracker with its own clocks. Tasks share nothing, so the engine replays several at once
 * ({@link ReplayOptions#threadsFor}: one per processor while the heap holds their tasks), each
 * worker with its own consumer; a worker holds one task's cases at a time, not the whole history,
 * and a task's results are added in task order whatever order the tasks end in. Each partition is
 * read up to the end offset seen at the start ({@code read_committed}), and merges the task's
 * partitions by record timestamp, as a Streams task does with {@code max.task.idle.ms} 0; records
 * with the same timestamp go in the order of the event topics, then by offset, so a replay of the
 * same topics always reads in the same order. After a task's last record, its clock moves to the
 * as-of date, as the Streams replay's tick does. The country figures are the final case states
 * summed once ({@link CountryFigures#of}).
 */
final class InMemoryReplay {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final long PROGRESS_EVERY = 10_000;
  private static final Logger log = LoggerFactory.getLogger(InMemoryReplay.class);

  /** The longest the engine waits for a partition known to hold more records before it gives up. */
  private static final Duration STALL = Duration.ofMinutes(3);

  private final ReplayOptions options;
  private final TopologyTopics topics;

  /** Coordinators' actions, read with the events of each task and folded after them. */
  private final String actionsTopic;

  private final Deserializer<AlertAction> actions;
  private final List<Variant> variants;
  private final Map<String, Object> client = new HashMap<>();

  /**
   * When the replay read the end offsets: arrivals later than it are not believed (as the decoder
   * says).
   */
  private Instant now;

  /** Every caseId a task added so far has had (added to in task order only). */
  private final Set<String> casesSeen = new HashSet<>();

  /**
   * What one rule table made of the history: the tasks' results as they are done, kept off the
   * heap.
   */
  private static final class Variant {
    private final RuleBook ruleBook;
    private final SpilledRecords<CaseState> cases =
        new SpilledRecords<>(
            CaseState.getEncoder(),
            CaseState.getDecoder(),
            Comparator.comparing(CaseState::getCaseId),
            CaseState::getCaseId);
    private final SpilledRecords<Alert> alerts =
        new SpilledRecords<>(
            Alert.getEncoder(), Alert.getDecoder(), ReplayResult.ALERT_ORDER, Alert::getAlertId);
    private long deadLetters;

    Variant(final Rules rules) {
      this.ruleBook = new RuleBook(rules);
    }

    /**
     * The task's results; {@code repeating} are its cases an earlier task had too, whose results it
     * replaces.
     */
    void add(final TaskReplay task, final Set<String> repeating) {
      final Map<String, CaseState> states = task.cases();
      cases.add(states.values(), repeating);
      final Set<String> repeatingAlerts = new HashSet<>();
      if (!repeating.isEmpty()) {
        task.alerts().values().stream()
            .filter(alert -> repeating.contains(alert.getCaseId()))
            .forEach(alert -> repeatingAlerts.add(alert.getAlertId()));
      }
      alerts.add(task.alerts().values(), repeatingAlerts);
      deadLetters += task.deadLetters();
    }
  }

  private InMemoryReplay(final ReplayOptions options, final List<Rules> rules) {
    this.options = options;
    this.variants = rules.stream().map(Variant::new).toList();
    final SchemaRegistryClient registry =
        new HttpSchemaRegistryClient(RegistryClientConfig.of(options.registryUrl()));
    this.topics =
        TopologyTopics.forReplay(registry, options.inputPrefix(), "casewatch-replay-in-memory.");
    this.actionsTopic = options.inputPrefix() + Topics.ALERT_ACTIONS;
    this.actions = AvroDeserializer.specific(registry, AlertAction.class);
    client.putAll(options.kafkaProperties());
    client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    client.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    client.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    client.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    // A partition whose start was deleted meanwhile (retention) is an error, never a silent jump to
    // its end.
    client.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    // A mistyped prefix must not create five empty topics and an empty replay.
    client.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    client.remove(ConsumerConfig.GROUP_ID_CONFIG);
  }

  static ReplayResult run(final ReplayOptions options, final ReplayProgress progress) {
    return new InMemoryReplay(options, List.of(options.rules())).run(progress).get(0);
  }

  /**
   * One replay per rule table, in one pass: each record is read and decoded once and fed to every
   * table's case tracker. The options' own rules are not used.
   */
  static List<ReplayResult> runEach(
      final ReplayOptions options, final List<Rules> rules, final ReplayProgress progress) {
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("a what-if replay needs at least one rule table");
    }
    return new InMemoryReplay(options, rules).run(progress);
  }

  private List<ReplayResult> run(final ReplayProgress progress) {
    final List<TopicPartition> all;
    final Map<TopicPartition, Long> start;
    final Map<TopicPartition, Long> end;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      all = partitions(consumer);
      // Offsets of partitions it is not assigned make a read_committed consumer warn, one line per
      // partition, that it cannot keep their last stable offset.
      consumer.assign(all);
      consumer.pause(all);
      start = consumer.beginningOffsets(all);
      end = consumer.endOffsets(all);
    }
    now = Instant.now();
    // Events only: coordinators' actions are not events read.
    final long total =
        all.stream()
            .filter(partition -> !partition.topic().equals(actionsTopic))
            .mapToLong(partition -> end.get(partition) - start.get(partition))
            .sum();
    final Reading reading = new Reading(all, start, end, total, progress);
    final long largestTask =
        reading.tasks.stream()
            .mapToLong(
                task ->
                    task.stream()
                        .mapToLong(partition -> end.get(partition) - start.get(partition))
                        .sum())
            .max()
            .orElse(0);
    final int threads = options.threadsFor(reading.tasks.size(), largestTask, variants.size());
    final AtomicInteger threadsStarted = new AtomicInteger();
    final ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              final Thread thread =
                  new Thread(runnable, "casewatch-replay-" + threadsStarted.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      final CompletionService<Void> workers = new ExecutorCompletionService<>(pool);
      for (int i = 0; i < threads; i++) {
        workers.submit(() -> replayTasks(reading));
      }
      for (int i = 0; i < threads; i++) {
        awaitWorker(workers);
      }
    } finally {
      pool.shutdownNow();
    }
    progress.read(total, total);
    // Records that had not arrived yet were not read, as far as the result goes.
    final long known = total - reading.unknownThen.get();
    return variants.stream().map(variant -> result(variant, known)).toList();
  }

  /** The next worker to end; the first to fail fails the replay (the others are interrupted). */
  private static void awaitWorker(final CompletionService<Void> workers) {
    try {
      workers.take().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while replaying", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * One worker: its own consumer, every partition assigned once and paused but for the task it
   * reads; it takes the next task not yet taken until there is none, and hands each task's results
   * over in task order.
   */
  private Void replayTasks(final Reading reading) throws InterruptedException {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      // Every partition assigned once, the other tasks' paused: a consumer assigned anew for each
      // task warns of the answers it still gets for the partitions it no longer has.
      consumer.assign(reading.all);
      consumer.pause(reading.all);
      // Every partition has a position (no reset policy: a poll would fail on one without).
      reading.start.forEach(consumer::seek);
      final CaseEventDecoder decoder =
          new CaseEventDecoder(topics.caseEventDeserializer(), topics::countryOf);
      for (int task = reading.nextTask.getAndIncrement();
          task < reading.tasks.size();
          task = reading.nextTask.getAndIncrement()) {
        final List<TaskReplay> replayed =
            replayTask(consumer, decoder, reading.tasks.get(task), reading);
        reading.handOver(task, () -> addInOrder(replayed));
      }
    }
    return null;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(client, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Every partition of the event topics, in the order of the topics (the tie-break between them),
   * then of the actions topic if there is one (a history without coordinators' actions has none).
   */
  private List<TopicPartition> partitions(final KafkaConsumer<byte[], byte[]> consumer) {
    final List<TopicPartition> all = new ArrayList<>();
    for (final String topic : topics.eventTopicNames()) {
      final List<PartitionInfo> infos = consumer.partitionsFor(topic);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException(
            "could not describe " + topic + " (do the event topics exist?)");
      }
      infos.stream()
          .map(info -> new TopicPartition(topic, info.partition()))
          .sorted(Comparator.comparingInt(TopicPartition::partition))
          .forEach(all::add);
    }
    final List<PartitionInfo> actionPartitions = consumer.partitionsFor(actionsTopic);
    if (actionPartitions != null) {
      actionPartitions.stream()
          .map(info -> new TopicPartition(actionsTopic, info.partition()))
          .sorted(Comparator.comparingInt(TopicPartition::partition))
          .forEach(all::add);
    }
    return all;
  }

  private List<TaskReplay> replayTask(
      final KafkaConsumer<byte[], byte[]> consumer,
      final CaseEventDecoder decoder,
      final List<TopicPartition> partitions,
      final Reading reading) {
    final List<TaskReplay> tasks =
        variants.stream()
            .map(variant -> new TaskReplay(variant.ruleBook, options.asOf(), now))
            .toList();
    final TaskInput input = new TaskInput(consumer, partitions, reading.start, reading.end);
    final List<Optional<AlertAction>> taken = new ArrayList<>();
    final long knownBy =
        options.asKnownAt() == null ? Long.MAX_VALUE : options.asKnownAt().toEpochMilli();
    long unread = 0;
    for (ConsumerRecord<byte[], byte[]> record = input.next();
        record != null;
        record = input.next()) {
      if (record.topic().equals(actionsTopic)) {
        if (record.timestamp() <= knownBy) {
          taken.add(action(record));
        }
        continue;
      }
      if (++unread == PROGRESS_EVERY) {
        reading.read(unread);
        unread = 0;
      }
      if (record.timestamp() > knownBy) {
        // Recorded after the date asked about: casewatch did not know it then (not even as a dead
        // letter).
        reading.unknownThen.incrementAndGet();
        continue;
      }
      final Decoded decoded =
          decoder.decode(
              record.topic(),
              record.partition(),
              record.offset(),
              record.key(),
              record.value(),
              record.headers(),
              record.timestamp(),
              now.toEpochMilli());
      for (final TaskReplay task : tasks) {
        task.accept(decoded);
      }
    }
    reading.read(unread);
    // Read to the ends seen at the start: nothing after them is fetched.
    consumer.pause(partitions);
    for (final TaskReplay task : tasks) {
      task.finish();
      // What coordinators had done by the as-of date, folded once every alert of the task is
      // raised.
      for (final Optional<AlertAction> action : taken) {
        if (action.isEmpty()) {
          task.refuseAction();
        } else if (!action.get().getAt().isAfter(options.asOf())) {
          task.act(action.get());
        }
      }
    }
    return tasks;
  }

  /**
   * A task's results, one per rule table, added in task order: a case is in one task only, unless
   * its events came on two partitions (partitions added to a topic, a producer choosing them); then
   * the later task's results replace the earlier's.
   */
  private void addInOrder(final List<TaskReplay> tasks) {
    final Set<String> repeating = new HashSet<>();
    for (final TaskReplay task : tasks) {
      for (final String caseId : task.caseIds()) {
        if (casesSeen.contains(caseId)) {
          repeating.add(caseId);
        }
      }
    }
    for (final TaskReplay task : tasks) {
      casesSeen.addAll(task.caseIds());
    }
    for (int i = 0; i < tasks.size(); i++) {
      variants.get(i).add(tasks.get(i), repeating);
    }
  }

  /**
   * A record of the actions topic as an action, or empty (logged) when it is not one of its case.
   */
  private Optional<AlertAction> action(final ConsumerRecord<byte[], byte[]> record) {
    final String where = record.topic() + "-" + record.partition() + "@" + record.offset();
    try {
      final AlertAction action =
          record.value() == null ? null : actions.deserialize(record.topic(), record.value());
      final String key =
          record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      if (action == null
          || !action.getCaseId().equals(key)
          || TriageFold.malformed(action) != null) {
        log.warn("Leaving out the record at {}: not an action of its case", where);
        return Optional.empty();
      }
      return Optional.of(action);
    } catch (SerializationException e) {
      log.warn("Leaving out the record at {}: undecodable: {}", where, e.getMessage());
      return Optional.empty();
    }
  }

  private ReplayResult result(final Variant variant, final long total) {
    final List<CaseState> cases = variant.cases.merged();
    return new ReplayResult(
        options.asOf(),
        cases,
        List.copyOf(CountryFigures.of(cases).values()),
        variant.alerts.merged(),
        total,
        variant.deadLetters);
  }

  /**
   * What the workers share: the partitions and their offsets at the start, the next task to take,
   * the counts, and the turn of the next task whose results are added (in task order, whatever
   * order the tasks end in, so the result does not depend on the threads).
   */
  private static final class Reading {
    private final List<TopicPartition> all;

    /** Task {@code p}: partition {@code p} of every topic, in the order of the topics. */
    private final List<List<TopicPartition>> tasks;

    private final Map<TopicPartition, Long> start;
    private final Map<TopicPartition, Long> end;
    private final long total;
    private final ReplayProgress progress;
    private final AtomicInteger nextTask = new AtomicInteger();
    private final Object progressLock = new Object();
    private long read;
    private final AtomicLong unknownThen = new AtomicLong();
    private int turn;

    Reading(
        final List<TopicPartition> all,
        final Map<TopicPartition, Long> start,
        final Map<TopicPartition, Long> end,
        final long total,
        final ReplayProgress progress) {
      this.all = all;
      this.tasks =
          List.copyOf(
              all.stream()
                  .collect(
                      Collectors.groupingBy(
                          TopicPartition::partition, TreeMap::new, Collectors.toList()))
                  .values());
      this.start = start;
      this.end = end;
      this.total = total;
      this.progress = progress;
    }

    /**
     * {@code count} more events read. The progress callback is called from one thread at a time,
     * with counts that never go down.
     */
    void read(final long count) {
      synchronized (progressLock) {
        read += count;
        progress.read(Math.min(read, total), total);
      }
    }

    /**
     * Runs {@code adding} once every earlier task's results are added: the worker waits with its
     * task's results, so at most one task per worker is on the heap.
     */
    synchronized void handOver(final int task, final Runnable adding) throws InterruptedException {
      while (turn != task) {
        wait();
      }
      try {
        adding.run();
      } finally {
        turn++;
        notifyAll();
      }
    }
  }

  /**
   * One task's partitions merged by record timestamp: the next record is the earliest head among
   * partitions not yet read to their end, so a partition that holds more but has nothing fetched
   * yet is waited for, never skipped.
   */
  private static final class TaskInput {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> order;
    private final Map<TopicPartition, Long> end;
    private final Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> buffered =
        new HashMap<>();
    private final Map<TopicPartition, Long> position = new HashMap<>();

    TaskInput(
        final KafkaConsumer<byte[], byte[]> consumer,
        final List<TopicPartition> partitions,
        final Map<TopicPartition, Long> start,
        final Map<TopicPartition, Long> end) {
      this.consumer = consumer;
      this.order = partitions;
      this.end = end;
      for (final TopicPartition partition : partitions) {
        consumer.seek(partition, start.get(partition));
        position.put(partition, start.get(partition));
        buffered.put(partition, new ArrayDeque<>());
      }
    }

    /**
     * The task's next record in timestamp order, or null once every partition is read to its end.
     */
    ConsumerRecord<byte[], byte[]> next() {
      fill();
      ConsumerRecord<byte[], byte[]> earliest = null;
      TopicPartition from = null;
      for (final TopicPartition partition : order) {
        final ConsumerRecord<byte[], byte[]> head = buffered.get(partition).peekFirst();
        if (head != null && (earliest == null || head.timestamp() < earliest.timestamp())) {
          earliest = head;
          from = partition;
        }
      }
      if (from != null) {
        buffered.get(from).pollFirst();
      }
      return earliest;
    }

    /** Whether a partition has nothing buffered but records left before its end. */
    private boolean wanting(final TopicPartition partition) {
      return buffered.get(partition).isEmpty() && position.get(partition) < end.get(partition);
    }

    /** Fetches until every partition with records left before its end has one buffered. */
    private void fill() {
      if (order.stream().noneMatch(this::wanting)) {
        return;
      }
      long deadline = System.nanoTime() + STALL.toNanos();
      while (true) {
        final List<TopicPartition> wanting = order.stream().filter(this::wanting).toList();
        if (wanting.isEmpty()) {
          return;
        }
        final List<TopicPartition> full =
            order.stream().filter(partition -> !wanting.contains(partition)).toList();
        consumer.pause(full);
        consumer.resume(wanting);
        final ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(POLL);
        } catch (OffsetOutOfRangeException e) {
          throw new IllegalStateException(
              "events of "
                  + e.offsetOutOfRangePartitions()
                  + " were deleted while the replay ran: event topics must keep their history"
                  + " (retention.ms=-1; see the topic table in docs/contract.md)",
              e);
        }
        for (final TopicPartition partition : records.partitions()) {
          if (!buffered.containsKey(partition)) {
            continue; // another task's, fetched before it was paused: read again in its turn
          }
          for (final ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
            if (record.offset() < end.get(partition)) {
              buffered.get(partition).addLast(record);
            }
          }
        }
        for (final TopicPartition partition : wanting) {
          // Past the end seen at the start (or past aborted records and markers): done with it.
          position.put(partition, Math.max(position.get(partition), consumer.position(partition)));
        }
        if (!records.isEmpty()) {
          deadline = System.nanoTime() + STALL.toNanos();
        } else if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the replay read nothing from "
                  + wanting
                  + " for "
                  + STALL
                  + " although they hold records up to "
                  + end
                  + "; was their history deleted (retention)?");
        }
      }
    }
  }
}
