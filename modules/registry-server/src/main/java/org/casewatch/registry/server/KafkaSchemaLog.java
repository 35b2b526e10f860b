package org.casewatch.registry.server;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's durable log: a single-partition compacted Kafka topic. A background reader applies
 * every record in order; a write returns only once the reader has applied it, so an instance always
 * answers from state that includes its own writes.
 */
final class KafkaSchemaLog implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaSchemaLog.class);

  private final String topic;
  private final TopicPartition partition;
  private final Duration timeout;
  private final Admin admin;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final BiConsumer<byte[], byte[]> applier;
  private final Thread reader;
  private final Object progress = new Object();

  /** The next offset the reader will apply; guarded by {@link #progress}. */
  private long applied;

  private volatile boolean running = true;
  private volatile RuntimeException readerFailure;

  KafkaSchemaLog(
      final String bootstrapServers,
      final String topic,
      final Map<String, Object> clientProperties,
      final Duration timeout,
      final BiConsumer<byte[], byte[]> applier) {
    this.topic = topic;
    this.partition = new TopicPartition(topic, 0);
    this.timeout = timeout;
    this.applier = applier;
    final Map<String, Object> common = new HashMap<>(clientProperties);
    common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.admin = Admin.create(common);
    this.producer =
        new KafkaProducer<>(
            producerConfig(common), new ByteArraySerializer(), new ByteArraySerializer());
    this.consumer =
        new KafkaConsumer<>(
            consumerConfig(common), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.reader = new Thread(this::readForever, "schema-registry-log-reader");
    this.reader.setDaemon(true);
  }

  /** Creates the topic if needed, starts reading it, and returns once the whole log is applied. */
  void start() {
    ensureTopic();
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    reader.start();
    catchUp();
  }

  /**
   * The deadline of an operation that starts now: the log's timeout from now, in {@link
   * System#nanoTime()}.
   */
  long deadline() {
    return System.nanoTime() + timeout.toNanos();
  }

  /** The log's timeout, for messages. */
  Duration timeout() {
    return timeout;
  }

  /** Appends a record and returns once this instance has applied it. */
  void append(final byte[] key, final byte[] value) {
    append(key, value, deadline());
  }

  /**
   * Appends a record and returns once this instance has applied it, or fails at {@code deadline}.
   */
  void append(final byte[] key, final byte[] value, final long deadline) {
    if (remainingMillis(deadline) == 0) {
      // Nothing is sent that the request could no longer wait for: its client would see a failure
      // for a write that still happens.
      throw RegistryError.storeTimeout(
          "The request's "
              + timeout
              + " for the schema log "
              + topic
              + " ran out before its write (Kafka slow, or other registrations ahead of it). Try"
              + " again.");
    }
    final long offset;
    try {
      offset =
          producer
              .send(new ProducerRecord<>(topic, 0, key, value))
              .get(remainingMillis(deadline), TimeUnit.MILLISECONDS)
              .offset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryError.storeError("Interrupted while writing to the schema log " + topic);
    } catch (TimeoutException e) {
      throw RegistryError.storeTimeout(
          "Kafka did not acknowledge the write to the schema log topic "
              + topic
              + " within the request's "
              + timeout
              + "; it may still be written. Check that Kafka is reachable, then try again.");
    } catch (ExecutionException e) {
      throw RegistryError.storeError(
          "Could not write to the schema log topic "
              + topic
              + ": "
              + rootMessage(e)
              + ". Check that Kafka is reachable.");
    }
    awaitApplied(offset + 1, deadline);
  }

  /** Returns once every record written to the log so far, by any instance, is applied here. */
  void catchUp() {
    catchUp(deadline());
  }

  /** As {@link #catchUp()}, failing at {@code deadline}. */
  void catchUp(final long deadline) {
    final long end;
    try {
      end =
          admin
              .listOffsets(Map.of(partition, OffsetSpec.latest()))
              .partitionResult(partition)
              .get(remainingMillis(deadline), TimeUnit.MILLISECONDS)
              .offset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryError.storeError(
          "Interrupted while reading the end of the schema log " + topic);
    } catch (ExecutionException | TimeoutException e) {
      throw RegistryError.storeTimeout(
          "Could not read the end of the schema log topic "
              + topic
              + " within "
              + timeout
              + ": "
              + rootMessage(e)
              + ". Check that Kafka is reachable.");
    }
    awaitApplied(end, deadline);
  }

  private static long remainingMillis(final long deadline) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private void awaitApplied(final long offset, final long deadline) {
    synchronized (progress) {
      while (applied < offset) {
        if (readerFailure != null) {
          throw RegistryError.storeError(
              "The schema log reader failed: " + readerFailure.getMessage());
        }
        final long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMillis <= 0) {
          throw RegistryError.storeTimeout(
              "Timed out after "
                  + timeout
                  + " waiting for the schema log "
                  + topic
                  + " to reach offset "
                  + offset
                  + " (applied up to "
                  + applied
                  + ")");
        }
        try {
          progress.wait(remainingMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw RegistryError.storeError("Interrupted while waiting for the schema log " + topic);
        }
      }
    }
  }

  private void readForever() {
    try {
      while (running) {
        for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          applier.accept(record.key(), record.value());
        }
        final long position = consumer.position(partition);
        synchronized (progress) {
          applied = position;
          progress.notifyAll();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        readerFailure = e;
      }
    } catch (RuntimeException e) {
      log.error("The schema log reader stopped on {}", topic, e);
      readerFailure = e;
      synchronized (progress) {
        progress.notifyAll();
      }
    } finally {
      consumer.close(Duration.ZERO);
    }
  }

  private void ensureTopic() {
    try {
      final int brokers =
          admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
      final short replication = (short) Math.max(1, Math.min(3, brokers));
      final NewTopic schemas =
          new NewTopic(topic, 1, replication)
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(List.of(schemas)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      log.info(
          "Created the schema log topic {} (compacted, replication factor {})", topic, replication);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "Cannot create the schema log topic " + topic + ": " + rootMessage(e), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted while creating the schema log topic " + topic, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not answer within "
              + timeout
              + " while creating the schema log topic "
              + topic
              + ". Check the bootstrap servers.",
          e);
    }
    requireSinglePartition();
  }

  private void requireSinglePartition() {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        final TopicDescription description =
            admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .get(topic);
        if (description.partitions().size() != 1) {
          throw new IllegalStateException(
              "The schema log topic "
                  + topic
                  + " has "
                  + description.partitions().size()
                  + " partitions; it must have exactly 1 so that every instance reads one order of"
                  + " registrations.");
        }
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while describing " + topic, e);
      } catch (ExecutionException e) {
        // A topic created a moment ago may not be in every broker's metadata yet: ask again, for a
        // while.
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Cannot describe the schema log topic " + topic + ": " + rootMessage(e), e);
        }
        pause();
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "Cannot describe the schema log topic " + topic + ": " + rootMessage(e), e);
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the schema log topic", e);
    }
  }

  private static Map<String, Object> producerConfig(final Map<String, Object> common) {
    final Map<String, Object> config = new HashMap<>(common);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return config;
  }

  private static Map<String, Object> consumerConfig(final Map<String, Object> common) {
    final Map<String, Object> config = new HashMap<>(common);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return config;
  }

  private static String rootMessage(final Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  @Override
  public void close() {
    running = false;
    if (reader.isAlive()) {
      consumer.wakeup();
      try {
        reader.join(timeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (reader.getState() == Thread.State.NEW) {
      consumer.close(Duration.ZERO);
    }
    producer.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }
}
