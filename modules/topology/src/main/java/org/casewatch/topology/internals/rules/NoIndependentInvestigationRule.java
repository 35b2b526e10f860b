package org.casewatch.topology.internals.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.topology.rules.CountryRules;
import org.casewatch.topology.rules.LocalCalendar;

/**
 * NO_INDEPENDENT_INVESTIGATION: an investigation opened by an authority of the same structure as
 * the agency the perpetrators belong to (internal affairs investigating the police, the security
 * service investigating its own officers), by the rule table's {@code sameStructure} mapping.
 * MEDIUM, at once.
 */
public final class NoIndependentInvestigationRule extends NamedRule {

  public NoIndependentInvestigationRule() {
    super(RuleId.NO_INDEPENDENT_INVESTIGATION, 1);
  }

  @Override
  public RuleVerdict evaluate(
      final CaseFacts facts, final CountryRules parameters, final Instant now) {
    final Optional<CaseRegistered> registration = facts.registration();
    if (registration.isEmpty()) {
      return RuleVerdict.nothing();
    }
    final LocalCalendar calendar = facts.calendar();
    final List<AlertFinding> findings = new ArrayList<>();
    for (final CaseEvent event : facts.all(InvestigationOpened.class)) {
      final InvestigationOpened opened = (InvestigationOpened) event.getPayload();
      final boolean inForce =
          parameters.threshold(id(), calendar.dateOf(event.getOccurredAt())).isPresent();
      if (!inForce
          || !parameters.sameStructure(
              opened.getAuthority(), registration.get().getPerpetratorAgency())) {
        continue;
      }
      findings.add(
          AlertFinding.raised(
              facts,
              AlertIds.of(facts.caseId(), id(), event.getEventId()),
              this,
              Severity.MEDIUM,
              event.getOccurredAt(),
              null,
              event.getEventId(),
              null,
              () ->
                  "investigation opened "
                      + calendar.date(event.getOccurredAt())
                      + " by "
                      + opened.getAuthority()
                      + " into acts of "
                      + registration.get().getPerpetratorAgency()
                      + ", its own structure ["
                      + parameters.sameStructureSource()
                      + "]"));
    }
    return new RuleVerdict(findings, List.of());
  }
}
