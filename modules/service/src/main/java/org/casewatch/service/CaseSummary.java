package org.casewatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.casewatch.json.AvroJson;
import org.casewatch.model.CaseState;
import org.casewatch.model.OpenAlert;
import org.casewatch.model.Severity;

/**
 * One line of {@code GET /v1/cases}: what a coordinator scans a list of cases for, taken from the
 * case's state; {@code GET /v1/cases/{caseId}} has the rest. {@code json} is what the API sends;
 * {@code caseId} and {@code lastEventAt} order the list.
 */
record CaseSummary(String caseId, Instant lastEventAt, ObjectNode json) {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The time a case without a dated event sorts by: after every other. */
  static final Instant NO_EVENT = Instant.EPOCH;

  static CaseSummary of(final CaseState state) {
    final ObjectNode json = NODES.objectNode();
    json.put("caseId", state.getCaseId());
    json.put("country", state.getCountry().name());
    json.put("stage", state.getStage().name());
    json.put("outcome", name(state.getOutcome()));
    json.put("allegation", name(state.getAllegation()));
    json.put("placeOfDetention", name(state.getPlaceOfDetention()));
    json.put("perpetratorAgency", name(state.getPerpetratorAgency()));
    json.set(
        "victim",
        state.getVictim() == null ? NODES.nullNode() : AvroJson.toJson(state.getVictim()));
    final ArrayNode groups = json.putArray("victimProfile");
    VictimGroup.of(state.getVictim()).forEach(group -> groups.add(group.name()));
    json.put("registeredAt", instant(state.getRegisteredAt()));
    json.put("lastEventAt", instant(state.getLastEventAt()));
    json.put(
        "openAlertCount",
        state.getOpenAlertCountByRule().values().stream().mapToLong(Long::longValue).sum());
    final ObjectNode byRule = json.putObject("openAlertCountByRule");
    state.getOpenAlertCountByRule().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> byRule.put(entry.getKey(), entry.getValue()));
    json.put(
        "highestOpenSeverity",
        state.getOpenAlerts().stream()
            .map(OpenAlert::getSeverity)
            .max(Severity::compareTo)
            .map(Severity::name)
            .orElse(null));
    json.put("reprisalCount", state.getReprisalCount());
    json.put("investigationOpenNow", state.getInvestigationOpenNow());
    json.put("suspendedNow", state.getSuspendedNow());
    return new CaseSummary(
        state.getCaseId(), Optional.ofNullable(state.getLastEventAt()).orElse(NO_EVENT), json);
  }

  /** Reads back a summary another instance sent. */
  static CaseSummary fromJson(final JsonNode node) {
    final JsonNode lastEventAt = node.path("lastEventAt");
    return new CaseSummary(
        node.path("caseId").asText(),
        lastEventAt.isTextual() ? Instant.parse(lastEventAt.asText()) : NO_EVENT,
        (ObjectNode) node);
  }

  private static String name(final Enum<?> symbol) {
    return symbol == null ? null : symbol.name();
  }

  private static String instant(final Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
