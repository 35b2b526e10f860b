package org.casewatch.topology.internals.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.casewatch.model.Country;
import org.casewatch.model.internal.CaseRecord;

/**
 * When each case must be looked at again, in memory: one time-ordered queue of deadlines per
 * country, and one of cases settling after their latest event. Every entry is also in its case's
 * {@link CaseRecord} ({@code indexedDues}, {@code settleAt}), which is stored and logged, so the
 * queues need no store of their own: they are {@linkplain #rebuiltFrom rebuilt from the records}
 * when a task starts, and an event costs no broker write for them. A record whose settling entry is
 * at or before the store's {@code settledThrough} was judged with nothing to change, and kept as it
 * was: that entry is not queued again.
 *
 * <p>A call hands out the entries from the last call's "now" on, not those an earlier call handed
 * out already (unless an entry earlier than that is added, which moves the start back to it). The
 * caller removes or re-indexes what it is handed; an entry it leaves (a case not yet settled,
 * judged again when it settles) is not looked at again until then, so a backlog does not look at
 * every overdue case on every event. Entries due at the same time are handed out by caseId, so the
 * order is the same after a restart.
 */
final class DueQueues {

  private final Map<Country, DueQueue> deadlines = new EnumMap<>(Country.class);
  private final DueQueue settling = new DueQueue();

  /**
   * The queues the records' entries make up, as a task finds them when it starts; a settling entry
   * at or before {@code settledThrough} was judged already (a judgement that changed nothing does
   * not write the record) and is left out.
   */
  static DueQueues rebuiltFrom(
      final Iterator<KeyValue<String, CaseRecord>> records,
      final Optional<Instant> settledThrough) {
    final DueQueues queues = new DueQueues();
    while (records.hasNext()) {
      final KeyValue<String, CaseRecord> entry = records.next();
      final String caseId = entry.key;
      final CaseRecord record = entry.value;
      if (!record.getIndexedDues().isEmpty()) {
        final Country country = CaseTracker.countryOf(caseId);
        record
            .getIndexedDues()
            .forEach(due -> queues.addDue(country, Instant.ofEpochMilli(due), caseId));
      }
      if (record.getSettleAt() != null
          && settledThrough.map(judged -> judged.isBefore(record.getSettleAt())).orElse(true)) {
        queues.addSettling(record.getSettleAt(), caseId);
      }
    }
    return queues;
  }

  /**
   * Whether the record names a settling time after {@code after} and at or before {@code through}.
   */
  static boolean settlesBetween(
      final CaseRecord record, final Instant after, final Instant through) {
    return record.getSettleAt() != null
        && record.getSettleAt().isAfter(after)
        && !record.getSettleAt().isAfter(through);
  }

  void addDue(final Country country, final Instant due, final String caseId) {
    deadlines.computeIfAbsent(country, c -> new DueQueue()).add(due, caseId);
  }

  void removeDue(final Country country, final Instant due, final String caseId) {
    final DueQueue queue = deadlines.get(country);
    if (queue != null) {
      queue.remove(due, caseId);
    }
  }

  /**
   * The distinct cases of {@code country} with a deadline entry at or before {@code now}, earliest
   * first.
   */
  List<String> dueBy(final Country country, final Instant now) {
    final DueQueue queue = deadlines.get(country);
    return queue == null ? List.of() : queue.dueBy(now);
  }

  void addSettling(final Instant settleAt, final String caseId) {
    settling.add(settleAt, caseId);
  }

  void removeSettling(final Instant settleAt, final String caseId) {
    settling.remove(settleAt, caseId);
  }

  /** The distinct cases that have settled by {@code now}, earliest first. */
  List<String> settledBy(final Instant now) {
    return settling.dueBy(now);
  }

  /** The distinct cases queued to settle after {@code after}, earliest first. */
  List<String> settlingAfter(final Instant after) {
    return settling.after(after);
  }

  /**
   * Entries by due time. A time with one case (nearly every settling time, most deadlines) holds
   * its caseId alone; one with more holds a sorted set of them.
   */
  private static final class DueQueue {
    private final TreeMap<Instant, Object> entries = new TreeMap<>();

    /** Nothing before it is handed out again: everything up to the last "now" was. */
    private Instant floor = Instant.MIN;

    void add(final Instant due, final String caseId) {
      final Object there = entries.putIfAbsent(due, caseId);
      if (there instanceof String one && !one.equals(caseId)) {
        final TreeSet<String> cases = new TreeSet<>();
        cases.add(one);
        cases.add(caseId);
        entries.put(due, cases);
      } else if (there instanceof TreeSet<?> cases) {
        cases(cases).add(caseId);
      }
      if (due.isBefore(floor)) {
        floor = due;
      }
    }

    void remove(final Instant due, final String caseId) {
      final Object there = entries.get(due);
      if (there instanceof String one) {
        if (one.equals(caseId)) {
          entries.remove(due);
        }
      } else if (there instanceof TreeSet<?> cases
          && cases(cases).remove(caseId)
          && cases.isEmpty()) {
        entries.remove(due);
      }
    }

    List<String> dueBy(final Instant now) {
      if (now.isBefore(floor)) {
        return List.of();
      }
      final List<String> due = distinct(entries.subMap(floor, true, now, true).values());
      floor = now.equals(Instant.MAX) ? now : now.plusNanos(1);
      return due;
    }

    List<String> after(final Instant after) {
      return distinct(entries.tailMap(after, false).values());
    }

    /** The distinct cases of these entries, in their order. */
    private static List<String> distinct(final Collection<Object> entries) {
      final Set<String> cases = new LinkedHashSet<>();
      for (final Object at : entries) {
        if (at instanceof String one) {
          cases.add(one);
        } else {
          cases.addAll(cases((TreeSet<?>) at));
        }
      }
      return cases.isEmpty() ? List.of() : new ArrayList<>(cases);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> cases(final Set<?> cases) {
      return (Set<String>) cases;
    }
  }
}
