package org.casewatch.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.casewatch.access.CoalitionDirectory;
import org.casewatch.access.audit.AuditTrail;
import org.casewatch.access.audit.AuditUnavailable;
import org.casewatch.model.AuditAction;
import org.casewatch.model.AuditOutcome;
import org.casewatch.model.AuditRecord;
import org.casewatch.model.AuditRole;
import org.casewatch.model.Countries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit of case-level reads: every answer on a case, the case list, the alert list, the live
 * alert stream and the audit itself, refused ones included, appends an {@link AuditRecord} to
 * {@code casewatch.audit} before the answer leaves (fail closed: an answer that cannot be recorded
 * becomes a 503, nothing is sent). Country figures are aggregates polled by the dashboard every few
 * seconds, so they are not recorded. It also keeps the roles apart: auditors read the audit only,
 * never a case; the audit is read by auditors only.
 */
final class AuditedRead {

  private static final Logger log = LoggerFactory.getLogger(AuditedRead.class);
  private static final String RECORDED = "casewatch.audit.recorded";
  private static final int MAX_PARAMETERS = 20;
  private static final int MAX_NAME = 64;
  private static final int MAX_VALUE = 200;

  private final CoalitionDirectory directory;
  private final AuditTrail trail;
  private final Supplier<String> instance;
  private volatile boolean failing;

  /**
   * {@code directory} null: authentication is off, every reader is anonymous and every path open.
   */
  AuditedRead(
      final CoalitionDirectory directory, final AuditTrail trail, final Supplier<String> instance) {
    this.directory = directory;
    this.trail = trail;
    this.instance = instance;
  }

