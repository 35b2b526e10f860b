package org.casewatch.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.casewatch.json.AvroJson;
import org.casewatch.model.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts topic read once for every stream client of the instance: one consumer, from the end of
 * the topic when the service starts, hands each committed alert, rendered once, to every client's
 * queue. It keeps the latest {@code recent} alerts, so a client that reconnects with a {@code
 * Last-Event-ID} they cover resumes from memory; an older position is read by a consumer of the
 * client's own until it reaches what the feed holds ({@link AlertStream}).
 *
 * <p>The feed never waits for a client: a client whose queue is full (it stopped reading) is
 * dropped from the feed, and its stream ends once it has written what it was given; it reconnects
 * with its {@code Last-Event-ID} and misses nothing.
 */
final class AlertFeed implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration METADATA_WAIT = Duration.ofSeconds(5);
  private static final Duration RESTART_WAIT = Duration.ofSeconds(5);

  /** How often the feed looks for partitions added to the topic. */
  static final Duration PARTITION_LOOK = Duration.ofSeconds(30);

  /**
   * One alert as every client is sent it: its place in the topic, the positions after it, its JSON.
   */
  record Entry(
      int partition, long offset, Alert alert, Map<Integer, Long> after, String id, String json) {}

  private final Supplier<KafkaConsumer<String, Alert>> newConsumer;
  private final String topic;
  private final int recentLimit;
  private final int queueLimit;
  private final Duration partitionLook;

  /**
   * Counted down when the feed closes: what it waits on before it looks for the topic again, or
   * restarts.
   */
  private final CountDownLatch stopping = new CountDownLatch(1);

  private final Object lock = new Object();

  /** Guarded by {@link #lock}: the latest alerts read, oldest first. */
  private final ArrayDeque<Entry> recent = new ArrayDeque<>();

  /**
   * Guarded by {@link #lock}: per partition, the offset from which {@link #recent} holds every
   * alert.
   */
  private final Map<Integer, Long> coveredFrom = new HashMap<>();

  /** Guarded by {@link #lock}: per partition, the position after what the feed has read. */
  private final Map<Integer, Long> positions = new HashMap<>();

  /** Guarded by {@link #lock}: whether the feed knows where it reads from; nobody joins before. */
  private boolean ready;

  /** Guarded by {@link #lock}. */
  private final Set<Subscription> subscriptions = new LinkedHashSet<>();

  private final Thread reader;
  private volatile KafkaConsumer<String, Alert> consumer;
  private volatile boolean closed;

  /**
   * @param newConsumer makes the feed's consumer (read_committed, no group)
   * @param recentLimit how many of the latest alerts are kept for resumes
   * @param queueLimit how many alerts a client may have waiting before it is dropped
   * @param partitionLook how often the feed looks for partitions added to the topic
   */
  AlertFeed(
      final Supplier<KafkaConsumer<String, Alert>> newConsumer,
      final String topic,
      final int recentLimit,
      final int queueLimit,
      final Duration partitionLook) {
    this.newConsumer = newConsumer;
    this.topic = topic;
    this.recentLimit = recentLimit;
    this.queueLimit = queueLimit;
    this.partitionLook = partitionLook;
    this.reader = new Thread(this::read, "alert-feed");
    reader.setDaemon(true);
  }

  void start() {
    reader.start();
  }

  /**
   * A subscription from {@code from} (partition → next offset to send; empty: from now on), if the
   * feed holds every alert from there; empty if the client must first read up to it itself: a
   * position the feed does not hold, or one past where the feed has read (a topic recreated,
   * another cluster). A partition {@code from} does not name is read from its beginning. Until the
   * feed knows where it reads from, or once it has closed, nobody joins.
   */
  Optional<Subscription> join(final Map<Integer, Long> from) {
    synchronized (lock) {
      if (closed || !ready) {
        return Optional.empty();
      }
      if (from.isEmpty()) {
        final Subscription subscription = new Subscription(Map.of());
        subscriptions.add(subscription);
        return Optional.of(subscription);
      }
      for (final Map.Entry<Integer, Long> covered : coveredFrom.entrySet()) {
        // A partition the client's position does not name is new to it: read from its beginning.
        final long at = from.getOrDefault(covered.getKey(), 0L);
        if (at < covered.getValue() || at > positions.get(covered.getKey())) {
          return Optional.empty();
        }
      }
      final Subscription subscription = new Subscription(from);
      for (final Entry entry : recent) {
        subscription.offer(entry);
      }
      if (subscription.dropped) {
        return Optional.empty();
      }
      subscriptions.add(subscription);
      return Optional.of(subscription);
    }
  }

  /** Kafka consumers the feed holds: one while it runs. */
  int consumers() {
    return consumer == null ? 0 : 1;
  }

  /** One client's alerts, in the order the feed read them. */
  final class Subscription implements AutoCloseable {
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>(queueLimit);

    /**
     * Per partition, the next offset the client has not been sent; earlier alerts are not given to
     * it.
     */
    private final Map<Integer, Long> floor;

    /**
     * Whether every alert given from now on is past {@link #floor}, so its own id is the client's.
     */
    private boolean pastFloor;

    private volatile boolean dropped;

    private Subscription(final Map<Integer, Long> floor) {
      this.floor = Map.copyOf(floor);
      this.pastFloor = floor.isEmpty();
    }

    /** The next alert, waiting up to {@code wait}; empty if none came. */
    Optional<Entry> next(final Duration wait) throws InterruptedException {
      return Optional.ofNullable(queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Whether the feed dropped it (it fell {@code queueLimit} alerts behind, or the feed closed)
     * and its queue is empty.
     */
    boolean ended() {
      return (dropped || closed) && queue.isEmpty();
    }

    /**
     * The {@code Last-Event-ID} of {@code entry} for this client: the positions after it, and never
     * behind where the client started (it was sent, or did not need, everything before those).
     */
    String idOf(final Entry entry) {
      if (pastFloor) {
        return entry.id();
      }
      final Map<Integer, Long> merged = new TreeMap<>(entry.after());
      boolean past = true;
      for (final Map.Entry<Integer, Long> start : floor.entrySet()) {
        final Long after = merged.get(start.getKey());
        if (after != null && after < start.getValue()) {
          merged.put(start.getKey(), start.getValue());
          past = false;
        }
      }
      pastFloor = past;
      return AlertStream.encode(merged);
    }

    /** Called with the feed's lock held. */
    private void offer(final Entry entry) {
      if (entry.offset() < floor.getOrDefault(entry.partition(), 0L)) {
        return;
      }
      if (!queue.offer(entry)) {
        dropped = true;
        subscriptions.remove(this);
      }
    }

    @Override
    public void close() {
      synchronized (lock) {
        subscriptions.remove(this);
      }
    }
  }

  /**
   * Reads until the feed closes; after a failure, every stream ends (its client resumes) and the
   * feed starts again.
   */
  private void read() {
    try {
      while (!closed) {
        try (KafkaConsumer<String, Alert> reading = newConsumer.get()) {
          consumer = reading;
          readWith(reading);
        } catch (WakeupException e) {
          log.debug("The alert feed stopped: the service is stopping");
        } catch (RuntimeException e) {
          log.warn(
              "The alert feed failed, and this instance's alert streams end (their clients resume"
                  + " where they were); it starts again in {} s: {}",
              RESTART_WAIT.toSeconds(),
              e.toString());
          restart();
          if (stopping.await(RESTART_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            return;
          }
        } finally {
          consumer = null;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void readWith(final KafkaConsumer<String, Alert> reading) throws InterruptedException {
    final Map<Integer, Long> after = new TreeMap<>();
    final List<TopicPartition> partitions = new ArrayList<>(partitions(reading));
    reading.assign(partitions);
    reading.seekToEnd(partitions);
    for (final TopicPartition partition : partitions) {
      after.put(partition.partition(), reading.position(partition));
    }
    synchronized (lock) {
      coveredFrom.putAll(after);
      positions.putAll(after);
      ready = true;
    }
    long lastLook = System.nanoTime();
    while (!closed) {
      final List<Entry> read = new ArrayList<>();
      for (final ConsumerRecord<String, Alert> record : pollReadable(reading, POLL)) {
        after.put(record.partition(), record.offset() + 1);
        if (record.value() != null) {
          read.add(
              new Entry(
                  record.partition(),
                  record.offset(),
                  record.value(),
                  Map.copyOf(after),
                  AlertStream.encode(after),
                  AvroJson.toJson(record.value()).toString()));
        }
      }
      for (final TopicPartition partition : partitions) {
        // Past the commit markers too: a client's position is never behind what the feed holds for
        // long.
        after.put(partition.partition(), reading.position(partition));
      }
      publish(read, after);
      if (System.nanoTime() - lastLook > partitionLook.toNanos()) {
        lastLook = System.nanoTime();
        addNewPartitions(reading, partitions, after);
      }
    }
  }

  /**
   * The next records; a record that is not an alert (its bytes are not one, or name a schema the
   * registry does not have) is logged and skipped, so it stops no stream and no resume. A record
   * that could not be read for another reason (the registry cannot be reached) is not skipped: that
   * failure is thrown, and the record is read again once the reader starts over.
   */
  static ConsumerRecords<String, Alert> pollReadable(
      final Consumer<String, Alert> consumer, final Duration timeout) {
    return pollReadable(consumer, timeout, "an alert");
  }

  /**
   * The same for any record kind, {@code what} naming it in the log ("an alert", "a subscription").
   */
  static <V> ConsumerRecords<String, V> pollReadable(
      final Consumer<String, V> consumer, final Duration timeout, final String what) {
    try {
      return consumer.poll(timeout);
    } catch (RecordDeserializationException e) {
      if (!(e.getCause() instanceof SerializationException)) {
        throw e;
      }
      log.warn(
          "Skipping the record at {}@{}: it is not {}: {}",
          e.topicPartition(),
          e.offset(),
          what,
          e.getCause().getMessage());
      consumer.seek(e.topicPartition(), e.offset() + 1);
      return ConsumerRecords.empty();
    }
  }

  /** Partitions added to the topic since the feed started are read from their beginning. */
  private void addNewPartitions(
      final KafkaConsumer<String, Alert> reading,
      final List<TopicPartition> partitions,
      final Map<Integer, Long> after) {
    final List<TopicPartition> added = readNewPartitions(reading, topic, partitions);
    if (added.isEmpty()) {
      return;
    }
    synchronized (lock) {
      for (final TopicPartition partition : added) {
        after.put(partition.partition(), 0L);
        coveredFrom.put(partition.partition(), 0L);
        positions.put(partition.partition(), 0L);
      }
    }
    log.info(
        "The alert feed reads the alerts topic's new partitions {} from their beginning", added);
  }

  /**
   * Partitions of {@code topic} the consumer does not read yet (added to the topic since), assigned
   * to it too and read from their beginning: added to {@code partitions}, and returned.
   */
  static List<TopicPartition> readNewPartitions(
      final Consumer<String, Alert> consumer,
      final String topic,
      final List<TopicPartition> partitions) {
    final List<TopicPartition> added = new ArrayList<>();
    for (final PartitionInfo info : consumer.partitionsFor(topic, METADATA_WAIT)) {
      final TopicPartition partition = new TopicPartition(topic, info.partition());
      if (!partitions.contains(partition)) {
        added.add(partition);
      }
    }
    if (!added.isEmpty()) {
      partitions.addAll(added);
      consumer.assign(partitions);
      consumer.seekToBeginning(added);
    }
    return added;
  }

  /**
   * Ends every subscription and forgets what the feed held: it starts again from the end of the
   * topic.
   */
  private void restart() {
    synchronized (lock) {
      ready = false;
      subscriptions.forEach(subscription -> subscription.dropped = true);
      subscriptions.clear();
      recent.clear();
      coveredFrom.clear();
      positions.clear();
    }
  }

  /**
   * The topic's partitions, waiting for the topic to exist (the service may start before it does).
   */
  private List<TopicPartition> partitions(final KafkaConsumer<String, Alert> reading)
      throws InterruptedException {
    while (!closed) {
      try {
        final List<PartitionInfo> infos = reading.partitionsFor(topic, METADATA_WAIT);
        if (infos != null && !infos.isEmpty()) {
          return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        }
      } catch (TimeoutException e) {
        log.debug("The alert feed waits for the broker: {}", e.toString());
      }
      if (stopping.await(METADATA_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        break;
      }
    }
    throw new WakeupException();
  }

  private void publish(final List<Entry> read, final Map<Integer, Long> after) {
    synchronized (lock) {
      positions.putAll(after);
      for (final Entry entry : read) {
        recent.addLast(entry);
        if (recent.size() > recentLimit) {
          final Entry oldest = recent.removeFirst();
          coveredFrom.put(oldest.partition(), oldest.offset() + 1);
        }
        for (final Subscription subscription : List.copyOf(subscriptions)) {
          subscription.offer(entry);
        }
      }
    }
  }

  /** Stops reading; every subscription ends once its client has written what it was given. */
  @Override
  public void close() {
    closed = true;
    stopping.countDown();
    final KafkaConsumer<String, Alert> open = consumer;
    if (open != null) {
      open.wakeup();
    }
    try {
      reader.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
