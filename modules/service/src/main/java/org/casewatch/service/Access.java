package org.casewatch.service;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.casewatch.access.CoalitionDirectory;

/**
 * Who may ask what. With auth on, every {@code /v1/} read needs a coordinator's read-only token
 * (coalition tokens write, they do not read) as {@code Authorization: Bearer ...}; only the alert
 * stream also takes it as the {@code access_token} query parameter, because browsers' EventSource
 * cannot send headers. {@code /metrics} needs one too unless {@code casewatch.metrics.open}. The
 * {@code /internal/} routes answer other instances only, by their {@link PeerCredential}, never a
 * token; and public routes never take an instance's signature. Health, the OpenAPI document and the
 * dashboard's static files are open.
 */
final class Access {

  private static final Set<String> OPEN_PREFIXES =
      Set.of("/health", "/webjars/", "/v1/openapi.json");

  static final String STREAM = "/v1/alerts/stream";

  /** Empty when auth is off (allowed on a loopback address only). */
  private final Optional<CoalitionDirectory> directory;

  private final PeerCredential peers;
  private final boolean metricsOpen;

  Access(
      final Optional<CoalitionDirectory> directory,
      final PeerCredential peers,
      final boolean metricsOpen) {
    this.directory = directory;
    this.peers = peers;
    this.metricsOpen = metricsOpen;
  }

  void check(final Context ctx) {
    // Collapsed as a router might, so that '//internal/...' is not a way round the instance check.
    final String path = ctx.path().replaceAll("/{2,}", "/");
    if (path.startsWith("/internal/") || path.equals("/internal")) {
      peers.verify(ctx);
      return;
    }
    if (path.equals(AuditApi.PATH) || path.equals(AuditApi.PATH + "/")) {
      return; // auditors' tokens, checked by AuditedRead.gate
    }
    if (directory.isEmpty()) {
      return;
    }
    final boolean metrics = path.equals("/metrics") || path.startsWith("/metrics/");
    if (metrics
        ? metricsOpen
        : !path.startsWith("/v1/") || OPEN_PREFIXES.stream().anyMatch(path::startsWith)) {
      return;
    }
    final String token = token(ctx);
    if (token == null || directory.get().authenticateCoordinator(token).isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"casewatch\"");
      throw new UnauthorizedResponse(
          "Send a coordinator token as 'Authorization: Bearer cw_...' "
              + "(or ?access_token= for the alert stream); this request had "
              + (token == null ? "none" : "an unknown one"));
    }
    if ((TriageApi.isActions(path) || SubscriptionApi.isSubscriptions(path))
        && directory.get().authenticateTriage(token).isEmpty()) {
      throw new ForbiddenResponse(
          "This coordinator token reads but may not act on alerts or subscribe to them; that needs"
              + " a token with the triage permission: 'casewatch token add --coordinator NAME"
              + " --triage'");
    }
  }

  /**
   * Who acts: the triage coordinator holding the request's token, or "anyone" with auth off. A
   * token revoked since the request was let in is refused here, never recorded as someone else.
   */
  String actor(final Context ctx) {
    if (directory.isEmpty()) {
      return "anyone";
    }
    final String token = token(ctx);
    return (token == null ? Optional.<String>empty() : directory.get().authenticateTriage(token))
        .orElseThrow(
            () ->
                new UnauthorizedResponse(
                    "This token no longer acts on alerts (revoked meanwhile)"));
  }

  /** The id part of the request's token (never its secret), or "anonymous" with auth off. */
  String tokenId(final Context ctx) {
    return directory.isEmpty()
        ? "anonymous"
        : CoalitionDirectory.tokenIdOf(token(ctx)).orElse("none");
  }

  /**
   * Signs an internal route's answer for the instance that asked, so it knows the answer is an
   * instance's.
   */
  void signAnswer(final Context ctx) {
    final String requestSignature = ctx.header(PeerCredential.SIGNATURE);
    if (ctx.path().startsWith("/internal/") && requestSignature != null) {
      final String body = ctx.result();
      ctx.header(
          PeerCredential.SIGNATURE, peers.signAnswer(requestSignature, body == null ? "" : body));
    }
  }

  /**
   * Who holds the request's token, for limits per holder: the coordinator's name, or "anyone" with
   * auth off.
   */
  String holder(final Context ctx) {
    final String token = token(ctx);
    return directory
        .flatMap(known -> token == null ? Optional.empty() : known.authenticateCoordinator(token))
        .orElse("anyone");
  }

  /**
   * Whether the request's token still reads: false as soon as it is revoked (always true with auth
   * off).
   */
  BooleanSupplier stillValid(final Context ctx) {
    final String token = token(ctx);
    return () ->
        directory.isEmpty()
            || (token != null && directory.get().authenticateCoordinator(token).isPresent());
  }

  private static String token(final Context ctx) {
    final String header = ctx.header("Authorization");
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        ? header.substring(7).trim()
        : ctx.path().equals(STREAM) ? ctx.queryParam("access_token") : null;
  }
}
