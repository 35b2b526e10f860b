package org.casewatch.topology.rules;

import java.time.Instant;
import java.util.List;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;

/**
 * What a rule concludes about one of its alerts on a case, at the current clock: it holds (RAISED)
 * or evidence shows it no longer does (RESOLVED, with a resolution). The case tracker emits only
 * changes.
 *
 * @param at the missed deadline or the triggering event's time; for RESOLVED, the time of the
 *     resolving event (the tracker never stamps a resolution before its raise)
 * @param deadline the deadline for deadline rules, otherwise null
 * @param triggeringEventId the event that triggered (or resolved) it
 * @param thresholdDays the rule's threshold for the country, if it has one
 * @param resolution why it is resolved; null when RAISED
 */
public record AlertFinding(
    String alertId,
    RuleId rule,
    int ruleVersion,
    AlertStatus status,
    AlertResolution resolution,
    Severity severity,
    Instant at,
    Instant deadline,
    String triggeringEventId,
    Integer thresholdDays,
    String explanation) {

  /**
   * A RAISED finding on the case of {@code facts}: {@code base} severity, one step higher for a
   * minor or a victim held by the agency accused at {@code at} (the explanation says why).
   */
  static AlertFinding raised(
      final CaseFacts facts,
      final String alertId,
      final Rule rule,
      final Severity base,
      final Instant at,
      final Instant deadline,
      final String triggeringEventId,
      final Integer thresholdDays,
      final String explanation) {
    final List<String> reasons = Escalation.reasons(facts, at);
    final Severity severity = Escalation.raise(base, reasons);
    final String why =
        severity == base
            ? ""
            : "; " + severity + " rather than " + base + ": " + String.join(" and ", reasons);
    return new AlertFinding(
        alertId,
        rule.id(),
        rule.version(),
        AlertStatus.RAISED,
        null,
        severity,
        at,
        deadline,
        triggeringEventId,
        thresholdDays,
        explanation + why);
  }

  AlertFinding resolvedAs(
      final AlertResolution why,
      final Instant resolvedAt,
      final String resolvingEventId,
      final String resolvedExplanation) {
    return new AlertFinding(
        alertId,
        rule,
        ruleVersion,
        AlertStatus.RESOLVED,
        why,
        severity,
        resolvedAt,
        deadline,
        resolvingEventId,
        thresholdDays,
        resolvedExplanation);
  }

  public Alert toAlert(final String caseId, final Country country, final String rulesVersion) {
    return Alert.newBuilder()
        .setAlertId(alertId)
        .setCaseId(caseId)
        .setCountry(country)
        .setRule(rule)
        .setRuleVersion(ruleVersion)
        .setStatus(status)
        .setResolution(resolution)
        .setSeverity(severity)
        .setAt(at)
        .setDeadline(deadline)
        .setTriggeringEventId(triggeringEventId)
        .setThresholdDays(thresholdDays)
        .setRulesVersion(rulesVersion)
        .setExplanation(explanation)
        .build();
  }
}
