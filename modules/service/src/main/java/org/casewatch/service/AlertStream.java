package org.casewatch.service;

import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.casewatch.gateway.json.AvroJson;
import org.casewatch.model.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/alerts/stream}: alerts as Server-Sent Events, read straight from the committed
 * alerts topic, so any instance can serve any client. Each event's id is the position just after
 * it in every partition; a client reconnecting with {@code Last-Event-ID} resumes exactly there:
 * no alert missed, none repeated.
 */
final class AlertStream implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlertStream.class);
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final String bootstrapServers;
  /** How to authenticate to Kafka (casewatch.kafka.config). */
  private final Map<String, Object> kafkaClient;
  private final String topic;
  private final Deserializer<Alert> alerts;
  /** Consumers of the connected clients, woken up to end their streams when the service stops. */
  private final Set<KafkaConsumer<String, Alert>> open = ConcurrentHashMap.newKeySet();

  AlertStream(final String bootstrapServers, final Map<String, Object> kafkaClient, final String topic,
      final Deserializer<Alert> alerts) {
    this.bootstrapServers = bootstrapServers;
    this.kafkaClient = Map.copyOf(kafkaClient);
    this.topic = topic;
    this.alerts = alerts;
  }

  /** At most this many streams per instance; more clients get 429 and retry elsewhere or later. */
  static final int MAX_CLIENTS = 64;

  /**
   * The stream's filter: the alert's own filters of {@code GET /v1/alerts} (country, rule, status,
   * since, severity). The profile filters need each case's state, which the stream does not read:
   * asking for them is refused rather than ignored.
   */
  static Predicate<Alert> filterOf(final AlertQuery query) {
    if (!query.profile().isEmpty()) {
      throw new IllegalArgumentException("the alert stream filters by country, rule, status, since and severity only; "
          + "allegation, agency and victimProfile need each case's state: ask GET /v1/alerts with them instead");
    }
    return query.filter();
  }

  /** Serves one client until it goes away: from {@code lastEventId} if given, else from now on. */
  void serve(final SseClient client, final String lastEventId, final Predicate<Alert> matching) {
    if (open.size() >= MAX_CLIENTS) {
      client.ctx().status(429).header("Retry-After", "10").result("too many alert streams on this instance");
      return;
    }
    decode(lastEventId);
    client.keepAlive();
    final Thread reader = new Thread(() -> stream(client, lastEventId, matching),
        "alert-stream-" + CLIENTS.incrementAndGet());
    reader.setDaemon(true);
    reader.start();
  }

  private void stream(final SseClient client, final String lastEventId, final Predicate<Alert> matching) {
    final Map<String, Object> config = new HashMap<>(kafkaClient);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // A resume position already removed by retention restarts from the oldest alert kept: repeats, never a silent gap.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    final KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(config, new StringDeserializer(), alerts);
    open.add(consumer);
    // Set once Javalin says the client went away: its request is recycled then, and closing the
    // client again sends Javalin's error handling round a request that no longer exists, for ever.
    final AtomicBoolean left = new AtomicBoolean();
    try (consumer) {
      client.onClose(() -> {
        left.set(true);
        consumer.wakeup();
      });
      final List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      consumer.assign(partitions);
      final Map<Integer, Long> sent = start(consumer, partitions, lastEventId);
      long lastBeat = System.nanoTime();
      while (!client.terminated()) {
        for (final ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(200))) {
          sent.put(record.partition(), record.offset() + 1);
          if (matching.test(record.value())) {
            client.sendEvent("alert", AvroJson.toJson(record.value()).toString(), encode(sent));
          }
        }
        if (System.nanoTime() - lastBeat > Duration.ofSeconds(15).toNanos()) {
          client.sendComment("keep-alive");
          lastBeat = System.nanoTime();
        }
      }
    } catch (WakeupException e) {
      log.debug("Alert stream client left");
    } catch (RuntimeException e) {
      log.warn("Alert stream to a client ended: {}", e.toString());
    } finally {
      open.remove(consumer);
      if (!left.get() && !client.terminated() && stillConnected(client)) {
        client.close();
      }
    }
  }

  /**
   * Whether the client's request and response still exist. A client that vanished without closing
   * leaves them recycled by Jetty, and closing it then sends Javalin's error handling round them
   * for ever (millions of NullPointerExceptions in the log).
   */
  private static boolean stillConnected(final SseClient client) {
    try {
      client.ctx().res();
      client.ctx().req().getHeader("Accept");
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Ends every open stream; clients reconnect (to another instance) with their Last-Event-ID. */
  @Override
  public void close() {
    open.forEach(KafkaConsumer::wakeup);
  }

  /** Seeks to the positions in {@code lastEventId}, or to the end; returns the positions. */
  private static Map<Integer, Long> start(
      final KafkaConsumer<String, Alert> consumer, final List<TopicPartition> partitions, final String lastEventId) {
    final Map<Integer, Long> positions = new TreeMap<>();
    final Map<Integer, Long> resumed = decode(lastEventId);
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
    positions.forEach((partition, offset) -> id.append(id.length() == 0 ? "" : ",").append(partition).append(':').append(offset));
    return id.toString();
  }

  static Map<Integer, Long> decode(final String lastEventId) {
    final Map<Integer, Long> positions = new TreeMap<>();
    if (lastEventId == null || lastEventId.isBlank()) {
      return positions;
    }
    try {
      for (final String pair : lastEventId.split(",")) {
        final String[] parts = pair.split(":");
        positions.put(Integer.parseInt(parts[0].trim()), Long.parseLong(parts[1].trim()));
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Last-Event-ID '" + lastEventId + "' is not one this stream sent");
    }
    return positions;
  }
}
