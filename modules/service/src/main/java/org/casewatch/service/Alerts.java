package org.casewatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.casewatch.model.ActionTakenKind;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertActionType;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.AlertTriage;
import org.casewatch.model.CloseReason;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.model.TriageState;
import org.casewatch.model.TriageStep;

/** Reads back the JSON form of an alert that another instance sent. */
final class Alerts {

  private Alerts() {}

  static Alert fromJson(final JsonNode node) {
    return Alert.newBuilder()
        .setAlertId(node.path("alertId").asText())
        .setCaseId(node.path("caseId").asText())
        .setCountry(Country.valueOf(node.path("country").asText()))
        .setRule(RuleId.valueOf(node.path("rule").asText()))
        .setRuleVersion(node.path("ruleVersion").asInt())
        .setStatus(AlertStatus.valueOf(node.path("status").asText()))
        .setSeverity(Severity.valueOf(node.path("severity").asText()))
        .setAt(Instant.parse(node.path("at").asText()))
        .setDeadline(
            node.path("deadline").isTextual()
                ? Instant.parse(node.path("deadline").asText())
                : null)
        .setTriggeringEventId(
            node.path("triggeringEventId").isTextual()
                ? node.path("triggeringEventId").asText()
                : null)
        .setThresholdDays(
            node.path("thresholdDays").isInt() ? node.path("thresholdDays").asInt() : null)
        .setResolution(
            node.path("resolution").isTextual()
                ? AlertResolution.valueOf(node.path("resolution").asText())
                : null)
        .setRulesVersion(
            node.path("rulesVersion").isTextual() ? node.path("rulesVersion").asText() : null)
        .setExplanation(node.path("explanation").asText())
        .setTriage(node.path("triage").isObject() ? triageFromJson(node.path("triage")) : null)
        .build();
  }

  private static AlertTriage triageFromJson(final JsonNode node) {
    final List<ActionTakenKind> taken = new ArrayList<>();
    node.path("actionsTaken").forEach(kind -> taken.add(ActionTakenKind.valueOf(kind.asText())));
    return AlertTriage.newBuilder()
        .setState(TriageState.valueOf(node.path("state").asText()))
        .setAssignee(text(node, "assignee"))
        .setActionsTaken(taken)
        .setCloseReason(
            node.path("closeReason").isTextual()
                ? CloseReason.valueOf(node.path("closeReason").asText())
                : null)
        .setAcknowledgedAt(instant(node, "acknowledgedAt"))
        .setClosedAt(instant(node, "closedAt"))
        .setLastActionAt(instant(node, "lastActionAt"))
        .setLastActionBy(text(node, "lastActionBy"))
        .setHistory(steps(node.path("history")))
        .setActionCount(node.path("actionCount").asInt())
        .build();
  }

  private static List<TriageStep> steps(final JsonNode history) {
    final List<TriageStep> steps = new ArrayList<>();
    history.forEach(
        step ->
            steps.add(
                TriageStep.newBuilder()
                    .setActionId(step.path("actionId").asText())
                    .setType(AlertActionType.valueOf(step.path("type").asText()))
                    .setTo(text(step, "to"))
                    .setKind(
                        step.path("kind").isTextual()
                            ? ActionTakenKind.valueOf(step.path("kind").asText())
                            : null)
                    .setReason(
                        step.path("reason").isTextual()
                            ? CloseReason.valueOf(step.path("reason").asText())
                            : null)
                    .setCoordinator(step.path("coordinator").asText())
                    .setAt(Instant.parse(step.path("at").asText()))
                    .build()));
    return steps;
  }

  private static String text(final JsonNode node, final String field) {
    return node.path(field).isTextual() ? node.path(field).asText() : null;
  }

  private static Instant instant(final JsonNode node, final String field) {
    return node.path(field).isTextual() ? Instant.parse(node.path(field).asText()) : null;
  }
}
