package org.casewatch.service;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.util.Set;
import org.casewatch.gateway.auth.CoalitionDirectory;

/**
 * Read access: with auth on, every API request needs a coordinator's read-only token (coalition
 * tokens write, they do not read) as {@code Authorization: Bearer ...}. Only the alert stream also
 * takes it as the {@code access_token} query parameter, because browsers' EventSource cannot send
 * headers. Health, metrics and the dashboard's static files are open.
 */
final class Access {

  private static final Set<String> OPEN_PREFIXES = Set.of("/health", "/metrics", "/webjars/", "/v1/openapi.json");

  static final String STREAM = "/v1/alerts/stream";

  private final CoalitionDirectory directory;

  Access(final CoalitionDirectory directory) {
    this.directory = directory;
  }

  void check(final Context ctx) {
    final String path = ctx.path();
    if (!path.startsWith("/v1/") && !path.startsWith("/internal/") || OPEN_PREFIXES.stream().anyMatch(path::startsWith)) {
      return;
    }
    if (path.equals(AuditApi.PATH)) {
      return; // auditors' tokens, checked by AuditedRead.gate
    }
    final String header = ctx.header("Authorization");
    final String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        ? header.substring(7).trim()
        : path.equals(STREAM) ? ctx.queryParam("access_token") : null;
    if (token == null || directory.authenticateCoordinator(token).isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"casewatch\"");
      throw new UnauthorizedResponse("Send a coordinator token as 'Authorization: Bearer cw_...' "
          + "(or ?access_token= for the alert stream); this request had " + (token == null ? "none" : "an unknown one"));
    }
  }
}
