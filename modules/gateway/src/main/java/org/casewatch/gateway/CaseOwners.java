package org.casewatch.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseEventValidator;
import org.casewatch.model.Country;
import org.casewatch.model.LogSafe;
import org.casewatch.model.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which coalition each case belongs to, so the gateway can refuse another coalition's events for it
 * (403) before they are written. A case belongs to the coalition whose valid event for it comes
 * first on its country's topic (normally its CaseRegistered): the rule the topology applies, which
 * dead-letters whatever slips past here.
 *
 * <p>Built by reading every event topic from the beginning (read_committed, no consumer group,
 * every partition assigned, partitions re-listed every {@link #REFRESH}) and kept up to date by
 * tailing them, so it survives restarts and sees what other gateway instances and publishers write.
 * The gateway's own writes are recorded at once, with their offsets: a case's events share one
 * partition, so the lower offset is the first writer, whoever learns of it first. Two coalitions'
 * first events for one new case sent at the same moment can both pass; the topology then keeps the
 * first and dead-letters the other. Memory: one entry per case.
 */
final class CaseOwners implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CaseOwners.class);

  /** How often the event topics' partitions are listed again (a topic created or grown later). */
  static final Duration REFRESH = Duration.ofSeconds(10);

  private static final Duration BACKOFF = Duration.ofSeconds(1);

  /** The coalition that owns a case, and the offset of its first event on the case's partition. */
  private record Owner(String coalition, long offset) {}

  private final Map<String, Owner> byCase = new ConcurrentHashMap<>();
  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<CaseEvent> decoder;
  private final Clock clock;
  private final Duration timeout;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread reader;
  private volatile boolean running = true;
  private Map<TopicPartition, Long> catchUpTo;
  private Instant lastRefresh = Instant.EPOCH;

  CaseOwners(
      final Map<String, Object> kafkaSettings,
      final Deserializer<CaseEvent> decoder,
      final Clock clock,
      final Duration timeout) {
    final Map<String, Object> settings = new HashMap<>(kafkaSettings);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "casewatch-gateway-case-owners");
    settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
    this.decoder = decoder;
    this.clock = clock;
    this.timeout = timeout;
    this.reader = new Thread(this::readAll, "casewatch-gateway-case-owners");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Waits up to {@code wait} until every event written before the start has been read; whether it
   * was.
   */
  boolean awaitReady(final Duration wait) {
    try {
      return caughtUp.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Whether every event written before the gateway started has been read: only then is "no owner"
   * true.
   */
  boolean ready() {
    return caughtUp.getCount() == 0;
  }

  /** The coalition the case belongs to, if any event of it is known. */
  Optional<String> ownerOf(final String caseId) {
    return Optional.ofNullable(byCase.get(caseId)).map(Owner::coalition);
  }

  /** Records an event this gateway wrote at {@code offset} of its case's partition. */
  void written(final CaseEvent event, final long offset) {
    learn(event.getCaseId(), event.getCoalition(), offset);
  }

  private void learn(final String caseId, final String coalition, final long offset) {
    byCase.merge(
        caseId,
        new Owner(coalition, offset),
        (known, seen) -> known.offset() <= seen.offset() ? known : seen);
  }

  /** The reader thread's loop; the consumer is used and closed on this thread only. */
  private void readAll() {
    try {
      while (running) {
        try {
          refreshAssignment();
          final ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
          for (final TopicPartition partition : records.partitions()) {
            read(partition, records.records(partition));
          }
          checkCaughtUp();
        } catch (WakeupException e) {
          return;
        } catch (KafkaException e) {
          log.warn(
              "Cannot read the event topics to learn which coalition owns each case; retrying: {}",
              LogSafe.text(e.getMessage()));
          pause();
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Learns from each record of one partition; a registry outage stops at that record, to read it
   * again later.
   */
  private void read(
      final TopicPartition partition, final List<ConsumerRecord<String, byte[]>> records) {
    final Country country = Topics.countryOfEvents(partition.topic()).orElseThrow();
    for (final ConsumerRecord<String, byte[]> record : records) {
      final CaseEvent event;
      try {
        event = record.value() == null ? null : decoder.deserialize(record.topic(), record.value());
      } catch (SerializationException e) {
        continue;
      } catch (RuntimeException e) {
        log.warn(
            "Cannot decode {}-{}@{} (the schema registry?); reading it again shortly: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            LogSafe.text(e.getMessage()));
        consumer.seek(partition, record.offset());
        pause();
        return;
      }
      if (event != null && counts(event, record, country)) {
        learn(event.getCaseId(), event.getCoalition(), record.offset());
      }
    }
  }

  /**
   * Whether the topology would let the event reach its case: well-keyed, on its country's topic,
   * valid.
   */
  private boolean counts(
      final CaseEvent event, final ConsumerRecord<String, byte[]> record, final Country country) {
    final Instant arrival = Instant.ofEpochMilli(Math.min(record.timestamp(), clock.millis()));
    return event.getCountry() == country
        && event.getCaseId() != null
        && event.getCaseId().equals(record.key())
        && CaseEventValidator.violations(event, country, arrival).isEmpty();
  }

  private void refreshAssignment() {
    final Instant now = clock.instant();
    if (Duration.between(lastRefresh, now).compareTo(REFRESH) < 0) {
      return;
    }
    final Set<TopicPartition> partitions = new HashSet<>();
    for (final String topic : Topics.allEvents()) {
      final List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos != null) {
        infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
      }
    }
    lastRefresh = now;
    final Set<TopicPartition> added = new HashSet<>(partitions);
    added.removeAll(consumer.assignment());
    if (added.isEmpty() && partitions.size() == consumer.assignment().size()) {
      if (catchUpTo == null) {
        // No event topic yet: nothing to read. Assigned already: the first look at their ends
        // failed; look again.
        catchUpTo = partitions.isEmpty() ? Map.of() : consumer.endOffsets(partitions, timeout);
      }
      return;
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(added);
    if (catchUpTo == null) {
      catchUpTo = consumer.endOffsets(partitions, timeout);
    }
  }

  private void checkCaughtUp() {
    if (ready() || catchUpTo == null) {
      return;
    }
    for (final Map.Entry<TopicPartition, Long> end : catchUpTo.entrySet()) {
      if (consumer.position(end.getKey(), timeout) < end.getValue()) {
        return;
      }
    }
    log.info("Read the owners of {} cases from the event topics", byCase.size());
    caughtUp.countDown();
  }

  private void pause() {
    try {
      Thread.sleep(BACKOFF.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      reader.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
