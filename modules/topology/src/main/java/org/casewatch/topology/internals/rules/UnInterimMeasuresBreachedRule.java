package org.casewatch.topology.internals.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Custodian;
import org.casewatch.model.CustodyChanged;
import org.casewatch.model.ReprisalReported;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.model.UnCommunication;
import org.casewatch.model.UnStage;
import org.casewatch.topology.rules.CountryRules;
import org.casewatch.topology.rules.DatedThreshold;
import org.casewatch.topology.rules.LocalCalendar;

/**
 * UN_INTERIM_MEASURES_BREACHED: a reprisal, or a transfer of the victim, after a UN treaty body
 * requested interim measures: a breach of the State's obligations under the communication
 * procedure. HIGH, one alert per event. A release is not a breach.
 */
public final class UnInterimMeasuresBreachedRule extends NamedRule {

  public UnInterimMeasuresBreachedRule() {
    super(RuleId.UN_INTERIM_MEASURES_BREACHED, 1);
  }

  @Override
  public RuleVerdict evaluate(
      final CaseFacts facts, final CountryRules parameters, final Instant now) {
    final Optional<CaseEvent> measures =
        facts.all(UnCommunication.class).stream()
            .filter(
                event ->
                    ((UnCommunication) event.getPayload()).getStage() == UnStage.INTERIM_MEASURES)
            .findFirst();
    if (measures.isEmpty()) {
      return RuleVerdict.nothing();
    }
    final LocalCalendar calendar = facts.calendar();
    final List<AlertFinding> findings = new ArrayList<>();
    for (final CaseEvent event : facts.events()) {
      final String breach = breach(event);
      final Optional<DatedThreshold> inForce =
          parameters.threshold(id(), calendar.dateOf(event.getOccurredAt()));
      if (breach == null || inForce.isEmpty() || facts.compare(event, measures.get()) <= 0) {
        continue;
      }
      findings.add(
          AlertFinding.raised(
              facts,
              AlertIds.of(facts.caseId(), id(), event.getEventId()),
              this,
              Severity.HIGH,
              event.getOccurredAt(),
              null,
              event.getEventId(),
              null,
              () ->
                  breach
                      + " on "
                      + calendar.date(event.getOccurredAt())
                      + ", after interim measures requested by "
                      + ((UnCommunication) measures.get().getPayload()).getBody()
                      + " on "
                      + calendar.date(measures.get().getOccurredAt())
                      + " ["
                      + inForce.get().source()
                      + "]"));
    }
    return new RuleVerdict(findings, List.of());
  }

  /** What about {@code event} breaches interim measures; null when nothing does. */
  private static String breach(final CaseEvent event) {
    if (event.getPayload() instanceof ReprisalReported reprisal) {
      return "reprisal " + reprisal.getKind() + " by " + reprisal.getAgency();
    }
    if (event.getPayload() instanceof CustodyChanged custody
        && custody.getInCustodyOf() != Custodian.RELEASED) {
      return "victim transferred to " + custody.getInCustodyOf();
    }
    return null;
  }
}
