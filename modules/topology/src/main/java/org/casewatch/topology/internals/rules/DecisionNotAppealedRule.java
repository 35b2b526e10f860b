package org.casewatch.topology.internals.rules;

import java.util.List;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.DecisionAnnulled;
import org.casewatch.model.DecisionAppealed;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationResumed;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;

/**
 * DECISION_NOT_APPEALED: a refusal, a termination or a suspension not appealed within N local days
 * (default 30). LOW: a reminder for the lawyer, and the exhaustion-of-remedies checkpoint before a
 * UN communication. Answered by an appeal or an annulment naming the decision, by a reopening after
 * it, or, for a suspension, by the resumption.
 */
public final class DecisionNotAppealedRule extends DeadlineRule {

  public DecisionNotAppealedRule() {
    super(RuleId.DECISION_NOT_APPEALED, 1, Severity.LOW, "appeal");
  }

  @Override
  List<CaseEvent> starts(final CaseFacts facts) {
    return facts.events().stream()
        .filter(event -> CaseFacts.isRefusal(event) || CaseFacts.isSuspension(event))
        .toList();
  }

  @Override
  boolean answers(final CaseFacts facts, final CaseEvent start, final CaseEvent event) {
    final Object payload = event.getPayload();
    return (payload instanceof DecisionAppealed appeal
            && appeal.getDecisionEventId().equals(start.getEventId()))
        || (payload instanceof DecisionAnnulled annulled
            && annulled.getDecisionEventId().equals(start.getEventId()))
        || payload instanceof InvestigationOpened
        || (payload instanceof InvestigationResumed && CaseFacts.isSuspension(start));
  }

  /**
   * An appeal or annulment naming the decision answers it even if timed earlier on the decision's
   * day.
   */
  @Override
  boolean answersWhateverItsTime(
      final CaseFacts facts, final CaseEvent start, final CaseEvent event) {
    final Object payload = event.getPayload();
    return (payload instanceof DecisionAppealed appeal
            && appeal.getDecisionEventId().equals(start.getEventId()))
        || (payload instanceof DecisionAnnulled annulled
            && annulled.getDecisionEventId().equals(start.getEventId()));
  }

  /**
   * Every answer names its decision, or reopens everything before it: nothing is taken by another.
   */
  @Override
  boolean answersEveryoneWaiting(final CaseEvent answer) {
    return true;
  }

  @Override
  String describe(final CaseEvent event) {
    final Object payload = event.getPayload();
    if (payload instanceof InvestigationClosed closed) {
      return "decision " + closed.getOutcome();
    }
    if (payload instanceof DecisionAppealed appeal) {
      return "appealed to " + appeal.getAuthority();
    }
    if (payload instanceof DecisionAnnulled) {
      return "annulled";
    }
    if (payload instanceof InvestigationOpened) {
      return "investigation reopened";
    }
    if (payload instanceof InvestigationResumed) {
      return "investigation resumed";
    }
    return "investigation suspended";
  }
}
