package org.casewatch.topology.internals.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.Custodian;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.ReprisalReported;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.topology.rules.CountryRules;
import org.casewatch.topology.rules.DatedThreshold;
import org.casewatch.topology.rules.LocalCalendar;

/**
 * INTIMIDATION: a reprisal after the case was registered and before any complaint, so that none is
 * filed (Kazakh officials' warnings of "false information" charges). MEDIUM; HIGH when the victim
 * is in custody: held by an agency at the time, or punished in a way only a detainee can be. A
 * reprisal at or after the first complaint is RETALIATION instead.
 */
public final class IntimidationRule extends NamedRule {

  private static final Set<ReprisalKind> ONLY_IN_CUSTODY =
      EnumSet.of(ReprisalKind.PUNISHMENT_CELL, ReprisalKind.TRANSFER_TO_WORSE_FACILITY);

  public IntimidationRule() {
    super(RuleId.INTIMIDATION, 1);
  }

  @Override
  public RuleVerdict evaluate(
      final CaseFacts facts, final CountryRules parameters, final Instant now) {
    final Optional<CaseEvent> registration = facts.first(CaseRegistered.class);
    if (registration.isEmpty()) {
      return RuleVerdict.nothing();
    }
    final Optional<CaseEvent> complaint = facts.first(ComplaintFiled.class);
    final LocalCalendar calendar = facts.calendar();
    final List<AlertFinding> findings = new ArrayList<>();
    for (final CaseEvent event : facts.all(ReprisalReported.class)) {
      final boolean beforeAnyComplaint =
          facts.compare(event, registration.get()) > 0
              && complaint.map(filed -> facts.compare(event, filed) < 0).orElse(true);
      final Optional<DatedThreshold> inForce =
          parameters.threshold(id(), calendar.dateOf(event.getOccurredAt()));
      if (!beforeAnyComplaint || inForce.isEmpty()) {
        continue;
      }
      final ReprisalReported reprisal = (ReprisalReported) event.getPayload();
      final boolean inCustody =
          facts
                  .custodianAt(event.getOccurredAt())
                  .filter(held -> held != Custodian.RELEASED)
                  .isPresent()
              || ONLY_IN_CUSTODY.contains(reprisal.getKind());
      findings.add(
          AlertFinding.raised(
              facts,
              AlertIds.of(facts.caseId(), id(), event.getEventId()),
              this,
              inCustody ? Severity.HIGH : Severity.MEDIUM,
              event.getOccurredAt(),
              null,
              event.getEventId(),
              null,
              () ->
                  "reprisal "
                      + reprisal.getKind()
                      + " by "
                      + reprisal.getAgency()
                      + " on "
                      + calendar.date(event.getOccurredAt())
                      + ", "
                      + calendar.daysBetween(
                          registration.get().getOccurredAt(), event.getOccurredAt())
                      + " days after registration and before any complaint"
                      + (inCustody ? ", the victim in custody" : "")
                      + " ["
                      + inForce.get().source()
                      + "]"));
    }
    return new RuleVerdict(findings, List.of());
  }
}
