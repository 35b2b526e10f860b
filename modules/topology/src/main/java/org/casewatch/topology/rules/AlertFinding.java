package org.casewatch.topology.rules;

import java.time.Instant;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;

/**
 * What a rule concludes about one of its alerts on a case, at the current clock: it holds
 * (RAISED) or evidence shows it no longer does (RESOLVED). The processor emits only changes.
 *
 * @param at the missed deadline or the triggering event's time; for RESOLVED, the time of the
 *     resolving event
 * @param deadline the deadline for deadline rules, otherwise null
 * @param triggeringEventId the event that triggered (or resolved) it, if one did
 * @param thresholdDays the rule's threshold for the country, if it has one
 */
public record AlertFinding(
    String alertId,
    RuleId rule,
    int ruleVersion,
    AlertStatus status,
    Severity severity,
    Instant at,
    Instant deadline,
    String triggeringEventId,
    Integer thresholdDays,
    String explanation) {

  public Alert toAlert(final String caseId, final Country country) {
    return Alert.newBuilder()
        .setAlertId(alertId)
        .setCaseId(caseId)
        .setCountry(country)
        .setRule(rule)
        .setRuleVersion(ruleVersion)
        .setStatus(status)
        .setSeverity(severity)
        .setAt(at)
        .setDeadline(deadline)
        .setTriggeringEventId(triggeringEventId)
        .setThresholdDays(thresholdDays)
        .setExplanation(explanation)
        .build();
  }
}
