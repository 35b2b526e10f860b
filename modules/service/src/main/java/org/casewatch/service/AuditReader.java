package org.casewatch.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.casewatch.model.AuditRecord;

/**
 * Reads pages of {@code casewatch.audit} for {@code GET /v1/audit}, oldest first. A consumer of its
 * own per page, assigned every partition by hand (no group: nothing to join, no offsets committed),
 * reads from the cursor (or from {@code since}, or the beginning) up to the end the topic had when
 * the page was asked for, keeping at most one page and one record more per partition; the
 * partitions' records are then merged by time.
 */
final class AuditReader {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  /** A page: the records, oldest first, and where the next page starts if more records matched. */
  record Page(List<AuditRecord> records, Optional<AuditCursor> next) {}

  private record Candidate(int partition, long offset, AuditRecord record) {}

  private final Map<String, Object> kafka;
  private final Deserializer<AuditRecord> values;
  private final String topic;

  AuditReader(
      final Map<String, Object> kafka, final Deserializer<AuditRecord> values, final String topic) {
    this.kafka = kafka;
    this.values = values;
    this.topic = topic;
  }

  Page read(final AuditQuery query) {
    final Map<String, Object> settings = new HashMap<>(kafka);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "casewatch-audit-reader");
    try (KafkaConsumer<String, AuditRecord> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), values)) {
      final List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new Unavailable("the audit topic " + topic + " does not exist yet");
      }
      final List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      query
          .cursor()
          .ifPresent(
              cursor ->
                  cursor.offsets().keySet().stream()
                      .filter(partition -> partition >= partitions.size())
                      .findAny()
                      .ifPresent(
                          partition -> {
                            throw new IllegalArgumentException(
                                "cursor names partition "
                                    + partition
                                    + " of "
                                    + topic
                                    + ", which has "
                                    + partitions.size()
                                    + "; pass back the nextCursor you were given");
                          }));
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      final Map<TopicPartition, Long> start = starts(consumer, partitions, query);
      return page(consumer, partitions, start, end, query);
    }
  }

  private Map<TopicPartition, Long> starts(
      final KafkaConsumer<String, AuditRecord> consumer,
      final List<TopicPartition> partitions,
      final AuditQuery query) {
    final Map<TopicPartition, Long> start =
        new HashMap<>(consumer.beginningOffsets(partitions, TIMEOUT));
    if (query.cursor().isPresent()) {
      query
          .cursor()
          .get()
          .offsets()
          .forEach(
              (partition, offset) ->
                  start.merge(new TopicPartition(topic, partition), offset, Math::max));
    } else if (query.since().isPresent()) {
      final Map<TopicPartition, Long> times = new HashMap<>();
      partitions.forEach(partition -> times.put(partition, query.since().get().toEpochMilli()));
      final Map<TopicPartition, OffsetAndTimestamp> found =
          consumer.offsetsForTimes(times, TIMEOUT);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      partitions.forEach(
          partition ->
              start.put(
                  partition,
                  Optional.ofNullable(found.get(partition))
                      .map(OffsetAndTimestamp::offset)
                      .orElse(end.get(partition))));
    }
    return start;
  }

  private Page page(
      final KafkaConsumer<String, AuditRecord> consumer,
      final List<TopicPartition> partitions,
      final Map<TopicPartition, Long> start,
      final Map<TopicPartition, Long> end,
      final AuditQuery query) {
    final Map<Integer, List<Candidate>> candidates = new HashMap<>();
    final Map<Integer, Long> scanned = new HashMap<>();
    final Set<TopicPartition> reading = new HashSet<>();
    for (final TopicPartition partition : partitions) {
      candidates.put(partition.partition(), new ArrayList<>());
      scanned.put(partition.partition(), start.get(partition));
      if (start.get(partition) < end.get(partition)) {
        reading.add(partition);
      }
    }
    consumer.assign(reading);
    reading.forEach(partition -> consumer.seek(partition, start.get(partition)));
    final long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!reading.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new Unavailable(
            "reading " + topic + " took longer than " + TIMEOUT.toSeconds() + " s");
      }
      for (final ConsumerRecord<String, AuditRecord> record :
          consumer.poll(Duration.ofMillis(200))) {
        final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (!reading.contains(partition) || record.offset() >= end.get(partition)) {
          continue;
        }
        scanned.put(record.partition(), record.offset() + 1);
        if (record.value() != null && query.filter().test(record.value())) {
          candidates
              .get(record.partition())
              .add(new Candidate(record.partition(), record.offset(), record.value()));
        }
      }
      for (final TopicPartition partition : Set.copyOf(reading)) {
        final boolean atEnd = consumer.position(partition) >= end.get(partition);
        if (atEnd || candidates.get(partition.partition()).size() > query.limit()) {
          reading.remove(partition);
          consumer.pause(List.of(partition));
          if (atEnd) {
            scanned.put(partition.partition(), end.get(partition));
          }
        }
      }
    }
    final List<Candidate> merged =
        candidates.values().stream()
            .flatMap(List::stream)
            .sorted(
                Comparator.comparing((Candidate c) -> c.record().getAt())
                    .thenComparingInt(Candidate::partition)
                    .thenComparingLong(Candidate::offset))
            .toList();
    final List<Candidate> taken = merged.subList(0, Math.min(merged.size(), query.limit()));
    if (merged.size() == taken.size()) {
      return new Page(taken.stream().map(Candidate::record).toList(), Optional.empty());
    }
    final Map<Integer, Long> next = new HashMap<>(scanned);
    merged
        .subList(taken.size(), merged.size())
        .forEach(left -> next.merge(left.partition(), left.offset(), Math::min));
    return new Page(
        taken.stream().map(Candidate::record).toList(), Optional.of(new AuditCursor(next)));
  }
}
