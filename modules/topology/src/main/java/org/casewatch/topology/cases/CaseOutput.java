package org.casewatch.topology.cases;

import org.casewatch.model.Alert;
import org.casewatch.model.CaseState;
import org.casewatch.topology.deadletters.DeadLetter;

/**
 * What the case tracker emits: a new case state, an alert raised or resolved, or an event it
 * refused; and what the Streams adapter makes of a refusal, a dead letter with the original bytes.
 */
public sealed interface CaseOutput {

  /** @param timestamp never earlier than any state of the case before it */
  record StateChanged(CaseState state, long timestamp) implements CaseOutput {}

  record AlertChanged(Alert alert) implements CaseOutput {}

  /**
   * An event that cannot be applied.
   *
   * @param code the dead-letter reason code, e.g. {@code conflicting-duplicate}
   * @param reason what was wrong and what to do
   */
  record Refused(String code, String reason) implements CaseOutput {}

  /** A refused event as the Streams adapter forwards it: whole, to the dead letters. */
  record DeadLettered(DeadLetter deadLetter) implements CaseOutput {}
}
