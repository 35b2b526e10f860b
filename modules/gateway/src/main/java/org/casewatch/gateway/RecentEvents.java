package org.casewatch.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.casewatch.model.CaseEvent;

/**
 * The events this gateway accepted lately, so a resent event can be answered "duplicate" without
 * writing it again, and an eventId reused for a different event can be refused. Bounded and in
 * memory: after a restart, or on another gateway instance, a resent event is written again and the
 * topology ignores it by its eventId.
 */
final class RecentEvents {

  /** Where an accepted event landed, and what it said. */
  record Accepted(String content, String topic, int partition, long offset) {}

  private final Map<String, Accepted> byEventId;

  RecentEvents(final int capacity) {
    this.byEventId =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(final Map.Entry<String, Accepted> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized Optional<Accepted> find(final CaseEvent event) {
    return Optional.ofNullable(byEventId.get(key(event)));
  }

  synchronized void remember(
      final CaseEvent event, final String topic, final int partition, final long offset) {
    byEventId.put(key(event), new Accepted(content(event), topic, partition, offset));
  }

  /**
   * What makes two events with one eventId the same event: all but recordedAt, which a resend may
   * refresh.
   */
  static String content(final CaseEvent event) {
    return event.getCaseId() + "|" + event.getOccurredAt() + "|" + event.getPayload();
  }

  /**
   * An eventId is its coalition's: another coalition's event with the same eventId is another
   * event.
   */
  private static String key(final CaseEvent event) {
    return event.getCoalition() + "|" + event.getEventId();
  }
}
