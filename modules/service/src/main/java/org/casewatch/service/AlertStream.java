package org.casewatch.service;

import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.casewatch.json.AvroJson;
import org.casewatch.model.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/alerts/stream}: alerts as Server-Sent Events, read straight from the committed
 * alerts topic, so any instance can serve any client. Each event's id is the position just after it
 * in every partition; a client reconnecting with {@code Last-Event-ID} resumes exactly there: no
 * alert missed, none repeated. All the streams of an instance are fed by one consumer ({@link
 * AlertFeed}); a stream resuming from further back than the feed holds reads with a consumer of its
 * own until it has caught up.
 */
final class AlertStream implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlertStream.class);
  private static final AtomicInteger CLIENTS = new AtomicInteger();
  private static final Duration TOKEN_CHECK_INTERVAL = Duration.ofMillis(500);
  private static final Duration KEEP_ALIVE_INTERVAL = Duration.ofSeconds(15);

  /** How long the service's stop waits for its streams to end while it still answers. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private static final Pattern POSITION = Pattern.compile("\\d{1,5}:\\d{1,18}");
  private static final int MAX_PARTITIONS = 10_000;

  /**
   * Alerts the feed keeps for resumes, and how many a client may fall behind before its stream
   * ends.
   */
  static final int RECENT_ALERTS = 10_000;

  private static final Duration POLL = Duration.ofMillis(200);

  private final String bootstrapServers;

  /** How to authenticate to Kafka (casewatch.kafka.config). */
  private final Map<String, Object> kafkaClient;

  private final String topic;
  private final Deserializer<Alert> alerts;

  /**
   * The streams being served: their catch-up consumers are woken up, and their threads awaited,
   * when the service stops.
   */
  private final Set<Reader> open = ConcurrentHashMap.newKeySet();

  /** The one consumer of the alerts topic every stream of this instance is fed from. */
  private final AlertFeed feed;

  /** How long a write may block on a client that does not read before its stream ends. */
  private final Duration writeTimeout;

  /**
   * At most this many streams per instance, and per coordinator; more get 429 and retry elsewhere
   * or later.
   */
  private final int maxStreams;

  private final int maxPerHolder;

  /** Streams admitted and not yet ended: all of them, and per holder. */
  private final AtomicInteger admitted = new AtomicInteger();

  private final Map<String, AtomicInteger> admittedByHolder = new ConcurrentHashMap<>();

  AlertStream(
      final String bootstrapServers,
      final Map<String, Object> kafkaClient,
      final String topic,
      final Deserializer<Alert> alerts,
      final int maxStreams,
      final int maxPerHolder,
      final Duration writeTimeout) {
    this.bootstrapServers = bootstrapServers;
    this.kafkaClient = Map.copyOf(kafkaClient);
    this.topic = topic;
    this.alerts = alerts;
    this.maxStreams = maxStreams;
    this.maxPerHolder = maxPerHolder;
    this.writeTimeout = writeTimeout;
    this.feed =
        new AlertFeed(
            this::newConsumer, topic, RECENT_ALERTS, RECENT_ALERTS, AlertFeed.PARTITION_LOOK);
    feed.start();
  }

  /**
   * One stream's thread, and the consumer of its own it reads with while it catches up, if it does.
   */
  private static final class Reader {
    private final Thread thread = Thread.currentThread();
    private volatile KafkaConsumer<String, Alert> catchingUp;

    void wakeup() {
      final KafkaConsumer<String, Alert> consumer = catchingUp;
      if (consumer != null) {
        consumer.wakeup();
      }
    }
  }

  /**
   * A stream's place under the caps, taken before the stream starts and given back when it ends,
   * once.
   */
  final class Slot {
    private final String holder;
    private final AtomicBoolean released = new AtomicBoolean();

    private Slot(final String holder) {
      this.holder = holder;
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        admitted.decrementAndGet();
        admittedByHolder.get(holder).decrementAndGet();
      }
    }
  }

  /**
   * Takes a place for one more stream of {@code holder}, or throws {@link TooManyStreams}: checked
   * before the stream's 200 is sent, so a refusal is a real 429.
   */
  Slot admit(final String holder) {
    if (admitted.incrementAndGet() > maxStreams) {
      admitted.decrementAndGet();
      throw new TooManyStreams(
          "this instance already serves "
              + maxStreams
              + " alert streams "
              + "(casewatch.stream.max.clients); retry later or ask another instance");
    }
    final AtomicInteger mine = admittedByHolder.computeIfAbsent(holder, h -> new AtomicInteger());
    if (mine.incrementAndGet() > maxPerHolder) {
      mine.decrementAndGet();
      admitted.decrementAndGet();
      throw new TooManyStreams(
          "this token already has "
              + maxPerHolder
              + " alert streams open here (casewatch.stream.max.clients.per.token); close one"
              + " (another tab?) or retry later");
    }
    return new Slot(holder);
  }

  /**
   * The stream's filter: the alert's own filters of {@code GET /v1/alerts} (country, rule, status,
   * since, severity). The profile filters need each case's state, which the stream does not read:
   * asking for them is refused rather than ignored.
   */
  static Predicate<Alert> filterOf(final AlertQuery query) {
    if (!query.profile().isEmpty()) {
      throw new IllegalArgumentException(
          "the alert stream filters by country, rule, status, since and severity only; allegation,"
              + " agency and victimProfile need each case's state: ask GET /v1/alerts with them"
              + " instead");
    }
    return query.filter();
  }

  /**
   * Serves one client until it goes away, its token is revoked or the service stops: from {@code
   * lastEventId} if given, else from now on. {@code slot} is given back when it ends.
   */
  void serve(
      final SseClient client,
      final String lastEventId,
      final Predicate<Alert> matching,
      final BooleanSupplier stillValid,
      final Slot slot) {
    StreamConnection connection = null;
    try {
      connection = StreamConnection.takeCharge(client, writeTimeout);
      final StreamConnection mine = connection;
      final Thread reader =
          new Thread(
              () -> {
                try {
                  stream(mine, lastEventId, matching, stillValid);
                } finally {
                  slot.release();
                }
              },
              "alert-stream-" + CLIENTS.incrementAndGet());
      reader.setDaemon(true);
      reader.start();
    } catch (RuntimeException | Error e) {
      slot.release();
      if (connection != null) {
        connection.end();
      }
      throw e;
    }
  }

  /**
   * Relays alerts to {@code connection} until it closes: from the feed if it holds the client's
   * position, else first from a consumer of the stream's own until the feed does. Then ends it (if
   * the container has not).
   */
  private void stream(
      final StreamConnection connection,
      final String lastEventId,
      final Predicate<Alert> matching,
      final BooleanSupplier stillValid) {
    final Reader reader = new Reader();
    open.add(reader);
    try {
      connection.onContainerEnd(reader::wakeup);
      final Checks checks = new Checks(connection, stillValid);
      final Map<Integer, Long> from = decode(lastEventId);
      Optional<AlertFeed.Subscription> joined = feed.join(from);
      if (joined.isEmpty()) {
        joined = catchUp(connection, reader, from, matching, checks);
      }
      if (joined.isPresent()) {
        try (AlertFeed.Subscription subscription = joined.get()) {
          deliver(connection, subscription, matching, checks);
        }
      }
    } catch (WakeupException e) {
      log.debug("Alert stream ended: its client left or the service is stopping");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (connection.open()) {
        log.warn("Alert stream to a client ended: {}", e.toString());
      } else {
        log.debug("Alert stream to a client that left ended: {}", e.toString());
      }
    } finally {
      connection.end();
      open.remove(reader);
    }
  }

  /**
   * Sends what the feed gives the client until the connection closes, the token is revoked or the
   * feed drops it.
   */
  private static void deliver(
      final StreamConnection connection,
      final AlertFeed.Subscription subscription,
      final Predicate<Alert> matching,
      final Checks checks)
      throws InterruptedException {
    while (connection.open() && checks.tokenValid()) {
      final Optional<AlertFeed.Entry> next = subscription.next(POLL);
      if (next.isPresent()) {
        if (matching.test(next.get().alert())) {
          connection.sendEvent("alert", next.get().json(), subscription.idOf(next.get()));
        }
      } else if (subscription.ended()) {
        log.info(
            "Alert stream ended: its client fell {} alerts behind, or the service is stopping; it"
                + " resumes from its Last-Event-ID when it reconnects",
            RECENT_ALERTS);
        return;
      }
      checks.keepAlive();
    }
  }

  /**
   * Reads from {@code from} (or from now on) with a consumer of the stream's own, sending what
   * matches, until the feed holds everything from where it has got to; then the feed takes over.
   * Empty if the connection closed or the token was revoked first.
   */
  private Optional<AlertFeed.Subscription> catchUp(
      final StreamConnection connection,
      final Reader reader,
      final Map<Integer, Long> from,
      final Predicate<Alert> matching,
      final Checks checks) {
    try (KafkaConsumer<String, Alert> consumer = newConsumer()) {
      reader.catchingUp = consumer;
      if (!connection.open()) {
        return Optional.empty();
      }
      final List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      consumer.assign(partitions);
      final Map<Integer, Long> sent = start(consumer, partitions, from);
      while (connection.open() && checks.tokenValid()) {
        final Optional<AlertFeed.Subscription> joined = feed.join(sent);
        if (joined.isPresent()) {
          return joined;
        }
        // Partitions added to the topic meanwhile are read from their beginning too.
        AlertFeed.readNewPartitions(consumer, topic, partitions);
        for (final ConsumerRecord<String, Alert> record : AlertFeed.pollReadable(consumer, POLL)) {
          sent.put(record.partition(), record.offset() + 1);
          if (record.value() != null && matching.test(record.value())) {
            connection.sendEvent("alert", AvroJson.toJson(record.value()).toString(), encode(sent));
          }
        }
        // Past commit markers too, so a resume from an alert's own position reaches where the feed
        // started.
        for (final TopicPartition partition : partitions) {
          sent.put(partition.partition(), consumer.position(partition));
        }
        checks.keepAlive();
      }
      return Optional.empty();
    } finally {
      reader.catchingUp = null;
    }
  }

  /**
   * A stream's periodic duties: a revoked token stops it at once, not at its next reconnect; a
   * quiet one is kept alive.
   */
  private static final class Checks {
    private final StreamConnection connection;
    private final BooleanSupplier stillValid;
    private long lastBeat = System.nanoTime();
    private long lastTokenCheck = System.nanoTime();

    Checks(final StreamConnection connection, final BooleanSupplier stillValid) {
      this.connection = connection;
      this.stillValid = stillValid;
    }

    boolean tokenValid() {
      if (System.nanoTime() - lastTokenCheck > TOKEN_CHECK_INTERVAL.toNanos()) {
        lastTokenCheck = System.nanoTime();
        if (!stillValid.getAsBoolean()) {
          log.info("Alert stream ended: its token was revoked");
          return false;
        }
      }
      return true;
    }

    void keepAlive() {
      if (System.nanoTime() - lastBeat > KEEP_ALIVE_INTERVAL.toNanos()) {
        connection.sendComment("keep-alive");
        lastBeat = System.nanoTime();
      }
    }
  }

  /** A consumer of the alerts topic: committed alerts only, no group. */
  private KafkaConsumer<String, Alert> newConsumer() {
    return new KafkaConsumer<>(
        consumerConfig(bootstrapServers, kafkaClient, AlertFeed.PARTITION_LOOK),
        new StringDeserializer(),
        alerts);
  }

  /**
   * The settings of every consumer of the alerts topic: committed alerts only, no group, and
   * metadata at most {@code metadataMaxAge} old (unless casewatch.kafka.config says otherwise), so
   * partitions added to the topic are seen that soon.
   */
  static Map<String, Object> consumerConfig(
      final String bootstrapServers,
      final Map<String, Object> kafkaClient,
      final Duration metadataMaxAge) {
    final Map<String, Object> config = new HashMap<>(kafkaClient);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // A resume position already removed by retention restarts from the oldest alert kept: repeats,
    // never a silent gap.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) metadataMaxAge.toMillis());
    return config;
  }

  /** Streams being served. */
  int openStreams() {
    return open.size();
  }

  /** Kafka consumers the streams hold: the feed's, and one per stream still catching up to it. */
  int consumers() {
    return feed.consumers()
        + (int) open.stream().filter(reader -> reader.catchingUp != null).count();
  }

  /** Streams holding a place under the caps. */
  int admittedStreams() {
    return admitted.get();
  }

  /**
   * Ends every open stream, and waits a little for them to finish while the HTTP server still runs,
   * so each answer ends cleanly; clients reconnect (to another instance) with their Last-Event-ID.
   * A stream blocked writing to a client that does not read is left to the server's stop.
   */
  @Override
  public void close() {
    feed.close();
    open.forEach(Reader::wakeup);
    final long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    for (final Reader reader : List.copyOf(open)) {
      final long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        reader.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Seeks to the positions {@code resumed}, or to the end if it is empty; returns the positions.
   */
  private static Map<Integer, Long> start(
      final KafkaConsumer<String, Alert> consumer,
      final List<TopicPartition> partitions,
      final Map<Integer, Long> resumed) {
    final Map<Integer, Long> positions = new TreeMap<>();
    if (resumed.isEmpty()) {
      consumer.seekToEnd(partitions);
    }
    for (final TopicPartition partition : partitions) {
      final Long at = resumed.get(partition.partition());
      if (!resumed.isEmpty()) {
        if (at == null) {
          consumer.seekToBeginning(List.of(partition));
        } else {
          consumer.seek(partition, at);
        }
      }
      positions.put(partition.partition(), consumer.position(partition));
    }
    return positions;
  }

  /** {@code partition:offset} pairs, e.g. {@code 0:12,1:7,2:30}. */
  static String encode(final Map<Integer, Long> positions) {
    final StringBuilder id = new StringBuilder();
    positions.forEach(
        (partition, offset) ->
            id.append(id.length() == 0 ? "" : ",").append(partition).append(':').append(offset));
    return id.toString();
  }

  /**
   * The positions in a {@code Last-Event-ID}: {@code partition:offset} pairs, each partition once,
   * both non-negative. Anything else is refused (400), never read as "from now on".
   */
  static Map<Integer, Long> decode(final String lastEventId) {
    final Map<Integer, Long> positions = new TreeMap<>();
    if (lastEventId == null || lastEventId.isBlank()) {
      return positions;
    }
    final String[] pairs = lastEventId.split(",", -1);
    for (final String pair : pairs.length > MAX_PARTITIONS ? new String[] {"too many"} : pairs) {
      if (!POSITION.matcher(pair).matches()
          || positions.put(
                  Integer.parseInt(pair.substring(0, pair.indexOf(':'))),
                  Long.parseLong(pair.substring(pair.indexOf(':') + 1)))
              != null) {
        throw new IllegalArgumentException(
            "Last-Event-ID '"
                + abbreviated(lastEventId)
                + "' is not one this stream sent (partition:offset pairs such as 0:12,1:7);"
                + " reconnect without it to start from now");
      }
    }
    return positions;
  }

  private static String abbreviated(final String text) {
    final String printable = text.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
  }
}
