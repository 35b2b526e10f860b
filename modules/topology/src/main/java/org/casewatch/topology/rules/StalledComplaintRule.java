package org.casewatch.topology.rules;

import java.util.List;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.ComplaintWithdrawn;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.RuleId;

/**
 * STALLED_COMPLAINT: every complaint or appeal to an authority that can open a criminal case must
 * lead to an investigation or a decision (a refusal included) within {@code stalledComplaintDays};
 * a withdrawal also ends the wait. Complaints to the ombudsman, the national preventive mechanism
 * or a UN treaty body start no such clock: they cannot open a case. No country in the region has an
 * independent body for such complaints, and most are never investigated: this is the rule that
 * shows it.
 */
public final class StalledComplaintRule extends DeadlineRule {

  public StalledComplaintRule() {
    super(RuleId.STALLED_COMPLAINT, "investigation opened or decision");
  }

  @Override
  List<CaseEvent> starts(final CaseFacts facts) {
    return facts.all(ComplaintFiled.class).stream()
        .filter(event -> CriminalAuthorities.canOpenACriminalCase(((ComplaintFiled) event.getPayload()).getAuthority()))
        .toList();
  }

  @Override
  boolean answers(final CaseEvent event) {
    final Object payload = event.getPayload();
    return payload instanceof InvestigationOpened || payload instanceof InvestigationClosed
        || payload instanceof ComplaintWithdrawn;
  }

  /** A decision on the instant of a complaint closes an investigation opened before it, if one is open. */
  @Override
  boolean takenByEarlier(final CaseFacts facts, final CaseEvent start, final CaseEvent answer) {
    if (!(answer.getPayload() instanceof InvestigationClosed)) {
      return false;
    }
    return facts.all(InvestigationOpened.class).stream()
        .filter(opening -> opening.getOccurredAt().isBefore(start.getOccurredAt()))
        .anyMatch(opening -> facts.all(InvestigationClosed.class).stream()
            .noneMatch(decision -> !decision.getOccurredAt().isBefore(opening.getOccurredAt())
                && decision.getOccurredAt().isBefore(answer.getOccurredAt())));
  }

  /** An opening answers every complaint pending when it is opened, one filed that day included. */
  @Override
  boolean answersEveryoneWaiting(final CaseEvent answer) {
    return answer.getPayload() instanceof InvestigationOpened;
  }

  @Override
  int days(final CountryRules parameters) {
    return parameters.stalledComplaintDays();
  }

  @Override
  String describe(final CaseEvent event) {
    final Object payload = event.getPayload();
    if (payload instanceof ComplaintFiled complaint) {
      return "complaint filed to " + complaint.getAuthority();
    }
    if (payload instanceof InvestigationOpened) {
      return "investigation opened";
    }
    if (payload instanceof InvestigationClosed closed) {
      return "complaint decided (" + closed.getOutcome() + ")";
    }
    return "complaint withdrawn (" + ((ComplaintWithdrawn) payload).getReason() + ")";
  }
}
