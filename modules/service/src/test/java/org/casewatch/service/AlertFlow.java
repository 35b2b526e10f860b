package org.casewatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.registry.serde.AvroSerializer;
import org.casewatch.testkit.CasewatchCluster;

/**
 * Alerts written straight to a service's alerts topic, which its stream relays as they come: a
 * steady flow on a thread of its own, or a burst. The topology never sees them.
 */
final class AlertFlow implements AutoCloseable {

  private final KafkaProducer<String, Alert> producer;
  private final String topic;
  private final AtomicInteger sent = new AtomicInteger();
  private final ScheduledExecutorService flow =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            final Thread thread = new Thread(runnable, "test-alert-flow");
            thread.setDaemon(true);
            return thread;
          });

  AlertFlow(final CasewatchCluster cluster, final String topic) {
    this.producer =
        new KafkaProducer<>(
            cluster.producerConfig(),
            new StringSerializer(),
            new AvroSerializer<>(cluster.registryClient(), true, false));
    this.topic = topic;
  }

  /** An alert whose explanation is {@code text}. */
  static Alert alert(final String alertId, final String text) {
    return Alert.newBuilder()
        .setAlertId(alertId)
        .setCaseId("KZ-2016-0042")
        .setCountry(Country.KZ)
        .setRule(RuleId.RETALIATION)
        .setRuleVersion(1)
        .setStatus(AlertStatus.RAISED)
        .setSeverity(Severity.HIGH)
        .setAt(Instant.now())
        .setExplanation(text)
        .build();
  }

  /** Sends one alert and waits until Kafka has it. */
  void send(final Alert alert) throws Exception {
    producer.send(new ProducerRecord<>(topic, alert.getCaseId(), alert)).get(30, TimeUnit.SECONDS);
    sent.incrementAndGet();
  }

  /**
   * Sends {@code count} alerts of about {@code bytes} bytes each, then waits until Kafka has them
   * all.
   */
  void burst(final int count, final int bytes) {
    final String text = "x".repeat(bytes);
    for (int i = 0; i < count; i++) {
      producer.send(
          new ProducerRecord<>(
              topic, "KZ-2016-0042", alert("burst-" + sent.incrementAndGet(), text)));
    }
    producer.flush();
  }

  /** Starts sending a small alert every {@code period} until closed. */
  AlertFlow every(final Duration period) {
    flow.scheduleAtFixedRate(
        () ->
            producer.send(
                new ProducerRecord<>(
                    topic, "KZ-2016-0042", alert("flow-" + sent.incrementAndGet(), "steady"))),
        0,
        period.toMillis(),
        TimeUnit.MILLISECONDS);
    return this;
  }

  int sent() {
    return sent.get();
  }

  @Override
  public void close() {
    flow.shutdownNow();
    try {
      flow.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(10));
  }
}
