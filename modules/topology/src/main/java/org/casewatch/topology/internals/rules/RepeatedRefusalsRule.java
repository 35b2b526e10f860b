package org.casewatch.topology.internals.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.topology.rules.CountryRules;
import org.casewatch.topology.rules.DatedThreshold;
import org.casewatch.topology.rules.LocalCalendar;

/**
 * REPEATED_REFUSALS: the second refusal on a case, and each one after it (the rule table's
 * threshold is the count from which a refusal is an alert), HIGH: refusal, appeal, annulment,
 * reopening and refusal again is how complaints are worn down ("ping-pong"). Annulled refusals
 * count: they are the ping-pong.
 */
public final class RepeatedRefusalsRule extends NamedRule {

  public RepeatedRefusalsRule() {
    super(RuleId.REPEATED_REFUSALS, 1);
  }

  @Override
  public RuleVerdict evaluate(
      final CaseFacts facts, final CountryRules parameters, final Instant now) {
    final LocalCalendar calendar = facts.calendar();
    final List<CaseEvent> refusals = facts.events().stream().filter(CaseFacts::isRefusal).toList();
    final List<AlertFinding> findings = new ArrayList<>();
    for (int n = 1; n <= refusals.size(); n++) {
      final CaseEvent refusal = refusals.get(n - 1);
      final Optional<DatedThreshold> inForce =
          parameters.threshold(id(), calendar.dateOf(refusal.getOccurredAt()));
      if (inForce.isEmpty() || n < Math.max(2, inForce.get().threshold())) {
        continue;
      }
      final int number = n;
      findings.add(
          AlertFinding.raised(
              facts,
              AlertIds.of(facts.caseId(), id(), refusal.getEventId()),
              this,
              Severity.HIGH,
              refusal.getOccurredAt(),
              null,
              refusal.getEventId(),
              null,
              () ->
                  "refusal no. "
                      + number
                      + " on "
                      + calendar.date(refusal.getOccurredAt())
                      + " after refusals on "
                      + String.join(
                          ", ",
                          refusals.subList(0, number - 1).stream()
                              .map(event -> calendar.date(event.getOccurredAt()))
                              .toList())
                      + " [an alert from refusal no. "
                      + inForce.get().threshold()
                      + ", since "
                      + inForce.get().since()
                      + ": "
                      + inForce.get().source()
                      + "]"));
    }
    return new RuleVerdict(findings, List.of());
  }
}
