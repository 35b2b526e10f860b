package org.casewatch.topology.rules;

import java.util.List;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.RuleId;

/**
 * STALLED_INVESTIGATION: every opened investigation, a reopening included, must be decided within
 * {@code stalledInvestigationDays}; a decision taken before the opening (the refusal that an appeal
 * annulled) does not count, and neither does a suspension.
 */
public final class StalledInvestigationRule extends DeadlineRule {

  public StalledInvestigationRule() {
    super(RuleId.STALLED_INVESTIGATION, "decision");
  }

  @Override
  List<CaseEvent> starts(final CaseFacts facts) {
    return facts.all(InvestigationOpened.class);
  }

  /** A suspension ("perpetrator not identified") is a common way to bury a case, not a decision. */
  @Override
  boolean answers(final CaseEvent event) {
    return event.getPayload() instanceof InvestigationClosed closed && closed.getOutcome() != InvestigationOutcome.SUSPENDED;
  }

  @Override
  int days(final CountryRules parameters) {
    return parameters.stalledInvestigationDays();
  }

  @Override
  String describe(final CaseEvent event) {
    if (event.getPayload() instanceof InvestigationOpened opened) {
      return "investigation opened under " + opened.getLegalArticle();
    }
    return "investigation decided (" + ((InvestigationClosed) event.getPayload()).getOutcome() + ")";
  }
}
