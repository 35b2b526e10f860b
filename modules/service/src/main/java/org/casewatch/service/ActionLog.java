package org.casewatch.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casewatch.access.audit.AuditTrail;
import org.casewatch.model.AlertAction;
import org.casewatch.registry.client.SchemaRegistryClient;
import org.casewatch.registry.serde.AvroSerializer;

/**
 * Appends coordinators' {@link AlertAction}s to {@code casewatch.alert-actions}, keyed by caseId so
 * that each reaches the task that holds its case, and waits until every in-sync replica has it: a
 * coordinator is told 202 only for an action Kafka keeps.
 */
final class ActionLog implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /**
   * What a client is told when Kafka gave no acknowledgement: the record may have been kept all the
   * same.
   */
  private static final String UNCERTAIN =
      "Kafka did not acknowledge the action, so it may or may not have been "
          + "recorded: read the alert's triage (GET /v1/cases/{caseId}) before sending it again";

  private final KafkaProducer<String, AlertAction> producer;
  private final String topic;

  ActionLog(
      final Map<String, Object> kafka, final SchemaRegistryClient registry, final String topic) {
    this.producer =
        new KafkaProducer<>(
            AuditTrail.acknowledgedWrites(kafka, TIMEOUT),
            new StringSerializer(),
            new AvroSerializer<>(registry, true, false));
    this.topic = topic;
  }

  /**
   * Writes the action and waits for Kafka's acknowledgement; {@link Unavailable} if there is none
   * in time.
   */
  void append(final AlertAction action) {
    try {
      // Up to TIMEOUT blocked for metadata, then up to TIMEOUT delivering: the producer's own
      // answer comes first.
      producer
          .send(new ProducerRecord<>(topic, action.getCaseId(), action))
          .get(2 * TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while writing the action to " + topic);
    } catch (ExecutionException e) {
      throw new Unavailable(UNCERTAIN + " (" + e.getCause().getMessage() + ")");
    } catch (TimeoutException e) {
      throw new Unavailable(
          UNCERTAIN + " (no acknowledgement within " + (2 * TIMEOUT.toSeconds() + 1) + " s)");
    } catch (RuntimeException e) {
      throw new Unavailable(UNCERTAIN + " (" + e.getMessage() + ")");
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
