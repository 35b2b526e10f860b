package org.casewatch.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.casewatch.model.ActionTakenKind;
import org.casewatch.model.AlertAction;
import org.casewatch.model.AlertActionType;
import org.casewatch.model.CaseEventValidator;
import org.casewatch.model.CloseReason;
import org.casewatch.model.Countries;
import org.casewatch.model.LogSafe;

/**
 * The body of {@code POST /v1/alerts/{alertId}/actions}: {@code {"caseId": "KZ-2016-0042", "type":
 * "ASSIGNED", "to": "bishkek-desk"}}. {@code caseId} is the alert's case, as in the alert (it says
 * where the alert is kept); {@code to}, {@code kind} and {@code reason} go with ASSIGNED,
 * ACTION_TAKEN and CLOSED. Codes and ids only: any other field is refused, so no note (which would
 * carry names) can slip in.
 */
record ActionRequest(String caseId, AlertActionType type, String to, ActionTakenKind kind, CloseReason reason) {

  /** Strict: a second object after the first, or a field given twice, is refused, not half-read. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final Set<String> FIELDS = Set.of("caseId", "type", "to", "kind", "reason");

  /** Reads and checks a body; what is wrong is an {@link IllegalArgumentException} (400) that says so. */
  static ActionRequest parse(final String body) {
    final JsonNode node;
    try {
      node = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage()
          + "; send {\"caseId\": \"KZ-2016-0042\", \"type\": \"ACKNOWLEDGED\"}");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object such as {\"caseId\": \"KZ-2016-0042\", "
          + "\"type\": \"ACKNOWLEDGED\"}");
    }
    for (final Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      final String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("field '" + LogSafe.text(name) + "' is not part of an action, which takes "
            + "caseId, type, to, kind and reason only (no free text: a note would carry names)");
      }
    }
    final String caseId = text(node, "caseId");
    if (caseId == null || !Countries.CASE_ID.matcher(caseId).matches()) {
      throw new IllegalArgumentException("caseId is required: the alert's case, as in the alert, like KZ-2016-0042");
    }
    final String typeText = text(node, "type");
    if (typeText == null) {
      throw new BadParameter("type", "", names(AlertActionType.values()));
    }
    final AlertActionType type = symbol("type", typeText, AlertActionType.class);
    final String to = text(node, "to");
    if (to != null && (!CaseEventValidator.COALITION.matcher(to).matches() || to.equals(AlertQuery.UNASSIGNED))) {
      throw new IllegalArgumentException("to must be a coordinator id from the access file (letters, digits, '.', '_' "
          + "and '-', at most 64; '" + AlertQuery.UNASSIGNED + "' is reserved for unassigned alerts)");
    }
    final String kind = text(node, "kind");
    final String reason = text(node, "reason");
    return new ActionRequest(caseId, type, to, kind == null ? null : symbol("kind", kind, ActionTakenKind.class),
        reason == null ? null : symbol("reason", reason, CloseReason.class));
  }

  /** The body's caseId, if it is JSON with one that looks like a caseId: for the audit of a request refused as bad. */
  static Optional<String> caseIdIn(final String body) {
    try {
      final JsonNode caseId = JSON.readTree(body == null ? "" : body).path("caseId");
      return caseId.isTextual() && Countries.CASE_ID.matcher(caseId.asText()).matches()
          ? Optional.of(caseId.asText()) : Optional.empty();
    } catch (JsonProcessingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The action as recorded, by {@code coordinator} with {@code tokenId}, at {@code at}. */
  AlertAction toAction(final String alertId, final String coordinator, final String tokenId, final Instant at) {
    return AlertAction.newBuilder()
        .setActionId(UUID.randomUUID().toString())
        .setAlertId(alertId)
        .setCaseId(caseId)
        .setType(type)
        .setTo(to)
        .setKind(kind)
        .setReason(reason)
        .setCoordinator(coordinator)
        .setTokenId(tokenId)
        .setAt(at)
        .build();
  }

  /** What the audit keeps of the request: its codes and ids. */
  Map<String, String> auditParameters() {
    final Map<String, String> kept = new LinkedHashMap<>();
    kept.put("caseId", caseId);
    kept.put("type", type.name());
    if (to != null) {
      kept.put("to", to);
    }
    if (kind != null) {
      kept.put("kind", kind.name());
    }
    if (reason != null) {
      kept.put("reason", reason.name());
    }
    return kept;
  }

  private static String text(final JsonNode node, final String field) {
    final JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return value.asText();
  }

  private static <E extends Enum<E>> E symbol(final String field, final String text, final Class<E> type) {
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw new BadParameter(field, LogSafe.text(text), names(type.getEnumConstants()));
    }
  }

  private static List<String> names(final Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
