package org.casewatch.topology.rules;

import org.casewatch.model.CaseEvent;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.ComplaintWithdrawn;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.RuleId;

/**
 * STALLED_COMPLAINT: the (first) complaint must lead to an investigation, or be decided, within
 * {@code stalledComplaintDays}; a withdrawal also ends the wait. No country in the region has an
 * independent body for such complaints, and most are never investigated: this is the rule that
 * shows it.
 */
public final class StalledComplaintRule extends DeadlineRule {

  public StalledComplaintRule() {
    super(RuleId.STALLED_COMPLAINT, ComplaintFiled.class, "complaint filed", "investigation opened or decision",
        CountryRules::stalledComplaintDays,
        InvestigationOpened.class, InvestigationClosed.class, ComplaintWithdrawn.class);
  }

  @Override
  protected String describe(final CaseEvent meeting) {
    final Object payload = meeting.getPayload();
    if (payload instanceof InvestigationOpened) {
      return "investigation opened";
    }
    if (payload instanceof InvestigationClosed closed) {
      return "complaint decided (" + closed.getOutcome() + ")";
    }
    return "complaint withdrawn";
  }
}
