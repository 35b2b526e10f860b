package org.casewatch.topology.internals.rules;

import java.util.List;
import java.util.Optional;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.ComplaintWithdrawn;
import org.casewatch.model.DecisionAnnulled;
import org.casewatch.model.DecisionAppealed;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationResumed;
import org.casewatch.model.InvestigationSuspended;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.topology.rules.CountryRules;

/**
 * STALLED_COMPLAINT: every complaint or appeal to an authority that can open a criminal case must
 * lead to an investigation or a decision (a refusal, an annulment, a suspension or resumption of
 * the investigation included) within {@code stalledComplaintDays}; a withdrawal also ends the wait.
 * Complaints to the ombudsman, the national preventive mechanism or a UN treaty body start no such
 * clock: they cannot open a case. No country in the region has an independent body for such
 * complaints, and most are never investigated: this is the rule that shows it.
 */
public final class StalledComplaintRule extends DeadlineRule {

  public StalledComplaintRule() {
    super(RuleId.STALLED_COMPLAINT, 3, Severity.MEDIUM, "investigation opened or decision");
  }

  @Override
  List<CaseEvent> starts(final CaseFacts facts) {
    return facts.events().stream().filter(StalledComplaintRule::startsTheClock).toList();
  }

  private static boolean startsTheClock(final CaseEvent event) {
    final Object payload = event.getPayload();
    return (payload instanceof ComplaintFiled complaint
            && CriminalAuthorities.canOpenACriminalCase(complaint.getAuthority()))
        || (payload instanceof DecisionAppealed appeal
            && CriminalAuthorities.canOpenACriminalCase(appeal.getAuthority()));
  }

  @Override
  boolean answers(final CaseFacts facts, final CaseEvent start, final CaseEvent event) {
    final Object payload = event.getPayload();
    return payload instanceof InvestigationOpened
        || payload instanceof InvestigationClosed
        || payload instanceof InvestigationSuspended
        || payload instanceof InvestigationResumed
        || payload instanceof ComplaintWithdrawn
        || (payload instanceof DecisionAnnulled annulled
            && facts.inForce(annulled.getDecisionEventId()).isPresent());
  }

  /**
   * A decision on the instant of a complaint closes an investigation opened before it, if one is
   * open.
   */
  @Override
  boolean takenByEarlier(final CaseFacts facts, final CaseEvent start, final CaseEvent answer) {
    if (!(answer.getPayload() instanceof InvestigationClosed)) {
      return false;
    }
    return facts.all(InvestigationOpened.class).stream()
        .filter(opening -> opening.getOccurredAt().isBefore(start.getOccurredAt()))
        .anyMatch(
            opening ->
                facts.all(InvestigationClosed.class).stream()
                    .noneMatch(
                        decision ->
                            !decision.getOccurredAt().isBefore(opening.getOccurredAt())
                                && decision.getOccurredAt().isBefore(answer.getOccurredAt())));
  }

  /** An opening answers every complaint pending when it is opened, one filed that day included. */
  @Override
  boolean answersEveryoneWaiting(final CaseEvent answer) {
    return answer.getPayload() instanceof InvestigationOpened;
  }

  @Override
  Optional<Term> term(final CaseFacts facts, final CountryRules parameters, final CaseEvent start) {
    return Optional.of(Term.of(parameters.stalledComplaintDays()));
  }

  @Override
  String describe(final CaseEvent event) {
    final Object payload = event.getPayload();
    if (payload instanceof ComplaintFiled complaint) {
      return "complaint filed to " + complaint.getAuthority();
    }
    if (payload instanceof DecisionAppealed appeal) {
      return "decision appealed to " + appeal.getAuthority();
    }
    if (payload instanceof InvestigationOpened) {
      return "investigation opened";
    }
    if (payload instanceof InvestigationClosed closed) {
      return "complaint decided (" + closed.getOutcome() + ")";
    }
    if (payload instanceof DecisionAnnulled) {
      return "decision annulled";
    }
    if (payload instanceof InvestigationSuspended || payload instanceof InvestigationResumed) {
      return payload instanceof InvestigationSuspended
          ? "investigation suspended"
          : "investigation resumed";
    }
    return "complaint withdrawn (" + ((ComplaintWithdrawn) payload).getReason() + ")";
  }
}
