package org.casewatch.service;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.util.Set;
import org.casewatch.gateway.auth.CoalitionDirectory;

/**
 * Read access: with auth on, every API request needs a coordinator's (or a coalition's) token,
 * as {@code Authorization: Bearer ...} or, for EventSource which cannot send headers, as the
 * {@code access_token} query parameter. Health, metrics and the dashboard's static files are open.
 */
final class Access {

  private static final Set<String> OPEN_PREFIXES = Set.of("/health", "/metrics", "/webjars/", "/v1/openapi.json");

  private final CoalitionDirectory directory;

  Access(final CoalitionDirectory directory) {
    this.directory = directory;
  }

  void check(final Context ctx) {
    final String path = ctx.path();
    if (!path.startsWith("/v1/") && !path.startsWith("/internal/") || OPEN_PREFIXES.stream().anyMatch(path::startsWith)) {
      return;
    }
    if ("POST".equals(ctx.method().name()) && path.equals("/v1/events")) {
      return;
    }
    final String header = ctx.header("Authorization");
    final String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        ? header.substring(7).trim()
        : ctx.queryParam("access_token");
    if (token == null || directory.authenticateReader(token).isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"casewatch\"");
      throw new UnauthorizedResponse("Send a coordinator token as 'Authorization: Bearer cw_...' "
          + "(or ?access_token= for the alert stream); this request had " + (token == null ? "none" : "an unknown one"));
    }
  }
}
