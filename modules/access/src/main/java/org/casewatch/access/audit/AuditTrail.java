package org.casewatch.access.audit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casewatch.model.AuditRecord;
import org.casewatch.model.Topics;
import org.casewatch.registry.client.SchemaRegistryClient;
import org.casewatch.registry.serde.AvroSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends {@link AuditRecord}s to {@code casewatch.audit}, keyed by token id, each acknowledged by
 * every in-sync replica before {@link #append} returns (acks=all, idempotent producer): a caller
 * that must not answer an unrecorded read waits for it, and a record is never written twice by a
 * retry. Values are Avro in the registry's wire format, under the subject {@code <topic>-value}.
 */
public final class AuditTrail implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

  /** How long an append may take before the audit counts as unavailable. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final KafkaProducer<String, AuditRecord> producer;
  private final String topic;
  private final Duration timeout;

  /**
   * A trail writing to {@code topic} through a producer built from {@code kafka} (bootstrap servers
   * and any {@code security.*}, {@code sasl.*}, {@code ssl.*} settings of the caller's principal).
   */
  public AuditTrail(
      final Map<String, Object> kafka,
      final SchemaRegistryClient registry,
      final String topic,
      final Duration timeout) {
    this.producer =
        new KafkaProducer<>(
            acknowledgedWrites(kafka, timeout),
            new StringSerializer(),
            new AvroSerializer<>(registry, true, false));
    this.topic = topic;
    this.timeout = timeout;
  }

  /**
   * Producer settings for records a caller waits for, one at a time: acknowledged by every in-sync
   * replica, never written twice by a retry, sent at once, given up on after {@code timeout}.
   */
  public static Map<String, Object> acknowledgedWrites(
      final Map<String, Object> kafka, final Duration timeout) {
    final Map<String, Object> settings = new HashMap<>(kafka);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    settings.put(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, timeout.toMillis() / 2));
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    return settings;
  }

  /** The topic written to. */
  public String topic() {
    return topic;
  }

  /**
   * Writes {@code record} and waits until Kafka acknowledged it.
   *
   * @throws AuditUnavailable if it was not acknowledged within the timeout, saying why
   */
  public void append(final AuditRecord record) {
    try {
      producer
          .send(new ProducerRecord<>(topic, record.getTokenId(), record))
          .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditUnavailable("interrupted while writing to " + topic, e);
    } catch (ExecutionException e) {
      throw new AuditUnavailable(
          "cannot write to " + topic + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new AuditUnavailable(
          "no acknowledgement from " + topic + " within " + timeout.toSeconds() + " s", e);
    } catch (RuntimeException e) {
      throw new AuditUnavailable("cannot write to " + topic + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates {@code topic} (kept forever) if it does not exist yet. Failing that (e.g. a principal
   * not allowed to create topics) is reported, not thrown: the operator creates it instead, and
   * until then every audited read fails closed.
   */
  public static void ensureTopic(final Map<String, Object> kafka, final String topic) {
    try (Admin admin = Admin.create(kafka)) {
      if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
        return;
      }
      admin
          .createTopics(
              List.of(
                  new NewTopic(topic, Optional.empty(), Optional.empty())
                      .configs(Topics.settingsOf(Topics.AUDIT))))
          .all()
          .get(30, TimeUnit.SECONDS);
      log.info("Created the audit topic {} (kept forever)", topic);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        log.error(
            "The audit topic {} does not exist and cannot be created ({}); create it with"
                + " retention.ms=-1, or audited reads answer 503",
            topic,
            e.getCause().getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | RuntimeException e) {
      log.error(
          "Cannot check the audit topic {} ({}); audited reads answer 503 until it can be written",
          topic,
          e.getMessage());
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
