package org.casewatch.topology.internals.cases;

import java.util.List;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.OpenAlert;
import org.casewatch.topology.country.Contribution;
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

    /** The case's new state, folded on the first call. */
    public CaseState state() {
      return fold.state();
    }
  }

  /**
   * What a case's state is folded from, as it stood when the state changed; see {@link
   * CaseFolding#fold}.
   */
  final class Fold {
    private final CaseFacts facts;
    private final CountryRules rules;
    private final List<OpenAlert> openAlerts;
    private final int eventCount;
    private final boolean withdrawnAfterStall;
    private CaseState state;

    public Fold(
        final CaseFacts facts,
        final CountryRules rules,
        final List<OpenAlert> openAlerts,
        final int eventCount,
        final boolean withdrawnAfterStall) {
      this.facts = facts;
      this.rules = rules;
      this.openAlerts = openAlerts;
      this.eventCount = eventCount;
      this.withdrawnAfterStall = withdrawnAfterStall;
    }

    public CaseFacts facts() {
      return facts;
    }

    /** The state, folded once and kept: the figures and the published state read the same. */
    CaseState state() {
      if (state == null) {
        state = CaseFolding.fold(facts, rules, openAlerts, eventCount, withdrawnAfterStall);
        // Nothing asks the facts again once they are folded, but they are kept with the state.
        facts.forgetGroups();
      }
      return state;
    }
  }

  record AlertChanged(Alert alert) implements CaseOutput {}

  /**
   * How a state change moves its country's figures: what the case counts for now less what it
   * counted for as last published.
   */
  record FiguresMoved(Country country, Contribution change) implements CaseOutput {}

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
