package org.casewatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.on;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.Topics;
import org.casewatch.registry.serde.AvroSerializer;
import org.casewatch.testkit.CaseEvents;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.SyntheticHistory;
import org.casewatch.testkit.WithCasewatchKafka;
import org.casewatch.topology.rules.Rules;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-memory replay engine against the Kafka Streams replay, its reference, on a real broker:
 * the same topics, the same as-of date, the same files byte for byte. The history is hostile on
 * purpose: five countries' cases sent out of order, events sent twice, retractions, an eventId
 * reused for other content, records that are not events at all, many records of one send sharing a
 * timestamp, and a batch whose transaction was aborted.
 */
@WithCasewatchKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayEnginesIT {

  private final CasewatchCluster cluster;
  private final String prefix;
  private final int records;

  ReplayEnginesIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
    this.prefix = CasewatchCluster.uniqueName("engines") + ".";
    cluster.createTopics(
        3, Topics.allEvents().stream().map(topic -> prefix + topic).toArray(String[]::new));
    this.records = publish(hostileHistory(new Random(15)));
    abortATransaction();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2016-04-30", "2016-09-15", "2018-12-31"})
  void bothEnginesWriteTheSameFiles(final String asOfDate, @TempDir final Path dir)
      throws IOException {
    final Instant asOf = on(asOfDate).plus(Duration.ofDays(1)).minusMillis(1);
    final ReplayOptions options =
        new ReplayOptions(
            cluster.bootstrapServers(),
            cluster.registryUrl(),
            asOf,
            RulesFile.defaults(),
            prefix,
            Map.of());

    final ReplayResult streams = Replay.run(options.on(ReplayEngine.STREAMS), ReplayProgress.NONE);
    final ReplayResult memory = Replay.run(options.on(ReplayEngine.MEMORY), ReplayProgress.NONE);

    // Offsets count the aborted batch and the transaction markers too.
    assertThat(streams.eventsRead()).isGreaterThan(records);
    assertThat(streams.cases())
        .extracting(CaseState::getCaseId)
        .as("cases of an aborted batch")
        .noneMatch(caseId -> caseId.startsWith("KZ-2016-9"));
    assertThat(streams.cases()).isNotEmpty();
    assertThat(streams.alerts()).isNotEmpty();
    assertThat(streams.deadLetters())
        .as("undecodable records and conflicting duplicates")
        .isPositive();
    assertThat(memory.eventsRead()).isEqualTo(streams.eventsRead());
    assertThat(memory.deadLetters()).isEqualTo(streams.deadLetters());
    assertThat(memory.cases()).isEqualTo(streams.cases());
    assertThat(memory.countries()).isEqualTo(streams.countries());
    assertThat(memory.alerts()).isEqualTo(streams.alerts());

    ReplayFiles.write(streams, dir.resolve("streams"));
    ReplayFiles.write(memory, dir.resolve("memory"));
    for (final String file : List.of("case-states.csv", "country-stats.csv", "alerts.csv")) {
      assertThat(Files.readString(dir.resolve("memory").resolve(file), StandardCharsets.UTF_8))
          .as(file)
          .isEqualTo(
              Files.readString(dir.resolve("streams").resolve(file), StandardCharsets.UTF_8));
    }
  }

  @Test
  void tasksReplayedAtOnceGiveWhatOneTaskAtATimeGives() {
    final ReplayOptions options =
        new ReplayOptions(
            cluster.bootstrapServers(),
            cluster.registryUrl(),
            on("2018-12-31").plus(Duration.ofDays(1)).minusMillis(1),
            RulesFile.defaults(),
            prefix,
            Map.of());

    final ReplayResult one = Replay.run(options.withThreads(1), ReplayProgress.NONE);
    final ReplayResult three = Replay.run(options.withThreads(3), ReplayProgress.NONE);

    assertThat(one.cases()).isNotEmpty();
    assertThat(three.eventsRead()).isEqualTo(one.eventsRead());
    assertThat(three.deadLetters()).isEqualTo(one.deadLetters());
    assertThat(three.cases()).isEqualTo(one.cases());
    assertThat(three.countries()).isEqualTo(one.countries());
    assertThat(three.alerts()).isEqualTo(one.alerts());
  }

  @Test
  void rulesTablesReplayedInOnePassEachEqualTheirOwnReplay() {
    final ReplayOptions options =
        new ReplayOptions(
            cluster.bootstrapServers(),
            cluster.registryUrl(),
            on("2016-12-31").plus(Duration.ofDays(1)).minusMillis(1),
            RulesFile.defaults(),
            prefix,
            Map.of());
    final List<Rules> tables =
        List.of(
            RulesFile.defaults(),
            RulesFile.parse("defaults: {stalledComplaintDays: 30}"),
            RulesFile.parse("defaults: {stalledComplaintDays: 5}"));

    final List<ReplayResult> together = Replay.runEach(options, tables, ReplayProgress.NONE);

    assertThat(together).hasSize(tables.size());
    for (int i = 0; i < tables.size(); i++) {
      final ReplayResult alone = Replay.run(options.with(tables.get(i)), ReplayProgress.NONE);
      assertThat(together.get(i).cases()).as("table %d's cases", i).isEqualTo(alone.cases());
      assertThat(together.get(i).countries())
          .as("table %d's figures", i)
          .isEqualTo(alone.countries());
      assertThat(together.get(i).alerts()).as("table %d's alerts", i).isEqualTo(alone.alerts());
      assertThat(together.get(i).deadLetters()).isEqualTo(alone.deadLetters());
    }
    assertThat(together.get(1).alerts())
        .as("a 30-day deadline flags other complaints than the default")
        .isNotEqualTo(together.get(0).alerts());
    assertThat(together.get(2).alerts()).isNotEqualTo(together.get(1).alerts());
  }

  /**
   * Seeded cases of every country, shuffled, with copies, retractions and conflicting reuses of an
   * eventId.
   */
  private static List<CaseEvent> hostileHistory(final Random random) {
    final List<CaseEvent> history =
        new ArrayList<>(SyntheticHistory.generate(15, 120, on("2016-01-04")));
    final List<CaseEvent> extra = new ArrayList<>();
    for (final CaseEvent event : history) {
      final double dice = random.nextDouble();
      if (dice < 0.05) {
        extra.add(event);
      } else if (dice < 0.08) {
        extra.add(
            CaseEvents.aCase(event.getCaseId())
                .retraction(
                    event.getOccurredAt().plus(Duration.ofDays(5)),
                    event,
                    RetractionReason.ENTERED_IN_ERROR));
      } else if (dice < 0.09) {
        extra.add(
            CaseEvent.newBuilder(event)
                .setOccurredAt(event.getOccurredAt().minus(Duration.ofDays(1)))
                .build());
      }
    }
    history.addAll(extra);
    // Coalitions report late and in batches: whole stretches of the history arrive out of order.
    Collections.shuffle(history, random);
    return history;
  }

  /**
   * A coalition's batch written in a transaction that was aborted (as the gateway's atomic batches
   * can be).
   */
  private void abortATransaction() {
    final Map<String, Object> settings = new java.util.HashMap<>(cluster.producerConfig());
    settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, CasewatchCluster.uniqueName("aborted"));
    final AvroSerializer<CaseEvent> serializer =
        new AvroSerializer<>(cluster.registryClient(), true, false);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 1; i <= 20; i++) {
        final CaseEvent event =
            CaseEvents.aCase(String.format("KZ-2016-9%03d", i)).registered(on("2016-02-01"));
        final String topic = prefix + Topics.events(event.getCountry());
        producer.send(
            new ProducerRecord<>(topic, event.getCaseId(), serializer.serialize(topic, event)));
      }
      producer.flush();
      producer.abortTransaction();
    }
  }

  /**
   * Sends every event, and a few records that are not events, in one go, so many share a timestamp.
   */
  private int publish(final List<CaseEvent> events) {
    final AvroSerializer<CaseEvent> serializer =
        new AvroSerializer<>(cluster.registryClient(), true, false);
    final List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            cluster.producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < events.size(); i++) {
        final CaseEvent event = events.get(i);
        final String topic = prefix + Topics.events(event.getCountry());
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    topic, event.getCaseId(), serializer.serialize(topic, event))));
        if (i % 500 == 0) {
          sent.add(
              producer.send(
                  new ProducerRecord<>(
                      topic, event.getCaseId(), "not an event".getBytes(StandardCharsets.UTF_8))));
        }
      }
      producer.flush();
      for (final Future<RecordMetadata> future : sent) {
        future.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not publish the history", e);
    }
    return sent.size();
  }
}
