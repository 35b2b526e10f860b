package org.casewatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;

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
        .setDeadline(node.path("deadline").isTextual() ? Instant.parse(node.path("deadline").asText()) : null)
        .setTriggeringEventId(node.path("triggeringEventId").isTextual() ? node.path("triggeringEventId").asText() : null)
        .setThresholdDays(node.path("thresholdDays").isInt() ? node.path("thresholdDays").asInt() : null)
        .setResolution(node.path("resolution").isTextual() ? AlertResolution.valueOf(node.path("resolution").asText()) : null)
        .setRulesVersion(node.path("rulesVersion").isTextual() ? node.path("rulesVersion").asText() : null)
        .setExplanation(node.path("explanation").asText())
        .build();
  }
}
