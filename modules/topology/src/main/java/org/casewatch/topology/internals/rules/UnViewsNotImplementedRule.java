package org.casewatch.topology.internals.rules;

import java.util.List;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.model.UnCommunication;
import org.casewatch.model.UnStage;

/**
 * UN_VIEWS_NOT_IMPLEMENTED: no State reply within N local days (default 180) of views adopted by a
 * UN treaty body on the case. MEDIUM. A reply to the same body answers it.
 */
public final class UnViewsNotImplementedRule extends DeadlineRule {

  public UnViewsNotImplementedRule() {
    super(RuleId.UN_VIEWS_NOT_IMPLEMENTED, 1, Severity.MEDIUM, "State reply");
  }

  @Override
  List<CaseEvent> starts(final CaseFacts facts) {
    return facts.all(UnCommunication.class).stream()
        .filter(event -> stage(event) == UnStage.VIEWS_ADOPTED)
        .toList();
  }

  @Override
  boolean answers(final CaseFacts facts, final CaseEvent start, final CaseEvent event) {
    return event.getPayload() instanceof UnCommunication reply
        && reply.getStage() == UnStage.STATE_REPLY
        && reply.getBody() == ((UnCommunication) start.getPayload()).getBody();
  }

  @Override
  boolean answersEveryoneWaiting(final CaseEvent answer) {
    return true;
  }

  private static UnStage stage(final CaseEvent event) {
    return ((UnCommunication) event.getPayload()).getStage();
  }

  @Override
  String describe(final CaseEvent event) {
    final UnCommunication step = (UnCommunication) event.getPayload();
    return step.getStage() == UnStage.VIEWS_ADOPTED
        ? "views adopted by " + step.getBody()
        : "State reply to " + step.getBody();
  }
}
