package org.casewatch.topology.cases;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The time-ordered index of pending deadlines: keys are the deadline as 8 big-endian bytes
 * followed by the caseId, so a range scan from the start up to "now" visits exactly the deadlines
 * that are due, oldest first, and nothing else.
 */
final class DeadlineIndex {

  private static final byte[] PRESENT = new byte[0];

  /** A due entry: the deadline and the case it belongs to. */
  record Due(Instant deadline, String caseId) {}

  private final KeyValueStore<Bytes, byte[]> store;
  /**
   * No entry is earlier than this (epoch millis); {@code null} when unknown. Lets most calls skip
   * the store entirely, and keeps them from wading through the delete markers that evicted entries
   * leave in RocksDB until compaction.
   */
  private Long earliest;
  /**
   * No entry is earlier than this (epoch millis): everything up to the last "now" was handed to the
   * caller, who removed or re-indexed it. Scans start here rather than at the beginning, so they do
   * not wade through the delete markers of every deadline fired since the last compaction (which
   * made each scan slower as a replay went on). In memory only: after a restart the first scan
   * starts at the beginning. Deadlines are epoch millis after 1970, so their big-endian bytes sort
   * as the numbers do.
   */
  private long floor;

  DeadlineIndex(final KeyValueStore<Bytes, byte[]> store) {
    this.store = store;
  }

  void add(final Instant deadline, final String caseId) {
    store.put(key(deadline.toEpochMilli(), caseId), PRESENT);
    if (earliest != null && deadline.toEpochMilli() < earliest) {
      earliest = deadline.toEpochMilli();
    }
    floor = Math.min(floor, deadline.toEpochMilli());
  }

  void remove(final Instant deadline, final String caseId) {
    store.delete(key(deadline.toEpochMilli(), caseId));
  }

  /** Every entry with a deadline at or before {@code now}, oldest first. */
  List<Due> dueBy(final Instant now) {
    if (now.toEpochMilli() < floor || earliest != null && earliest > now.toEpochMilli()) {
      return List.of();
    }
    final List<Due> due = scan(now);
    floor = Math.max(floor, now.toEpochMilli() + 1);
    // Entries after now remain; the first of them is the next bound (found lazily, once).
    earliest = due.isEmpty() ? firstDeadline() : null;
    return due;
  }

  private Long firstDeadline() {
    try (KeyValueIterator<Bytes, byte[]> entries = store.range(bound(floor), null)) {
      return entries.hasNext() ? ByteBuffer.wrap(entries.next().key.get()).getLong() : Long.MAX_VALUE;
    }
  }

  private List<Due> scan(final Instant now) {
    final Bytes upTo = Bytes.wrap(ByteBuffer.allocate(Long.BYTES + 1).putLong(now.toEpochMilli()).put((byte) 0xFF).array());
    final List<Due> due = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> entries = store.range(bound(floor), upTo)) {
      while (entries.hasNext()) {
        final KeyValue<Bytes, byte[]> entry = entries.next();
        final ByteBuffer key = ByteBuffer.wrap(entry.key.get());
        final long deadline = key.getLong();
        final String caseId = StandardCharsets.UTF_8.decode(key).toString();
        due.add(new Due(Instant.ofEpochMilli(deadline), caseId));
      }
    }
    return due;
  }

  private static Bytes bound(final long deadline) {
    return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(deadline).array());
  }

  private static Bytes key(final long deadline, final String caseId) {
    final byte[] id = caseId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(deadline).put(id).array());
  }
}
