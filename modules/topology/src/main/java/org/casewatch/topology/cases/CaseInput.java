package org.casewatch.topology.cases;

import java.time.Instant;
import org.casewatch.model.CaseEvent;

/** What the case processor consumes: a case event, or (in a replay) a tick moving its clock to a horizon. */
public sealed interface CaseInput {

  record Event(CaseEvent event) implements CaseInput {}

  /** Moves the task's clock to {@code to} and fires every deadline at or before it. */
  record Tick(Instant to) implements CaseInput {}
}
