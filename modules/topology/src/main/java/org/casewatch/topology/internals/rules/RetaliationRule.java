package org.casewatch.topology.internals.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.ReprisalReported;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.topology.rules.CountryRules;
import org.casewatch.topology.rules.LocalCalendar;

/**
 * RETALIATION: a reprisal on a case after its complaint was filed, raised at once, one alert per
 * reprisal. Criminal proceedings against the complainant (Kazakh "false report" charges, Kyrgyz
 * proceedings against those who withdraw) and detention are HIGH.
 */
public final class RetaliationRule extends NamedRule {

  private static final Set<ReprisalKind> HIGH =
      EnumSet.of(ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT, ReprisalKind.DETENTION);

  public RetaliationRule() {
    super(RuleId.RETALIATION, 3);
  }

  @Override
  public RuleVerdict evaluate(
      final CaseFacts facts, final CountryRules parameters, final Instant now) {
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
      final LocalCalendar calendar = facts.calendar();
      findings.add(
          AlertFinding.raised(
              facts,
              AlertIds.of(facts.caseId(), id(), event.getEventId()),
              this,
              HIGH.contains(reprisal.getKind()) ? Severity.HIGH : Severity.MEDIUM,
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
                      + calendar.daysBetween(complaint.get(), event.getOccurredAt())
                      + " days after the complaint filed "
                      + calendar.date(complaint.get())));
    }
    return new RuleVerdict(findings, List.of());
  }
}
