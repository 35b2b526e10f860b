package org.casewatch.topology.cases;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.casewatch.model.Country;

/**
 * Time-ordered queues of when each case must be looked at again: one per country for deadlines,
 * and one for cases settling after their latest event. Keys are the queue (one byte: the
 * country's ordinal, or {@link #SETTLE}), the due time as 8 big-endian bytes, then the caseId, so
 * a range scan up to "now" visits exactly one queue's due entries, oldest first, and nothing else.
 */
final class DeadlineIndex {

  private static final byte[] PRESENT = new byte[0];
  /** The queue of cases settling after their latest event. */
  static final int SETTLE = 0x7F;

  private final KeyValueStore<Bytes, byte[]> store;
  /**
   * Per country: no entry is earlier than this (epoch millis), as everything up to the last "now"
   * was handed to the caller, who removed or re-indexed it. Scans start here rather than at the
   * beginning, so they do not wade through the delete markers of every entry fired since the last
   * compaction. In memory only: after a restart the first scan starts at the beginning. Due times
   * are epoch millis after 1970, so their big-endian bytes sort as the numbers do.
   */
  private final long[] floor = new long[SETTLE + 1];
  /**
   * Per queue: no entry is earlier than this (epoch millis), or {@code null} when unknown. Lets
   * most calls skip the store entirely: a clock that moves on with nothing due costs no scan.
   */
  private final Long[] earliest = new Long[SETTLE + 1];

  DeadlineIndex(final KeyValueStore<Bytes, byte[]> store) {
    this.store = store;
  }

  /** The deadline queue of {@code country}. */
  static int queueOf(final Country country) {
    return country.ordinal();
  }

  void add(final int queue, final Instant due, final String caseId) {
    store.put(key(queue, due.toEpochMilli(), caseId), PRESENT);
    floor[queue] = Math.min(floor[queue], due.toEpochMilli());
    if (earliest[queue] != null && due.toEpochMilli() < earliest[queue]) {
      earliest[queue] = due.toEpochMilli();
    }
  }

  void remove(final int queue, final Instant due, final String caseId) {
    store.delete(key(queue, due.toEpochMilli(), caseId));
  }

  /** The distinct cases in {@code queue} with an entry at or before {@code now}, oldest first. */
  List<String> dueBy(final int queue, final Instant now) {
    final long upTo = now.toEpochMilli();
    if (upTo < floor[queue] || earliest[queue] != null && earliest[queue] > upTo) {
      return List.of();
    }
    final Set<String> due = new LinkedHashSet<>();
    final Bytes to = Bytes.wrap(ByteBuffer.allocate(1 + Long.BYTES + 1)
        .put((byte) queue).putLong(upTo).put((byte) 0xFF).array());
    try (KeyValueIterator<Bytes, byte[]> entries = store.range(bound(queue, floor[queue]), to)) {
      while (entries.hasNext()) {
        final KeyValue<Bytes, byte[]> entry = entries.next();
        final byte[] key = entry.key.get();
        due.add(new String(key, 1 + Long.BYTES, key.length - 1 - Long.BYTES, StandardCharsets.UTF_8));
      }
    }
    floor[queue] = upTo == Long.MAX_VALUE ? upTo : Math.max(floor[queue], upTo + 1);
    // Entries after now remain; the first of them is the next bound (found once, when nothing was due).
    earliest[queue] = due.isEmpty() ? firstDue(queue) : null;
    return new ArrayList<>(due);
  }

  private long firstDue(final int queue) {
    if (floor[queue] == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    final Bytes to = Bytes.wrap(ByteBuffer.allocate(1 + Long.BYTES).put((byte) queue).putLong(Long.MAX_VALUE).array());
    try (KeyValueIterator<Bytes, byte[]> entries = store.range(bound(queue, floor[queue]), to)) {
      return entries.hasNext() ? ByteBuffer.wrap(entries.next().key.get(), 1, Long.BYTES).getLong() : Long.MAX_VALUE;
    }
  }

  private static Bytes bound(final int queue, final long due) {
    return Bytes.wrap(ByteBuffer.allocate(1 + Long.BYTES).put((byte) queue).putLong(Math.max(0, due)).array());
  }

  private static Bytes key(final int queue, final long due, final String caseId) {
    final byte[] id = caseId.getBytes(StandardCharsets.UTF_8);
    final byte[] key = Arrays.copyOf(ByteBuffer.allocate(1 + Long.BYTES).put((byte) queue).putLong(due).array(),
        1 + Long.BYTES + id.length);
    System.arraycopy(id, 0, key, 1 + Long.BYTES, id.length);
    return Bytes.wrap(key);
  }
}
