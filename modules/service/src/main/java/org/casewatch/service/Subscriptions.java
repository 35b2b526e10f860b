package org.casewatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casewatch.access.audit.AuditTrail;
import org.casewatch.model.Alert;
import org.casewatch.model.DeliveryFailure;
import org.casewatch.model.Subscription;
import org.casewatch.registry.client.SchemaRegistryClient;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.registry.serde.AvroSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coordinators' subscriptions, kept on the compacted {@code casewatch.subscriptions} topic and read
 * by every instance into memory from its beginning, then followed: a subscription made or deleted
 * on one instance reaches the others within moments. A change is answered only once this instance
 * has read it back, so whoever made it sees it at once.
 */
final class Subscriptions implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final String topic;
  private final KafkaProducer<String, Subscription> producer;
  private final KafkaConsumer<String, Subscription> consumer;
  private final Map<String, Subscription> byId = new ConcurrentHashMap<>();

  /** The next offset to read per partition, as far as this instance has read. */
  private final Map<Integer, Long> read = new ConcurrentHashMap<>();

  /** Notified each time the reader has read further. */
  private final Object progress = new Object();

  private final Thread reader;
  private volatile boolean closing;
  private volatile boolean caughtUp;

  Subscriptions(
      final Map<String, Object> kafka, final SchemaRegistryClient registry, final String topic) {
    this.topic = topic;
    this.producer =
        new KafkaProducer<>(
            AuditTrail.acknowledgedWrites(kafka, TIMEOUT),
            new StringSerializer(),
            new AvroSerializer<>(registry, true, false));
    final Map<String, Object> settings = new HashMap<>(kafka);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Made by the service (or the operator) with the contract's settings, never by a consumer's
    // first look.
    settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer =
        new KafkaConsumer<>(
            settings,
            new StringDeserializer(),
            AvroDeserializer.specific(registry, Subscription.class));
    this.reader = new Thread(this::follow, "casewatch-subscriptions");
    reader.setDaemon(true);
    reader.start();
  }

  /** Every subscription, as this instance has read them. */
  Collection<Subscription> all() {
    return List.copyOf(byId.values());
  }

  Optional<Subscription> get(final String subscriptionId) {
    return Optional.ofNullable(byId.get(subscriptionId));
  }

  /** The subscriptions {@code alert} is for. */
  List<Subscription> matching(final Alert alert) {
    return byId.values().stream().filter(subscription -> matches(subscription, alert)).toList();
  }

  static boolean matches(final Subscription subscription, final Alert alert) {
    return (subscription.getCountries().isEmpty()
            || subscription.getCountries().contains(alert.getCountry()))
        && (subscription.getRules().isEmpty() || subscription.getRules().contains(alert.getRule()))
        && alert.getSeverity().compareTo(subscription.getMinimumSeverity()) >= 0;
  }

  /** Writes the subscription and waits until this instance has read it back. */
  void put(final Subscription subscription) {
    // Never let a first write create the topic with a broker's defaults (deleted after a week).
    if (!awaitRead(read -> !read.isEmpty())) {
      throw new Unavailable(
          "the subscriptions topic "
              + topic
              + " is not read yet: it may not exist (the service "
              + "creates it at start if it may; otherwise create it, compacted)");
    }
    await(write(subscription.getSubscriptionId(), subscription));
  }

  /**
   * Keeps, with the subscription, a notification given up on, so its owner sees it in the list; a
   * subscription deleted meanwhile stays deleted. A failure to keep it is logged, never thrown.
   */
  void recordFailure(
      final String subscriptionId,
      final String notification,
      final Instant at,
      final String reason) {
    try {
      update(
          subscriptionId,
          current ->
              Subscription.newBuilder(current)
                  .setLastFailure(
                      DeliveryFailure.newBuilder()
                          .setNotification(notification)
                          .setAt(at)
                          .setReason(reason.length() > 200 ? reason.substring(0, 200) : reason)
                          .build())
                  .build());
    } catch (RuntimeException e) {
      log.warn(
          "The failed notification {} of subscription {} was not kept with it: {}",
          notification,
          subscriptionId,
          e.getMessage());
    }
  }

  /**
   * Rewrites a subscription as {@code change} makes it from its current version, one rewrite at a
   * time in this instance (so two never undo each other's field); nothing if it was deleted.
   */
  synchronized void update(final String subscriptionId, final UnaryOperator<Subscription> change) {
    get(subscriptionId).ifPresent(current -> put(change.apply(current)));
  }

  /** Deletes the subscription (a tombstone) and waits until this instance has read that. */
  void delete(final String subscriptionId) {
    await(write(subscriptionId, null));
  }

  private RecordMetadata write(final String key, final Subscription value) {
    try {
      return producer
          .send(new ProducerRecord<>(topic, key, value))
          .get(2 * TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while writing to " + topic);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new Unavailable(
          "cannot write to "
              + topic
              + " ("
              + (e instanceof ExecutionException ? e.getCause() : e)
              + "); the change may or may not have been kept: list the subscriptions before trying"
              + " again");
    }
  }

  private void await(final RecordMetadata written) {
    if (!awaitRead(read -> read.getOrDefault(written.partition(), 0L) > written.offset())) {
      throw new Unavailable(
          "the change was written to "
              + topic
              + " but not read back within "
              + TIMEOUT.toSeconds()
              + " s; it takes effect once it is");
    }
  }

  /**
   * Waits, at most {@link #TIMEOUT}, until what the reader has read satisfies {@code done}; false
   * if it did not.
   */
  private boolean awaitRead(final java.util.function.Predicate<Map<Integer, Long>> done) {
    final long deadline = System.nanoTime() + TIMEOUT.toNanos();
    synchronized (progress) {
      while (!done.test(read)) {
        final long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          progress.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new Unavailable("interrupted while waiting for " + topic);
        }
      }
    }
    return true;
  }

  /** Reads the topic from its beginning, then follows it, until closed. */
  private void follow() {
    try {
      final List<TopicPartition> partitions = partitions();
      if (partitions.isEmpty()) {
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      boolean failing = false;
      while (!closing) {
        try {
          for (final ConsumerRecord<String, Subscription> record :
              AlertFeed.pollReadable(consumer, Duration.ofMillis(500), "a subscription")) {
            if (record.value() == null) {
              byId.remove(record.key());
            } else {
              byId.put(record.key(), record.value());
            }
          }
          synchronized (progress) {
            partitions.forEach(
                partition -> read.put(partition.partition(), consumer.position(partition)));
            caughtUp =
                caughtUp
                    || ends.entrySet().stream()
                        .allMatch(
                            end ->
                                read.getOrDefault(end.getKey().partition(), 0L) >= end.getValue());
            progress.notifyAll();
          }
          failing = false;
        } catch (WakeupException e) {
          throw e;
        } catch (KafkaException e) {
          // The registry or a broker away: the record is read again, nothing is skipped.
          if (!failing) {
            log.warn(
                "Cannot read the subscriptions from {} ({}); trying again every second",
                topic,
                e.toString());
            failing = true;
          }
          pause();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error(
          "Stopped reading the subscriptions from {}: {}; restart the service",
          topic,
          e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** The topic's partitions, waiting (and saying so, once) while it does not exist. */
  private List<TopicPartition> partitions() {
    boolean reported = false;
    while (!closing) {
      final List<PartitionInfo> found = consumer.partitionsFor(topic, Duration.ofSeconds(10));
      if (found != null && !found.isEmpty()) {
        return found.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      }
      if (!reported) {
        log.warn(
            "The subscriptions topic {} does not exist yet; nothing is notified until it does",
            topic);
        reported = true;
      }
      pause();
    }
    return List.of();
  }

  /**
   * A second, or less if closing. Waits in a loop: a wake-up that is neither {@link #close} nor the
   * second's end (a spurious one) waits again for the rest of the second.
   */
  private void pause() {
    final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    synchronized (progress) {
      try {
        long left = until - System.nanoTime();
        while (!closing && left > 0) {
          progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
          left = until - System.nanoTime();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether every subscription made before this instance started has been read. */
  boolean caughtUp() {
    return caughtUp;
  }

  @Override
  public void close() {
    closing = true;
    synchronized (progress) {
      progress.notifyAll();
    }
    consumer.wakeup();
    try {
      reader.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
