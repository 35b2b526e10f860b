package org.casewatch.topology.internals.cases;

import java.time.Instant;
import org.casewatch.model.AlertAction;
import org.casewatch.model.CaseEvent;
import org.casewatch.topology.deadletters.DeadLetter;

/**
 * What the case processor consumes: a case event, a coordinator's action on an alert, a record of
 * the actions topic that is not one, or (in a replay) a tick moving its clocks to a horizon.
 */
public sealed interface CaseInput {

  /** A valid event, when it arrived, and its original bytes in case it must be dead-lettered. */
  record Event(
      CaseEvent event,
      Instant arrivedAt,
      // The input record's own bytes, passed through whole and never compared: copying costs.
      @SuppressWarnings("ArrayRecordComponent") byte[] rawKey,
      @SuppressWarnings("ArrayRecordComponent") byte[] rawValue)
      implements CaseInput {}

  /**
   * A coordinator's action on one of the case's alerts, and its original bytes in case it is
   * refused.
   */
  record Action(
      AlertAction action,
      // The input record's own bytes, passed through whole and never compared: copying costs.
      @SuppressWarnings("ArrayRecordComponent") byte[] rawKey,
      @SuppressWarnings("ArrayRecordComponent") byte[] rawValue)
      implements CaseInput {}

  /** A record of the actions topic that cannot be applied at all: dead-lettered as it is. */
  record Unusable(DeadLetter deadLetter) implements CaseInput {}

  /** Moves every country's clock to {@code to} and fires every deadline before it. */
  record Tick(Instant to) implements CaseInput {}
}
