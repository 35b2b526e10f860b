package org.casewatch.topology.rules;

import org.casewatch.model.CaseEvent;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.RuleId;

/**
 * STALLED_INVESTIGATION: an opened investigation must be decided within {@code
 * stalledInvestigationDays}.
 */
public final class StalledInvestigationRule extends DeadlineRule {

  public StalledInvestigationRule() {
    super(RuleId.STALLED_INVESTIGATION, InvestigationOpened.class, "investigation opened", "decision",
        CountryRules::stalledInvestigationDays, InvestigationClosed.class);
  }

  @Override
  protected String describe(final CaseEvent meeting) {
    return "investigation decided (" + ((InvestigationClosed) meeting.getPayload()).getOutcome() + ")";
  }
}
