package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.registry.serde.AvroSerializer;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.Test;

/**
 * The one consumer that feeds every alert stream of an instance, on a real broker: it skips a
 * record that is not an alert, starts again after a failure (its streams end, their clients
 * resume), and reads partitions added to the alerts topic after it started.
 */
@WithCasewatchKafka
class AlertFeedIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final CasewatchCluster cluster;

  AlertFeedIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void aRecordThatIsNotAnAlertIsSkippedAndTheStreamGoesOn() throws Exception {
    final String topic = CasewatchCluster.uniqueName("alerts");
    cluster.createTopics(1, topic);
    try (AlertFeed feed = started(topic, AlertFeed.PARTITION_LOOK, new AtomicInteger())) {
      final AlertFeed.Subscription subscription = joined(feed);
      send(topic, 0, alert("before"));
      assertThat(next(subscription).alert().getAlertId()).isEqualTo("before");

      cluster.produce(
          List.of(new ProducerRecord<>(topic, "KZ-2016-0042", "not Avro".getBytes())),
          new ByteArraySerializer());
      send(topic, 0, alert("after"));

      final AlertFeed.Entry after = next(subscription);
      assertThat(after.alert().getAlertId()).isEqualTo("after");
      assertThat(after.offset()).as("past the record skipped").isEqualTo(2);
      assertThat(subscription.ended()).isFalse();
    }
  }

  @Test
  void afterAFailureTheFeedStartsAgain() throws Exception {
    final String topic = CasewatchCluster.uniqueName("alerts");
    cluster.createTopics(1, topic);
    final AtomicInteger failures = new AtomicInteger(1);
    try (AlertFeed feed = started(topic, AlertFeed.PARTITION_LOOK, failures)) {
      final AlertFeed.Subscription subscription = joined(feed);

      send(topic, 0, alert("once-started-again"));

      assertThat(next(subscription).alert().getAlertId()).isEqualTo("once-started-again");
      assertThat(feed.consumers()).isEqualTo(1);
    }
  }

  @Test
  void whenTheFeedFailsWhileReadingItsStreamsEndAndItStartsAgainFromTheEnd() throws Exception {
    final String topic = CasewatchCluster.uniqueName("alerts");
    cluster.createTopics(1, topic);
    final AtomicBoolean brokerGone = new AtomicBoolean();
    final AlertFeed feed =
        new AlertFeed(
            () ->
                new KafkaConsumer<>(
                    AlertStream.consumerConfig(
                        cluster.bootstrapServers(), Map.of(), AlertFeed.PARTITION_LOOK),
                    new StringDeserializer(),
                    AvroDeserializer.specific(cluster.registryClient(), Alert.class)) {
                  @Override
                  public ConsumerRecords<String, Alert> poll(final Duration timeout) {
                    if (brokerGone.getAndSet(false)) {
                      throw new TimeoutException("the broker did not answer in time");
                    }
                    return super.poll(timeout);
                  }
                },
            topic,
            100,
            100,
            AlertFeed.PARTITION_LOOK);
    feed.start();
    try (feed) {
      final AlertFeed.Subscription before = joined(feed);
      send(topic, 0, alert("before"));
      assertThat(next(before).alert().getAlertId()).isEqualTo("before");

      brokerGone.set(true);

      await().atMost(WAIT).until(before::ended);
      final AlertFeed.Subscription after = joined(feed);
      send(topic, 0, alert("after"));
      final AlertFeed.Entry entry = next(after);
      assertThat(entry.alert().getAlertId()).isEqualTo("after");
      assertThat(feed.join(Map.of(0, 0L)))
          .as("what it held before is forgotten: a resume from there catches up")
          .isEmpty();
    }
  }

  @Test
  void aPartitionAddedToTheTopicIsReadFromItsBeginning() throws Exception {
    final String topic = CasewatchCluster.uniqueName("alerts");
    cluster.createTopics(1, topic);
    try (AlertFeed feed = started(topic, Duration.ofMillis(300), new AtomicInteger())) {
      final AlertFeed.Subscription subscription = joined(feed);

      cluster.admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(2))).all().get();
      send(topic, 1, alert("on-the-new-partition"));

      final AlertFeed.Entry entry = next(subscription);
      assertThat(entry.alert().getAlertId()).isEqualTo("on-the-new-partition");
      assertThat(entry.partition()).isEqualTo(1);
      assertThat(entry.after())
          .as("the resume position names both partitions")
          .containsEntry(1, entry.offset() + 1)
          .containsKey(0);
      final Optional<AlertFeed.Subscription> resumed = feed.join(Map.of(0, 0L));
      assertThat(resumed).as("a position from before the partition was added").isPresent();
      assertThat(next(resumed.get()).alert().getAlertId()).isEqualTo("on-the-new-partition");
    }
  }

  /**
   * A feed whose first {@code failures} consumers fail as they are made (a broker that cannot be
   * reached).
   */
  private AlertFeed started(
      final String topic, final Duration partitionLook, final AtomicInteger failures) {
    final AlertFeed feed =
        new AlertFeed(
            () -> {
              if (failures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw new KafkaException("no resolvable bootstrap urls");
              }
              return consumer(partitionLook);
            },
            topic,
            100,
            100,
            partitionLook);
    feed.start();
    return feed;
  }

  /** A subscription from now on, once the feed knows where it reads from. */
  private static AlertFeed.Subscription joined(final AlertFeed feed) {
    final List<AlertFeed.Subscription> joined = new ArrayList<>();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              final Optional<AlertFeed.Subscription> subscription = feed.join(Map.of());
              subscription.ifPresent(joined::add);
              return subscription.isPresent();
            });
    return joined.get(0);
  }

  private static AlertFeed.Entry next(final AlertFeed.Subscription subscription)
      throws InterruptedException {
    final Optional<AlertFeed.Entry> entry = subscription.next(WAIT);
    assertThat(entry).as("an alert within %s", WAIT).isPresent();
    return entry.get();
  }

  private KafkaConsumer<String, Alert> consumer(final Duration partitionLook) {
    return new KafkaConsumer<>(
        AlertStream.consumerConfig(cluster.bootstrapServers(), Map.of(), partitionLook),
        new StringDeserializer(),
        AvroDeserializer.specific(cluster.registryClient(), Alert.class));
  }

  private void send(final String topic, final int partition, final Alert alert) {
    cluster.produce(
        List.of(new ProducerRecord<>(topic, partition, alert.getCaseId(), alert)),
        new AvroSerializer<>(cluster.registryClient(), true, false));
  }

  private static Alert alert(final String alertId) {
    return Alert.newBuilder()
        .setAlertId(alertId)
        .setCaseId("KZ-2016-0042")
        .setCountry(Country.KZ)
        .setRule(RuleId.RETALIATION)
        .setRuleVersion(1)
        .setStatus(AlertStatus.RAISED)
        .setSeverity(Severity.HIGH)
        .setAt(Instant.parse("2016-03-12T00:00:00Z"))
        .setExplanation("a reprisal after the complaint")
        .build();
  }
}
