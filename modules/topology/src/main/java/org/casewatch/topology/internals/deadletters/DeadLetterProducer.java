package org.casewatch.topology.internals.deadletters;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.casewatch.model.Topics;
import org.casewatch.topology.deadletters.DeadLetter;

/**
 * Writes dead letters from the Streams exception handlers, which run outside the topology and so
 * need a producer of their own. It is created on first use (most runs never need it) and waits for
 * Kafka's acknowledgement, so a record is never skipped unless its dead letter is durable.
 */
final class DeadLetterProducer implements AutoCloseable {

  private static final String PRODUCER_PREFIX = "producer.";

  private final Map<String, Object> producerConfig = new HashMap<>();
  private String topic = Topics.DEAD_LETTERS;
  private KafkaProducer<byte[], byte[]> producer;

  void configure(final Map<String, ?> configs) {
    // The cluster and its security settings, then Streams' own producer overrides ("producer.*").
    configs.forEach(
        (key, value) -> {
          if (key.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)
              || key.startsWith("security.")
              || key.startsWith("ssl.")
              || key.startsWith("sasl.")) {
            producerConfig.put(key, value);
          }
        });
    configs.forEach(
        (key, value) -> {
          if (key.startsWith(PRODUCER_PREFIX)) {
            producerConfig.put(key.substring(PRODUCER_PREFIX.length()), value);
          }
        });
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    final Object configured = configs.get(DeadLetter.TOPIC_CONFIG);
    if (configured != null) {
      topic = configured.toString();
    }
  }

  /** Sends the dead letter and waits for the acknowledgement; false if Kafka did not take it. */
  synchronized boolean send(final DeadLetter deadLetter, final long timestamp) {
    if (producer == null) {
      producer =
          new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
    }
    final ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic,
            null,
            timestamp,
            deadLetter.key(),
            deadLetter.value(),
            deadLetter.addTo(new RecordHeaders()));
    try {
      producer.send(record).get(30, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
