package org.casewatch.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.casewatch.model.CaseEventValidator.Violation;

/**
 * The gateway's answer for one event of a request.
 *
 * @param status {@code accepted} (durably written), {@code duplicate} (already accepted; where it
 *     landed), {@code rejected} (invalid; see errors) or {@code not-written} (valid, but not
 *     written: Kafka was unavailable or an atomic batch was refused)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventResult(
    int index,
    String eventId,
    String status,
    String topic,
    Integer partition,
    Long offset,
    List<Violation> errors) {

  static EventResult accepted(
      final int index,
      final String eventId,
      final String topic,
      final int partition,
      final long offset) {
    return new EventResult(index, eventId, "accepted", topic, partition, offset, null);
  }

  static EventResult duplicate(
      final int index, final String eventId, final RecentEvents.Accepted original) {
    return new EventResult(
        index,
        eventId,
        "duplicate",
        original.topic(),
        original.partition(),
        original.offset(),
        null);
  }

  static EventResult rejected(final int index, final String eventId, final List<Violation> errors) {
    return new EventResult(index, eventId, "rejected", null, null, null, errors);
  }

  static EventResult notWritten(final int index, final String eventId, final String why) {
    return new EventResult(
        index,
        eventId,
        "not-written",
        null,
        null,
        null,
        List.of(new Violation("", "not-written", why)));
  }
}
