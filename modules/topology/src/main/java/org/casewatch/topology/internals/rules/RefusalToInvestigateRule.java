package org.casewatch.topology.internals.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.DecisionAnnulled;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.topology.rules.CountryRules;
import org.casewatch.topology.rules.DatedThreshold;
import org.casewatch.topology.rules.LocalCalendar;

/**
 * REFUSAL_TO_INVESTIGATE: a refusal to initiate criminal proceedings, or a termination for lack of
 * a crime, raised at once (MEDIUM): the usual answer to a torture complaint in the region, and the
 * lawyer's cue to appeal. Resolved (NO_LONGER_APPLIES) when the refusal is annulled or the case is
 * reopened after it.
 */
public final class RefusalToInvestigateRule extends NamedRule {

  public RefusalToInvestigateRule() {
    super(RuleId.REFUSAL_TO_INVESTIGATE, 1);
  }

  @Override
  public RuleVerdict evaluate(
      final CaseFacts facts, final CountryRules parameters, final Instant now) {
    final LocalCalendar calendar = facts.calendar();
    final List<AlertFinding> findings = new ArrayList<>();
    for (final CaseEvent refusal : facts.events()) {
      if (!CaseFacts.isRefusal(refusal)) {
        continue;
      }
      final Optional<DatedThreshold> inForce =
          parameters.threshold(id(), calendar.dateOf(refusal.getOccurredAt()));
      if (inForce.isEmpty()) {
        continue;
      }
      final String what =
          "decision "
              + ((InvestigationClosed) refusal.getPayload()).getOutcome()
              + " on "
              + calendar.date(refusal.getOccurredAt())
              + " ["
              + inForce.get().source()
              + "]";
      final AlertFinding raised =
          AlertFinding.raised(
              facts,
              AlertIds.of(facts.caseId(), id(), refusal.getEventId()),
              this,
              Severity.MEDIUM,
              refusal.getOccurredAt(),
              null,
              refusal.getEventId(),
              null,
              () -> what + ": the complaint was not investigated");
      findings.add(raised);
      undone(facts, refusal)
          .ifPresent(
              undoing ->
                  findings.add(
                      raised.resolvedAs(
                          AlertResolution.NO_LONGER_APPLIES,
                          undoing.getOccurredAt(),
                          undoing.getEventId(),
                          () ->
                              what
                                  + "; "
                                  + (undoing.getPayload() instanceof DecisionAnnulled
                                      ? "annulled"
                                      : "investigation reopened")
                                  + " on "
                                  + calendar.date(undoing.getOccurredAt()))));
    }
    return new RuleVerdict(findings, List.of());
  }

  /**
   * The annulment of {@code decision} (whatever its time: it names the decision), or the first
   * opening after it, whichever comes first.
   */
  static Optional<CaseEvent> undone(final CaseFacts facts, final CaseEvent decision) {
    return facts.events().stream()
        .filter(
            event ->
                (event.getPayload() instanceof InvestigationOpened
                        && facts.compare(event, decision) > 0)
                    || (event.getPayload() instanceof DecisionAnnulled annulled
                        && annulled.getDecisionEventId().equals(decision.getEventId())))
        .findFirst();
  }
}
