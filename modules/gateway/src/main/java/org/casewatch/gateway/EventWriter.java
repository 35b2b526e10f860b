package org.casewatch.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casewatch.model.CaseEvent;
import org.casewatch.publisher.CasewatchPublisher;
import org.casewatch.registry.client.SchemaRegistryClient;
import org.casewatch.registry.serde.AvroSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes accepted events to their country's topic, keyed by caseId, and reports where each one
 * landed only once Kafka acknowledged it (idempotent producer, acks=all). Atomic batches go through
 * a transactional producer: all written, or none visible to read_committed readers. Each record is
 * stamped with its arrival, the gateway's clock when it is sent, never with the event's own time:
 * the topology judges future-dated events against it (and event topics created with {@code
 * message.timestamp.type=LogAppendTime} have the broker stamp it instead).
 */
final class EventWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventWriter.class);

  /** Where an event landed, or why it did not. */
  record Outcome(RecordMetadata written, Exception failure) {}

  private final Map<String, Object> producerConfig;
  private final SchemaRegistryClient registry;
  private final Duration timeout;
  private final Clock clock;
  private final KafkaProducer<String, CaseEvent> producer;
  private final Object transactionLock = new Object();
  private KafkaProducer<String, CaseEvent> transactional;

  EventWriter(final GatewayConfig config, final SchemaRegistryClient registry, final Clock clock) {
    this.registry = registry;
    this.timeout = config.kafkaTimeout();
    this.clock = clock;
    final Map<String, Object> settings = new HashMap<>(config.kafkaProperties());
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    final long requestTimeout = Math.max(500, timeout.toMillis() / 2);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    this.producerConfig = settings;
    this.producer = newProducer(settings);
  }

  /** Sends every event and waits for each acknowledgement or failure; one outcome per event. */
  List<Outcome> writeEach(final List<CaseEvent> events) {
    final List<Future<RecordMetadata>> sent = new ArrayList<>();
    KafkaException unavailable = null;
    for (final CaseEvent event : events) {
      if (unavailable != null) {
        // Kafka could not even be asked (no metadata, full buffer): each further send would block
        // as long again, so the rest of the request fails at once and the answer stays prompt.
        sent.add(CompletableFuture.failedFuture(unavailable));
        continue;
      }
      try {
        sent.add(producer.send(CasewatchPublisher.recordOf(event, clock.instant())));
      } catch (KafkaException e) {
        unavailable = e;
        sent.add(CompletableFuture.failedFuture(e));
      }
    }
    final List<Outcome> outcomes = new ArrayList<>();
    for (final Future<RecordMetadata> future : sent) {
      outcomes.add(await(future));
    }
    return outcomes;
  }

  /** Writes all events in one transaction; throws if they were not all committed. */
  List<RecordMetadata> writeAtomically(final List<CaseEvent> events) {
    synchronized (transactionLock) {
      final KafkaProducer<String, CaseEvent> batch = transactionalProducer();
      try {
        batch.beginTransaction();
        final List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (final CaseEvent event : events) {
          sent.add(batch.send(CasewatchPublisher.recordOf(event, clock.instant())));
        }
        batch.commitTransaction();
        final List<RecordMetadata> written = new ArrayList<>();
        for (final Future<RecordMetadata> future : sent) {
          final Outcome outcome = await(future);
          if (outcome.failure() != null) {
            throw outcome.failure();
          }
          written.add(outcome.written());
        }
        return written;
      } catch (Exception e) {
        abandon(batch);
        throw new KafkaUnavailableException("the batch was not committed: " + e.getMessage(), e);
      }
    }
  }

  private KafkaProducer<String, CaseEvent> transactionalProducer() {
    if (transactional == null) {
      final Map<String, Object> settings = new HashMap<>(producerConfig);
      settings.put(
          ProducerConfig.TRANSACTIONAL_ID_CONFIG, "casewatch-gateway-" + UUID.randomUUID());
      settings.put(
          ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.max(timeout.toMillis(), 10_000));
      final KafkaProducer<String, CaseEvent> created = newProducer(settings);
      try {
        created.initTransactions();
      } catch (KafkaException e) {
        created.close(Duration.ZERO);
        throw e;
      }
      transactional = created;
    }
    return transactional;
  }

  /**
   * After a failed transaction the producer may be unusable: abort if possible, else start afresh
   * next time.
   */
  private void abandon(final KafkaProducer<String, CaseEvent> failed) {
    try {
      failed.abortTransaction();
    } catch (RuntimeException e) {
      log.warn("Discarding the transactional producer after a failed batch: {}", e.toString());
      failed.close(Duration.ZERO);
      transactional = null;
    }
  }

  private Outcome await(final Future<RecordMetadata> future) {
    try {
      return new Outcome(future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(null, e);
    } catch (ExecutionException e) {
      return new Outcome(null, e.getCause() instanceof Exception cause ? cause : e);
    } catch (TimeoutException e) {
      return new Outcome(null, e);
    }
  }

  private KafkaProducer<String, CaseEvent> newProducer(final Map<String, Object> settings) {
    return new KafkaProducer<>(
        settings, new StringSerializer(), new AvroSerializer<>(registry, true, false));
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    synchronized (transactionLock) {
      if (transactional != null) {
        transactional.close(Duration.ofSeconds(5));
      }
    }
  }
}
