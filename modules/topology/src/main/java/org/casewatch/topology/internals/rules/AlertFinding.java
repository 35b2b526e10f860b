package org.casewatch.topology.internals.rules;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
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
 * <p>Its explanation is written when first asked for, and then kept: a case is judged on every
 * event, and most findings change nothing, so their text is never read.
 */
public final class AlertFinding {

  private final String alertId;
  private final RuleId rule;
  private final int ruleVersion;
  private final AlertStatus status;
  private final AlertResolution resolution;
  private final Severity severity;
  private final Instant at;
  private final Instant deadline;
  private final String triggeringEventId;
  private final Integer thresholdDays;
  private Supplier<String> writer;
  private String explanation;

  /**
   * A finding whose explanation is already written.
   *
   * @param resolution why it is resolved; null when RAISED
   * @param at the missed deadline or the triggering event's time; for RESOLVED, the time of the
   *     resolving event (the tracker never stamps a resolution before its raise)
   * @param deadline the deadline for deadline rules, otherwise null
   * @param triggeringEventId the event that triggered (or resolved) it
   * @param thresholdDays the rule's threshold for the country, if it has one
   */
  public AlertFinding(
      final String alertId,
      final RuleId rule,
      final int ruleVersion,
      final AlertStatus status,
      final AlertResolution resolution,
      final Severity severity,
      final Instant at,
      final Instant deadline,
      final String triggeringEventId,
      final Integer thresholdDays,
      final String explanation) {
    this(
        alertId,
        rule,
        ruleVersion,
        status,
        resolution,
        severity,
        at,
        deadline,
        triggeringEventId,
        thresholdDays,
        () -> explanation);
  }

  private AlertFinding(
      final String alertId,
      final RuleId rule,
      final int ruleVersion,
      final AlertStatus status,
      final AlertResolution resolution,
      final Severity severity,
      final Instant at,
      final Instant deadline,
      final String triggeringEventId,
      final Integer thresholdDays,
      final Supplier<String> explanation) {
    this.alertId = alertId;
    this.rule = rule;
    this.ruleVersion = ruleVersion;
    this.status = status;
    this.resolution = resolution;
    this.severity = severity;
    this.at = at;
    this.deadline = deadline;
    this.triggeringEventId = triggeringEventId;
    this.thresholdDays = thresholdDays;
    this.writer = explanation;
  }

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
      final Supplier<String> explanation) {
    final List<String> reasons = Escalation.reasons(facts, at);
    final Severity severity = Escalation.raise(base, reasons);
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
        severity == base
            ? explanation
            : () ->
                explanation.get()
                    + "; "
                    + severity
                    + " rather than "
                    + base
                    + ": "
                    + String.join(" and ", reasons));
  }

  /** The same, with an explanation already written. */
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
    return raised(
        facts,
        alertId,
        rule,
        base,
        at,
        deadline,
        triggeringEventId,
        thresholdDays,
        () -> explanation);
  }

  AlertFinding resolvedAs(
      final AlertResolution why,
      final Instant resolvedAt,
      final String resolvingEventId,
      final String resolvedExplanation) {
    return resolvedAs(why, resolvedAt, resolvingEventId, () -> resolvedExplanation);
  }

  AlertFinding resolvedAs(
      final AlertResolution why,
      final Instant resolvedAt,
      final String resolvingEventId,
      final Supplier<String> resolvedExplanation) {
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

  public String alertId() {
    return alertId;
  }

  public RuleId rule() {
    return rule;
  }

  public int ruleVersion() {
    return ruleVersion;
  }

  public AlertStatus status() {
    return status;
  }

  public AlertResolution resolution() {
    return resolution;
  }

  public Severity severity() {
    return severity;
  }

  public Instant at() {
    return at;
  }

  public Instant deadline() {
    return deadline;
  }

  public String triggeringEventId() {
    return triggeringEventId;
  }

  public Integer thresholdDays() {
    return thresholdDays;
  }

  /** Why, in words, written the first time it is asked for. Findings are read by one thread. */
  public String explanation() {
    if (explanation == null) {
      explanation = writer.get();
      writer = null;
    }
    return explanation;
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
        .setExplanation(explanation())
        .build();
  }

  @Override
  public String toString() {
    return rule
        + " "
        + status
        + (resolution == null ? "" : " " + resolution)
        + " at "
        + at
        + ": "
        + explanation();
  }
}
