package org.casewatch.topology.internals.cases;

import java.util.List;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseState;
import org.casewatch.model.OpenAlert;
import org.casewatch.topology.deadletters.DeadLetter;
import org.casewatch.topology.deadletters.DeadLetterCode;
import org.casewatch.topology.internals.rules.CaseFacts;
import org.casewatch.topology.rules.CountryRules;

/**
 * What the case tracker emits: a new case state, an alert raised or resolved, or an event it
 * refused; and what the Streams adapter makes of a refusal, a dead letter with the original bytes.
 */
public sealed interface CaseOutput {

  /**
   * The case's state changed; it is folded when asked for, so a replay that keeps only each case's
   * latest state folds each case once, not once per event.
   *
   * @param timestamp never earlier than any state of the case before it
   */
  record StateChanged(Fold fold, long timestamp) implements CaseOutput {

    /** The case whose state changed, without folding it. */
    public String caseId() {
      return fold.facts().caseId();
    }

    /** The case's new state, folded on each call. */
    public CaseState state() {
      return CaseFolding.fold(
          fold.facts(),
          fold.rules(),
          fold.openAlerts(),
          fold.eventCount(),
          fold.withdrawnAfterStall());
    }
  }

  /**
   * What a case's state is folded from, as it stood when the state changed; see {@link
   * CaseFolding#fold}.
   */
  record Fold(
      CaseFacts facts,
      CountryRules rules,
      List<OpenAlert> openAlerts,
      int eventCount,
      boolean withdrawnAfterStall) {}

  record AlertChanged(Alert alert) implements CaseOutput {}

  /**
   * An event that cannot be applied.
   *
   * @param code the dead-letter reason code, e.g. {@code conflicting-duplicate}
   * @param reason what was wrong and what to do
   */
  record Refused(DeadLetterCode code, String reason) implements CaseOutput {}

  /** A refused event as the Streams adapter forwards it: whole, to the dead letters. */
  record DeadLettered(DeadLetter deadLetter) implements CaseOutput {}
}
