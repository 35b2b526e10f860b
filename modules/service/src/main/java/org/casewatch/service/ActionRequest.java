package org.casewatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
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

/**
 * The body of {@code POST /v1/alerts/{alertId}/actions}: {@code {"caseId": "KZ-2016-0042", "type":
 * "ASSIGNED", "to": "bishkek-desk"}}. {@code caseId} is the alert's case, as in the alert (it says
 * where the alert is kept); {@code to}, {@code kind} and {@code reason} go with ASSIGNED,
 * ACTION_TAKEN and CLOSED. Codes and ids only: any other field is refused, so no note (which would
 * carry names) can slip in.
 */
record ActionRequest(
    String caseId, AlertActionType type, String to, ActionTakenKind kind, CloseReason reason) {

  private static final Set<String> FIELDS = Set.of("caseId", "type", "to", "kind", "reason");
  private static final String EXAMPLE =
      "{\"caseId\": \"KZ-2016-0042\", \"type\": \"ACKNOWLEDGED\"}";

  /**
   * Reads and checks a body; what is wrong is an {@link IllegalArgumentException} (400) that says
   * so.
   */
  static ActionRequest parse(final String body) {
    final JsonNode node = StrictJson.object(body, FIELDS, "an action", EXAMPLE);
    final String caseId = StrictJson.text(node, "caseId");
    if (caseId == null || !Countries.CASE_ID.matcher(caseId).matches()) {
      throw new IllegalArgumentException(
          "caseId is required: the alert's case, as in the alert, like KZ-2016-0042");
    }
    final String typeText = StrictJson.text(node, "type");
    if (typeText == null) {
      throw new BadParameter("type", "", StrictJson.names(AlertActionType.class));
    }
    final AlertActionType type = StrictJson.symbol("type", typeText, AlertActionType.class);
    final String to = StrictJson.text(node, "to");
    if (to != null
        && (!CaseEventValidator.COALITION.matcher(to).matches()
            || to.equals(AlertQuery.UNASSIGNED))) {
      throw new IllegalArgumentException(
          "to must be a coordinator id from the access file (letters, digits, '.', '_' "
              + "and '-', at most 64; '"
              + AlertQuery.UNASSIGNED
              + "' is reserved for unassigned alerts)");
    }
    final String kind = StrictJson.text(node, "kind");
    final String reason = StrictJson.text(node, "reason");
    return new ActionRequest(
        caseId,
        type,
        to,
        kind == null ? null : StrictJson.symbol("kind", kind, ActionTakenKind.class),
        reason == null ? null : StrictJson.symbol("reason", reason, CloseReason.class));
  }

  /**
   * The body's caseId, if it is JSON with one that looks like a caseId: for the audit of a request
   * refused as bad.
   */
  static Optional<String> caseIdIn(final String body) {
    return StrictJson.tree(body)
        .map(node -> node.path("caseId"))
        .filter(
            caseId -> caseId.isTextual() && Countries.CASE_ID.matcher(caseId.asText()).matches())
        .map(JsonNode::asText);
  }

  /** The action as recorded, by {@code coordinator} with {@code tokenId}, at {@code at}. */
  AlertAction toAction(
      final String alertId, final String coordinator, final String tokenId, final Instant at) {
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
}
