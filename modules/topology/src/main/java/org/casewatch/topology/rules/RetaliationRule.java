package org.casewatch.topology.rules;

import static org.casewatch.topology.cases.CaseFolding.date;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.ReprisalReported;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.topology.cases.CaseFacts;

/**
 * RETALIATION: a reprisal on a case after its complaint was filed, raised at once, one alert per
 * reprisal. Criminal proceedings against the complainant (Kazakh "false report" charges, Kyrgyz
 * proceedings against those who withdraw) and detention are HIGH.
 */
public final class RetaliationRule implements Rule {

  private static final Set<ReprisalKind> HIGH =
      EnumSet.of(ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT, ReprisalKind.DETENTION);

  @Override
  public RuleId id() {
    return RuleId.RETALIATION;
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public RuleVerdict evaluate(final CaseFacts facts, final CountryRules parameters, final Instant now) {
    final Optional<Instant> complaint = facts.firstAt(ComplaintFiled.class);
    if (!parameters.retaliationEnabled() || complaint.isEmpty()) {
      return RuleVerdict.nothing();
    }
    final List<AlertFinding> findings = new ArrayList<>();
    for (final CaseEvent event : facts.all(ReprisalReported.class)) {
      if (event.getOccurredAt().isBefore(complaint.get())) {
        continue;
      }
      final ReprisalReported reprisal = (ReprisalReported) event.getPayload();
      final long daysAfter = Duration.between(complaint.get(), event.getOccurredAt()).toDays();
      findings.add(new AlertFinding(
          AlertIds.of(facts.caseId(), id(), event.getEventId()),
          id(), version(), AlertStatus.RAISED,
          HIGH.contains(reprisal.getKind()) ? Severity.HIGH : Severity.MEDIUM,
          event.getOccurredAt(), null, event.getEventId(), null,
          "reprisal " + reprisal.getKind() + " by " + reprisal.getAgency() + " on " + date(event.getOccurredAt())
              + ", " + daysAfter + " days after the complaint filed " + date(complaint.get())));
    }
    return new RuleVerdict(findings, List.of());
  }
}
