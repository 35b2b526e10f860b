package org.casewatch.topology.cases;

import java.time.Instant;
import org.casewatch.model.CaseEvent;

/** What the case processor consumes: a case event, or (in a replay) a tick moving its clocks to a horizon. */
public sealed interface CaseInput {

  /** A valid event, when it arrived, and its original bytes in case it must be dead-lettered. */
  record Event(CaseEvent event, Instant arrivedAt, byte[] rawKey, byte[] rawValue) implements CaseInput {}

  /** Moves every country's clock to {@code to} and fires every deadline before it. */
  record Tick(Instant to) implements CaseInput {}
}
