package org.casewatch.topology.internals.rules;

import java.util.List;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;

/**
 * URGENT_DEATH_IN_CUSTODY: a death in custody must lead to an investigation, opened ex officio,
 * within N local days of the case's registration (default 3). HIGH. A refusal does not answer it.
 */
public final class UrgentDeathInCustodyRule extends DeadlineRule {

  public UrgentDeathInCustodyRule() {
    super(RuleId.URGENT_DEATH_IN_CUSTODY, 1, Severity.HIGH, "investigation opened");
  }

  @Override
  List<CaseEvent> starts(final CaseFacts facts) {
    return facts
        .first(CaseRegistered.class)
        .filter(
            event ->
                ((CaseRegistered) event.getPayload()).getAllegation()
                    == Allegation.DEATH_IN_CUSTODY)
        .map(List::of)
        .orElse(List.of());
  }

  @Override
  boolean answers(final CaseFacts facts, final CaseEvent start, final CaseEvent event) {
    return event.getPayload() instanceof InvestigationOpened;
  }

  /** An opening before the death was registered (the authorities were first) answers it too. */
  @Override
  boolean answersWhateverItsTime(
      final CaseFacts facts, final CaseEvent start, final CaseEvent event) {
    return event.getPayload() instanceof InvestigationOpened;
  }

  /** An opening answers the death however late it was registered: it is the one thing awaited. */
  @Override
  boolean answersEveryoneWaiting(final CaseEvent answer) {
    return true;
  }

  @Override
  String describe(final CaseEvent event) {
    return event.getPayload() instanceof CaseRegistered
        ? "death in custody registered"
        : "investigation opened";
  }
}
