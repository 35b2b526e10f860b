package org.casewatch.topology.internals.rules;

import java.util.List;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.DecisionAnnulled;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationResumed;
import org.casewatch.model.InvestigationSuspended;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;

/**
 * SUSPENSION_TOO_LONG: an investigation suspended ("perpetrator not identified") for more than N
 * local days (default 90) without being resumed, decided, annulled or reopened. MEDIUM. A
 * suspension never meets STALLED_INVESTIGATION: both run.
 */
public final class SuspensionTooLongRule extends DeadlineRule {

  public SuspensionTooLongRule() {
    super(RuleId.SUSPENSION_TOO_LONG, 1, Severity.MEDIUM, "resumption or decision");
  }

  @Override
  List<CaseEvent> starts(final CaseFacts facts) {
    return facts.events().stream().filter(CaseFacts::isSuspension).toList();
  }

  @Override
  boolean answers(final CaseFacts facts, final CaseEvent start, final CaseEvent event) {
    final Object payload = event.getPayload();
    return payload instanceof InvestigationResumed
        || CaseFacts.isDecision(event)
        || payload instanceof InvestigationOpened
        || (payload instanceof DecisionAnnulled annulled
            && annulled.getDecisionEventId().equals(start.getEventId()));
  }

  @Override
  String describe(final CaseEvent event) {
    final Object payload = event.getPayload();
    if (payload instanceof InvestigationSuspended suspended) {
      return "investigation suspended (" + suspended.getReason() + ")";
    }
    if (payload instanceof InvestigationClosed closed) {
      return CaseFacts.isSuspension(event)
          ? "investigation suspended"
          : "investigation decided (" + closed.getOutcome() + ")";
    }
    if (payload instanceof InvestigationResumed) {
      return "investigation resumed";
    }
    if (payload instanceof InvestigationOpened) {
      return "investigation reopened";
    }
    return "suspension annulled";
  }
}
