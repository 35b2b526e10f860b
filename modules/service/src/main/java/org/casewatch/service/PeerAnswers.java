package org.casewatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.casewatch.json.EventType;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseState;
import org.casewatch.model.Countries;
import org.casewatch.model.CountryStats;
import org.casewatch.model.VictimProfile;

/**
 * What each internal route promises to answer, as checks a peer's answer must pass before any of it
 * is used: each returns a clean copy of the answer or throws {@link IllegalArgumentException}
 * naming what was wrong.
 */
final class PeerAnswers {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Fields the internal routes leave out of records on purpose. */
  private static final Set<String> LEFT_OUT = Set.of("daysToInvestigationHistogram");

  private PeerAnswers() {}

  static final UnaryOperator<JsonNode> COUNTRY =
      node -> ContractJson.conform(CountryStats.getClassSchema(), node, LEFT_OUT);
  static final UnaryOperator<JsonNode> CASE_STATE =
      node -> ContractJson.conform(CaseState.getClassSchema(), node, LEFT_OUT);
  static final UnaryOperator<JsonNode> ALERTS =
      node ->
          arrayOf(
              node,
              "alerts",
              alert -> ContractJson.conform(Alert.getClassSchema(), alert, Set.of()));
  static final UnaryOperator<JsonNode> CASE_IDS =
      node ->
          arrayOf(
              node,
              "case ids",
              id -> {
                require(isCaseId(id), "a case id", "a caseId like KZ-2016-0042");
                return id;
              });
  static final UnaryOperator<JsonNode> EVENTS = node -> arrayOf(node, "events", PeerAnswers::event);
  static final UnaryOperator<JsonNode> CASE_SUMMARIES =
      node -> arrayOf(node, "case summaries", PeerAnswers::summary);

  private static final List<String> SUMMARY_TEXTS =
      List.of(
          "stage",
          "outcome",
          "allegation",
          "placeOfDetention",
          "perpetratorAgency",
          "highestOpenSeverity",
          "registeredAt",
          "lastEventAt");
  private static final List<String> SUMMARY_COUNTS = List.of("openAlertCount", "reprisalCount");
  private static final List<String> SUMMARY_FLAGS = List.of("investigationOpenNow", "suspendedNow");

  /** A line of the case list as {@link CaseSummary#of} writes it. */
  private static JsonNode summary(final JsonNode node) {
    require(node.isObject(), "a case summary", "an object");
    final ObjectNode copy = NODES.objectNode();
    final JsonNode caseId = node.path("caseId");
    require(isCaseId(caseId), "caseId", "a caseId like KZ-2016-0042");
    copy.set("caseId", caseId);
    final JsonNode country = node.path("country");
    require(
        country.isTextual() && Countries.fromCode(country.asText()).isPresent(),
        "country",
        "a country code");
    copy.set("country", country);
    for (final String field : SUMMARY_TEXTS) {
      final JsonNode value = node.get(field);
      require(value != null && (value.isNull() || value.isTextual()), field, "text or null");
      copy.set(field, value);
    }
    final JsonNode victim = node.get("victim");
    require(victim != null, "victim", "present");
    copy.set(
        "victim",
        victim.isNull()
            ? victim
            : ContractJson.conform(VictimProfile.getClassSchema(), victim, Set.of()));
    copy.set(
        "victimProfile",
        arrayOf(
            node.path("victimProfile"),
            "victimProfile",
            group -> {
              require(group.isTextual(), "victimProfile", "a list of group names");
              return group;
            }));
    for (final String field : SUMMARY_COUNTS) {
      require(
          node.path(field).canConvertToLong() && node.path(field).isIntegralNumber(),
          field,
          "a whole number");
      copy.set(field, node.get(field));
    }
    final JsonNode byRule = node.path("openAlertCountByRule");
    require(byRule.isObject(), "openAlertCountByRule", "an object");
    byRule
        .fields()
        .forEachRemaining(
            entry ->
                require(
                    entry.getValue().isIntegralNumber(), "openAlertCountByRule", "counts by rule"));
    copy.set("openAlertCountByRule", byRule);
    for (final String field : SUMMARY_FLAGS) {
      require(node.path(field).isBoolean(), field, "true or false");
      copy.set(field, node.get(field));
    }
    return copy;
  }

  /**
   * An event as {@code EventJson.toJson} writes it: envelope texts and a payload of its type's
   * schema.
   */
  private static JsonNode event(final JsonNode node) {
    require(node.isObject(), "an event", "an object");
    final ObjectNode copy = NODES.objectNode();
    final Optional<EventType> type =
        node.path("type").isTextual()
            ? EventType.named(node.path("type").asText())
            : Optional.empty();
    require(type.isPresent(), "type", "an event type");
    copy.set("type", node.get("type"));
    for (final String field : List.of("eventId", "coalition", "occurredAt", "recordedAt")) {
      require(node.path(field).isTextual(), field, "text");
      copy.set(field, node.get(field));
    }
    require(isCaseId(node.path("caseId")), "caseId", "a caseId like KZ-2016-0042");
    copy.set("caseId", node.get("caseId"));
    require(
        node.path("country").isTextual()
            && Countries.fromCode(node.path("country").asText()).isPresent()
            && node.path("caseId").asText().startsWith(node.path("country").asText() + "-"),
        "country",
        "the code the caseId starts with");
    copy.set("country", node.get("country"));
    for (final String field : List.of("occurredAt", "recordedAt")) {
      require(ContractJson.isInstant(node.path(field).asText()), field, "an ISO-8601 instant");
    }
    copy.set(
        "payload",
        ContractJson.conform(type.get().payloadSchema(), node.path("payload"), Set.of()));
    return copy;
  }

  private static boolean isCaseId(final JsonNode node) {
    return node.isTextual() && Countries.CASE_ID.matcher(node.asText()).matches();
  }

  private static ArrayNode arrayOf(
      final JsonNode node, final String what, final UnaryOperator<JsonNode> item) {
    require(node.isArray(), what, "an array");
    final ArrayNode copy = NODES.arrayNode();
    node.forEach(element -> copy.add(item.apply(element)));
    return copy;
  }

  private static void require(final boolean holds, final String where, final String expected) {
    if (!holds) {
      throw new IllegalArgumentException(where + " is not " + expected);
    }
  }
}
