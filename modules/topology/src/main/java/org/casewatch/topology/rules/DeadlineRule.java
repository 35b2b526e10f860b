package org.casewatch.topology.rules;

import static org.casewatch.topology.cases.CaseFolding.date;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.topology.cases.CaseFacts;

/**
 * A step that must be followed by another within N days: raised when the clock passes the
 * deadline with no such event at or before it; resolved by such an event, including one that
 * arrives late but occurred before the deadline.
 */
abstract class DeadlineRule implements Rule {

  private final RuleId id;
  private final Class<?> startType;
  private final String startLabel;
  private final Class<?>[] meetingTypes;
  private final String meetingLabel;
  private final ToIntFunction<CountryRules> days;

  DeadlineRule(
      final RuleId id,
      final Class<?> startType,
      final String startLabel,
      final String meetingLabel,
      final ToIntFunction<CountryRules> days,
      final Class<?>... meetingTypes) {
    this.id = id;
    this.startType = startType;
    this.startLabel = startLabel;
    this.meetingTypes = meetingTypes.clone();
    this.meetingLabel = meetingLabel;
    this.days = days;
  }

  @Override
  public RuleId id() {
    return id;
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public RuleVerdict evaluate(final CaseFacts facts, final CountryRules parameters, final Instant now) {
    final Optional<CaseEvent> start = facts.first(startType);
    if (start.isEmpty()) {
      return RuleVerdict.nothing();
    }
    final int threshold = days.applyAsInt(parameters);
    final Instant startedAt = start.get().getOccurredAt();
    final Instant deadline = startedAt.plus(Duration.ofDays(threshold));
    final String arithmetic =
        startLabel + " " + date(startedAt) + " + " + threshold + " days = deadline " + date(deadline);
    final String alertId = AlertIds.of(facts.caseId(), id, Long.toString(deadline.toEpochMilli()));

    final Optional<CaseEvent> metInTime = facts.firstOfAtOrBefore(deadline, meetingTypes);
    if (metInTime.isPresent()) {
      final CaseEvent met = metInTime.get();
      return RuleVerdict.of(finding(alertId, AlertStatus.RESOLVED, met.getOccurredAt(), deadline, met.getEventId(),
          threshold, arithmetic + "; " + describe(met) + " " + date(met.getOccurredAt())
              + ", by the deadline: it was not missed"));
    }
    if (now.isBefore(deadline)) {
      return RuleVerdict.pending(deadline);
    }
    final AlertFinding raised = finding(alertId, AlertStatus.RAISED, deadline, deadline, start.get().getEventId(),
        threshold, arithmetic + "; no " + meetingLabel + " by " + date(deadline));
    final Optional<CaseEvent> metLate = facts.firstOf(meetingTypes);
    if (metLate.isEmpty()) {
      return RuleVerdict.of(raised);
    }
    // The deadline was missed and the stall has since ended: both are facts, in this order.
    final CaseEvent met = metLate.get();
    final long daysLate = Duration.between(deadline, met.getOccurredAt()).toDays();
    return new RuleVerdict(List.of(raised, finding(alertId, AlertStatus.RESOLVED, met.getOccurredAt(), deadline,
        met.getEventId(), threshold, arithmetic + "; " + describe(met) + " " + date(met.getOccurredAt()) + ", "
            + daysLate + " days after the deadline: the stall ended")), List.of());
  }

  private AlertFinding finding(
      final String alertId, final AlertStatus status, final Instant at, final Instant deadline,
      final String eventId, final int threshold, final String explanation) {
    return new AlertFinding(alertId, id, version(), status, Severity.MEDIUM, at, deadline, eventId, threshold,
        explanation);
  }

  /** How the event that meets the deadline reads in an explanation, e.g. "investigation opened". */
  protected abstract String describe(CaseEvent meeting);
}
