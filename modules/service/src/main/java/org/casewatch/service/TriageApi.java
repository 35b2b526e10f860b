package org.casewatch.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.casewatch.access.CoalitionDirectory;
import org.casewatch.json.AvroJson;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertAction;
import org.casewatch.model.AlertActionType;
import org.casewatch.topology.triage.TriageFold;

/**
 * {@code POST /v1/alerts/{alertId}/actions}: a coordinator with the triage permission acknowledges,
 * assigns, records an action on, closes or reopens an alert. The action is checked against the
 * alert's triage as it stands (the same {@link TriageFold} the topology applies), written to {@code
 * casewatch.alert-actions} and answered 202: the topology folds it into the alert within moments.
 * Two coordinators acting at once may both be told 202 while the topology refuses the second
 * (dead-lettered with its reason), as it would had they asked one after the other.
 */
final class TriageApi {

  static final String PATH = "/v1/alerts/{alertId}/actions";

  /** What the audit of the request keeps: its case and its codes, set once the body is read. */
  static final String AUDIT_CASE = "casewatch.audit.caseId";

  static final String AUDIT_PARAMETERS = "casewatch.audit.parameters";

  private final QueryApi queries;
  private final ActionLog actions;
  private final Optional<CoalitionDirectory> directory;
  private final Access access;
  private final AuditedRead audited;
  private final TriageMetrics metrics;
  private final Clock clock;

  TriageApi(
      final QueryApi queries,
      final ActionLog actions,
      final Optional<CoalitionDirectory> directory,
      final Access access,
      final AuditedRead audited,
      final TriageMetrics metrics,
      final Clock clock) {
    this.audited = audited;
    this.metrics = metrics;
    this.queries = queries;
    this.actions = actions;
    this.directory = directory;
    this.access = access;
    this.clock = clock;
  }

  void mount(final RoutesConfig routes) {
    routes.post(PATH, this::act);
  }

  /**
   * Whether {@code path} (collapsed) is an alert's actions, which only triage tokens may post to.
   */
  static boolean isActions(final String path) {
    // As the router sees it: a trailing slash names the same route.
    final String bare = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    final String[] parts = bare.split("/", -1);
    return parts.length == 5
        && parts[0].isEmpty()
        && parts[1].equals("v1")
        && parts[2].equals("alerts")
        && !parts[3].isEmpty()
        && parts[4].equals("actions");
  }

  /**
   * Checks the request (400), finds the alert (404), folds the action into its triage as it stands
   * (409), puts the request on record in the audit (503 if it cannot be: nothing is written), then
   * writes the action (503 if Kafka does not acknowledge it, itself on record).
   */
  private void act(final Context ctx) {
    final String alertId = ctx.pathParam("alertId");
    ActionRequest.caseIdIn(ctx.body()).ifPresent(caseId -> ctx.attribute(AUDIT_CASE, caseId));
    final ActionRequest request = ActionRequest.parse(ctx.body());
    ctx.attribute(AUDIT_PARAMETERS, request.auditParameters());
    final AlertAction action =
        request.toAction(alertId, access.actor(ctx), access.tokenId(ctx), clock.instant());
    final String malformed = TriageFold.malformed(action);
    if (malformed != null) {
      throw new IllegalArgumentException(malformed);
    }
    if (request.type() == AlertActionType.ASSIGNED
        && directory.isPresent()
        && !directory.get().isCoordinatorId(request.to())) {
      throw new IllegalArgumentException(
          "to '"
              + request.to()
              + "' is not a coordinator in the access file; "
              + "assign the alert to a coordinator id that 'casewatch token list' shows");
    }
    final Alert alert =
        queries
            .alertOf(request.caseId(), alertId)
            .orElseThrow(
                () ->
                    new NotFound(
                        "case "
                            + request.caseId()
                            + " has no alert "
                            + alertId
                            + "; GET /v1/cases/"
                            + request.caseId()
                            + " lists its alerts"));
    final TriageFold.Outcome outcome = TriageFold.apply(alert.getTriage(), action);
    if (outcome instanceof TriageFold.Refused refused) {
      throw new Conflict(refused.reason());
    }
    audited.actionAccepted(ctx);
    try {
      actions.append(action);
    } catch (Unavailable e) {
      audited.actionFailed(ctx, 503);
      throw e;
    }
    metrics.accepted(alert, alert.getTriage(), ((TriageFold.Applied) outcome).triage());
    final ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("action", AvroJson.toJson(action));
    body.set("triage", AvroJson.toJson(((TriageFold.Applied) outcome).triage()));
    ctx.status(202);
    QueryApi.send(ctx, body);
  }

  /** The request's audit parameters, if it is an action whose body was read. */
  @SuppressWarnings("unchecked")
  static Optional<Map<String, String>> auditParameters(final Context ctx) {
    return Optional.ofNullable((Map<String, String>) ctx.attribute(AUDIT_PARAMETERS));
  }
}
