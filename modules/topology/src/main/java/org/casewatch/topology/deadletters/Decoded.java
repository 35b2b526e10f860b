package org.casewatch.topology.deadletters;

import java.time.Instant;
import org.casewatch.model.CaseEvent;

/** The outcome of decoding one input record: a valid event, or a dead letter. */
public sealed interface Decoded {

  /**
   * A valid event, when it arrived, and its original bytes, in case the case tracker refuses it (a
   * conflicting duplicate, a case too large) and it must be dead-lettered whole.
   */
  record Valid(
      CaseEvent event,
      Instant arrivedAt,
      // The input record's own bytes, passed through whole and never compared: copying costs.
      @SuppressWarnings("ArrayRecordComponent") byte[] rawKey,
      @SuppressWarnings("ArrayRecordComponent") byte[] rawValue)
      implements Decoded {}

  record Refused(DeadLetter deadLetter) implements Decoded {}
}