  /**
   * Before the access check: the audit answers auditors only (401 without a valid token, 403 for
   * another role), and an auditor's token reads nothing else (403), so an auditor who is also
   * handed a coordinator's duties needs a second token.
   */
  void gate(final Context ctx) {
    if (directory == null) {
      return;
    }
    final String path = normalised(ctx.path());
    final boolean audit = path.equals(AuditApi.PATH);
    if ((!audit && !path.startsWith("/v1/") && !path.startsWith("/internal/"))
        || path.equals("/v1/openapi.json")) {
      return;
    }
    final String token = presentedToken(ctx);
    final Optional<CoalitionDirectory.Holder> holder = directory.identify(token);
    if (audit && holder.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"casewatch\"");
      throw new UnauthorizedResponse(
          "Send an auditor token as 'Authorization: Bearer cw_...'; this request had "
              + (token == null ? "none" : "an unknown one"));
    }
    final boolean auditor =
        holder.map(h -> h.role() == CoalitionDirectory.Role.AUDITOR).orElse(false);
    if (audit && !auditor) {
      throw new ForbiddenResponse(
          "Only auditors read the audit of reads; this token is a "
              + holder.get().role().name().toLowerCase(Locale.ROOT)
              + "'s. Issue one with 'casewatch token add --auditor NAME'");
    }
    if (!audit && auditor) {
      throw new ForbiddenResponse(
          "An auditor's token reads the audit (GET "
              + AuditApi.PATH
              + ") and nothing else; "
              + "use a coordinator's token to read cases, alerts and figures");
    }
  }

  /**
   * After every request: records the audited ones with the status they got; a failed record turns
   * the answer into a 503.
   */
  void afterAnswer(final Context ctx) {
    if (ctx.attribute(RECORDED) != null) {
      return;
    }
    final Optional<AuditAction> action = actionOf(normalised(ctx.path()));
    if (action.isEmpty()) {
      return;
    }
    try {
      append(ctx, action.get(), ctx.statusCode());
    } catch (AuditUnavailable e) {
      ctx.header("Retry-After", "5");
      ctx.status(503)
          .contentType("application/json")
          .result(
              JsonNodeFactory.instance
                  .objectNode()
                  .put("error", "unavailable")
                  .put("message", e.getMessage() + "; the read was not answered, retry shortly")
                  .toString());
    }
  }

  /**
   * Before the alert stream sends its 200: the stream's opening is recorded, or it does not open
   * (503).
   */
  void streamOpening(final Context ctx) {
    try {
      append(ctx, AuditAction.ALERT_STREAM, 200);
    } catch (AuditUnavailable e) {
      throw new Unavailable(e.getMessage() + "; the stream was not opened");
    }
  }

  /**
   * Before an accepted action is written: the request is on record, as 202, or it has no effect
   * (503, nothing written).
   */
  void actionAccepted(final Context ctx) {
    try {
      append(ctx, AuditAction.ALERT_ACTION, 202);
    } catch (AuditUnavailable e) {
      throw new Unavailable(e.getMessage() + "; the action was not recorded");
    }
  }

  /**
   * An accepted action that Kafka did not acknowledge: that is on record too, if the audit can
   * still be written.
   */
  void actionFailed(final Context ctx, final int status) {
    try {
      append(ctx, AuditAction.ALERT_ACTION, status);
    } catch (AuditUnavailable e) {
      log.debug("The failed action's audit record was not written either: {}", e.getMessage());
    }
  }

  private void append(final Context ctx, final AuditAction action, final int status) {
    ctx.attribute(RECORDED, true);
    final String token = presentedToken(ctx);
    final Optional<CoalitionDirectory.Holder> holder =
        directory == null ? Optional.empty() : directory.identify(token);
    final String path = normalised(ctx.path());
    final AuditRecord record =
        AuditRecord.newBuilder()
            .setAuditId(UUID.randomUUID().toString())
            .setTokenId(
                directory == null
                    ? "anonymous"
                    : holder
                        .map(CoalitionDirectory.Holder::tokenId)
                        .or(() -> CoalitionDirectory.tokenIdOf(token))
                        .orElse("none"))
            .setRole(
                directory == null
                    ? AuditRole.ANONYMOUS
                    : holder.map(h -> AuditRole.valueOf(h.role().name())).orElse(AuditRole.UNKNOWN))
            .setAction(action)
            .setPath(cut(path, MAX_VALUE))
            .setCaseId(
                caseIdOf(path)
                    .or(() -> Optional.ofNullable(ctx.<String>attribute(TriageApi.AUDIT_CASE)))
                    .orElse(null))
            .setParameters(
                TriageApi.auditParameters(ctx).orElseGet(() -> parameters(ctx.queryParamMap())))
            .setAt(Instant.now())
            .setOrigin(ctx.ip())
            .setOutcome(
                status == 401 || status == 403
                    ? AuditOutcome.DENIED
                    : status >= 200 && status < 300 ? AuditOutcome.OK : AuditOutcome.FAILED)
            .setStatus(status)
            .setInstance(instance.get())
            .build();
    try {
      trail.append(record);
      if (failing) {
        failing = false;
        log.warn("The audit of reads is written again to {}; reads are answered", trail.topic());
      }
    } catch (AuditUnavailable e) {
      if (!failing) {
        failing = true;
        log.error("{}; audited reads answer 503 until it can be written", e.getMessage());
      }
      throw e;
    }
  }

  /** The action a path's read is recorded as; empty for paths not audited. */
  static Optional<AuditAction> actionOf(final String path) {
    if (path.equals("/v1/cases")) {
      return Optional.of(AuditAction.CASES_LIST);
    }
    if (path.startsWith("/v1/cases/")
        && (path.indexOf('/', "/v1/cases/".length()) < 0 || isCaseEvents(path))) {
      return Optional.of(AuditAction.CASE_READ);
    }
    if (path.equals("/v1/alerts")) {
      return Optional.of(AuditAction.ALERTS_LIST);
    }
    if (path.equals(Access.STREAM)) {
      return Optional.of(AuditAction.ALERT_STREAM);
    }
    if (TriageApi.isActions(path)) {
      return Optional.of(AuditAction.ALERT_ACTION);
    }
    if (SubscriptionApi.isSubscriptions(path)) {
      return Optional.of(AuditAction.SUBSCRIPTIONS);
    }
    return path.equals(AuditApi.PATH) ? Optional.of(AuditAction.AUDIT_READ) : Optional.empty();
  }

  private static Optional<String> caseIdOf(final String path) {
    if (path.startsWith("/v1/cases/")) {
      // Decoded as the route decodes its {caseId}: /v1/cases/%4BZ-2016-0777 reads KZ-2016-0777.
      final String segment = path.substring("/v1/cases/".length());
      final String caseId =
          decoded(isCaseEvents(path) ? segment.substring(0, segment.indexOf('/')) : segment);
      return Countries.CASE_ID.matcher(caseId).matches() ? Optional.of(caseId) : Optional.empty();
    }
    return Optional.empty();
  }

  /** {@code /v1/cases/{caseId}/events}: the case's events, a read of the case. */
  private static boolean isCaseEvents(final String path) {
    final String[] parts = path.split("/", -1);
    return parts.length == 5
        && parts[2].equals("cases")
        && !parts[3].isEmpty()
        && parts[4].equals("events");
  }

  private static String decoded(final String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return segment;
    }
  }

  /**
   * The query parameters worth keeping: never the access token; bounded, so a hostile query cannot
   * bloat the audit.
   */
  static Map<String, String> parameters(final Map<String, List<String>> given) {
    final Map<String, String> kept = new TreeMap<>();
    given.entrySet().stream()
        .filter(entry -> !entry.getKey().equals("access_token"))
        .limit(MAX_PARAMETERS)
        .forEach(
            entry ->
                kept.put(
                    cut(entry.getKey(), MAX_NAME),
                    cut(String.join(",", entry.getValue()), MAX_VALUE)));
    return kept;
  }

  /**
   * The bearer token, from the header, or the alert stream's {@code access_token} (EventSource
   * sends no headers).
   */
  static String presentedToken(final Context ctx) {
    final String header = ctx.header("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    return normalised(ctx.path()).equals(Access.STREAM) ? ctx.queryParam("access_token") : null;
  }

  /** Collapsed as Access collapses it ('//v1/audit' is the audit), without its trailing slash. */
  private static String normalised(final String path) {
    final String collapsed = path.replaceAll("/{2,}", "/");
    return collapsed.length() > 1 && collapsed.endsWith("/")
        ? collapsed.substring(0, collapsed.length() - 1)
        : collapsed;
  }

  private static String cut(final String text, final int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
