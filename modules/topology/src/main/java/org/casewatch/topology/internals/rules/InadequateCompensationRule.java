package org.casewatch.topology.internals.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.MinorUnits;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.topology.rules.CountryRules;
import org.casewatch.topology.rules.DatedThreshold;

/**
 * INADEQUATE_COMPENSATION (optional): an award below the country's floor for its currency, as the
 * Tajik awards the coalition called "neither fair nor adequate", unless the case's awards in that
 * currency reach the floor with it. Resolved once they add up to the floor later.
 */
public final class InadequateCompensationRule extends NamedRule {

  public InadequateCompensationRule() {
    super(RuleId.INADEQUATE_COMPENSATION, 3);
  }

  @Override
  public RuleVerdict evaluate(
      final CaseFacts facts, final CountryRules parameters, final Instant now) {
    final List<AlertFinding> findings = new ArrayList<>();
    final Map<String, Long> totals = new HashMap<>();
    for (final CaseEvent event : facts.all(CompensationAwarded.class)) {
      final CompensationAwarded award = (CompensationAwarded) event.getPayload();
      final Optional<DatedThreshold> inForce =
          parameters.compensationFloor(
              award.getCurrency(), facts.calendar().dateOf(event.getOccurredAt()));
      final long total = totals.merge(award.getCurrency(), award.getAmountMinor(), MinorUnits::sum);
      // An award that brings the case's total up to the floor is adequate as a whole.
      if (inForce.isEmpty() || total >= inForce.get().threshold()) {
        continue;
      }
      final long floor = inForce.get().threshold();
      final String alertId = AlertIds.of(facts.caseId(), id(), event.getEventId());
      final String below =
          "compensation of "
              + award.getAmountMinor()
              + " "
              + award.getCurrency()
              + " (minor units) awarded "
              + facts.calendar().date(event.getOccurredAt())
              + " is below the floor of "
              + inForce.get().describe(award.getCurrency() + " minor units");
      final AlertFinding raised =
          AlertFinding.raised(
              facts,
              alertId,
              this,
              Severity.LOW,
              event.getOccurredAt(),
              null,
              event.getEventId(),
              null,
              below);
      findings.add(raised);
      final CaseEvent reachingFloor = firstReachingFloor(facts, award.getCurrency(), floor);
      if (reachingFloor != null) {
        findings.add(
            raised.resolvedAs(
                AlertResolution.NO_LONGER_APPLIES,
                reachingFloor.getOccurredAt(),
                reachingFloor.getEventId(),
                () ->
                    below
                        + "; awards reached the floor on "
                        + facts.calendar().date(reachingFloor.getOccurredAt())));
      }
    }
    return new RuleVerdict(findings, List.of());
  }

  /** The award with which the case's total in {@code currency} first reaches {@code floor}. */
  private static CaseEvent firstReachingFloor(
      final CaseFacts facts, final String currency, final long floor) {
    long total = 0;
    for (final CaseEvent event : facts.all(CompensationAwarded.class)) {
      final CompensationAwarded award = (CompensationAwarded) event.getPayload();
      if (award.getCurrency().equals(currency)) {
        total = MinorUnits.add(total, award.getAmountMinor());
        if (total >= floor) {
          return event;
        }
      }
    }
    return null;
  }
}
