package org.casewatch.topology.rules;

import static org.casewatch.topology.cases.CaseFolding.date;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.topology.cases.CaseFacts;

/**
 * INADEQUATE_COMPENSATION (optional): an award below the country's floor for its currency, as
 * the Tajik awards the coalition called "neither fair nor adequate". Resolved once the case's
 * awards in that currency add up to the floor.
 */
public final class InadequateCompensationRule implements Rule {

  @Override
  public RuleId id() {
    return RuleId.INADEQUATE_COMPENSATION;
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public RuleVerdict evaluate(final CaseFacts facts, final CountryRules parameters, final Instant now) {
    final List<AlertFinding> findings = new ArrayList<>();
    for (final CaseEvent event : facts.all(CompensationAwarded.class)) {
      final CompensationAwarded award = (CompensationAwarded) event.getPayload();
      final Long floor = parameters.compensationFloors().get(award.getCurrency());
      if (floor == null || award.getAmountMinor() >= floor) {
        continue;
      }
      final String alertId = AlertIds.of(facts.caseId(), id(), event.getEventId());
      final String below = "compensation of " + award.getAmountMinor() + " " + award.getCurrency()
          + " (minor units) awarded " + date(event.getOccurredAt()) + " is below the floor of " + floor;
      final CaseEvent reachingFloor = firstReachingFloor(facts, award.getCurrency(), floor);
      if (reachingFloor == null) {
        findings.add(new AlertFinding(alertId, id(), version(), AlertStatus.RAISED, Severity.LOW,
            event.getOccurredAt(), null, event.getEventId(), null, below));
      } else {
        findings.add(new AlertFinding(alertId, id(), version(), AlertStatus.RESOLVED, Severity.LOW,
            reachingFloor.getOccurredAt(), null, reachingFloor.getEventId(), null,
            below + "; awards reached the floor on " + date(reachingFloor.getOccurredAt())));
      }
    }
    return new RuleVerdict(findings, List.of());
  }

  /** The award with which the case's total in {@code currency} first reaches {@code floor}. */
  private static CaseEvent firstReachingFloor(final CaseFacts facts, final String currency, final long floor) {
    long total = 0;
    for (final CaseEvent event : facts.all(CompensationAwarded.class)) {
      final CompensationAwarded award = (CompensationAwarded) event.getPayload();
      if (award.getCurrency().equals(currency)) {
        total += award.getAmountMinor();
        if (total >= floor) {
          return event;
        }
      }
    }
    return null;
  }
}
