package org.casewatch.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import org.casewatch.http.MisdirectedRequest;
import org.casewatch.registry.client.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the service answers when a handler or filter throws: a JSON body with the status that says
 * what was wrong. No handler here ever throws, whatever state the request is in.
 *
 * <p>Why never: Javalin runs an exception handler as one more task of the request, and when that
 * handler throws, it queues another task to handle the new exception, with no limit. A request that
 * Jetty has already completed and recycled (a server stopping under an open alert stream, a stream
 * ended from another thread) throws on every read and write, so a handler that touches it throws
 * again, and again: the 1.4 GB test log of issue 14, one stack trace per turn. Javalin's own
 * fallback for an exception nobody handles writes its answer the same way, so it loops too; hence
 * the catch-all below. A response that no longer exists is recognised when writing to it fails,
 * logged at DEBUG and left alone.
 */
final class ErrorAnswers {

  private static final Logger log = LoggerFactory.getLogger(ErrorAnswers.class);

  private ErrorAnswers() {}

  static void mount(final RoutesConfig routes) {
    routes.exception(
        NotFound.class, (e, ctx) -> answer(ctx, 404, body("not-found", e.getMessage())));
    routes.exception(
        Conflict.class, (e, ctx) -> answer(ctx, 409, body("conflict", e.getMessage())));
    routes.exception(
        Unavailable.class,
        (e, ctx) -> answer(ctx, 503, body("unavailable", e.getMessage() + "; retry shortly"), "1"));
    routes.exception(
        IllegalArgumentException.class,
        (e, ctx) -> answer(ctx, 400, body("bad-request", e.getMessage())));
    routes.exception(
        BadParameter.class,
        (e, ctx) -> {
          final ObjectNode body =
              body("bad-request", e.getMessage())
                  .put("parameter", e.parameter())
                  .put("value", e.value());
          e.allowed().forEach(body.putArray("allowed")::add);
          answer(ctx, 400, body);
        });
    routes.exception(
        UnauthorizedResponse.class,
        (e, ctx) -> answer(ctx, 401, body("unauthorized", e.getMessage())));
    routes.exception(
        ForbiddenResponse.class, (e, ctx) -> answer(ctx, 403, body("forbidden", e.getMessage())));
    routes.exception(
        BadPeerAnswer.class, (e, ctx) -> answer(ctx, 502, body("bad-peer-answer", e.getMessage())));
    routes.exception(
        TooManyStreams.class,
        (e, ctx) ->
            answer(
                ctx,
                429,
                body("too-many-streams", e.getMessage()),
                Integer.toString(TooManyStreams.RETRY_AFTER_SECONDS)));
    routes.exception(
        MisdirectedRequest.class,
        (e, ctx) -> answer(ctx, 421, body("misdirected", e.getMessage())));
    // A stored record whose schema the registry must be asked for while it is down: the
    // dependency's fault, not the service's. One line in the log, not a stack trace for every
    // request.
    routes.exception(
        SchemaRegistryException.class,
        (e, ctx) -> {
          log.warn("Answering {} needs the schema registry: {}", described(ctx), e.getMessage());
          answer(
              ctx,
              503,
              body("unavailable", "the schema registry cannot be reached; retry shortly"),
              "5");
        });
    routes.exception(Exception.class, ErrorAnswers::unexpected);
  }

  /** A failure no handler expects: a bug, or the consequence of a request that no longer exists. */
  private static void unexpected(final Exception e, final Context ctx) {
    if (answer(
        ctx, 500, body("internal-error", "the service failed to answer; its log says why"))) {
      log.error("Answering {} failed", described(ctx), e);
    } else {
      log.debug("A request that no longer exists failed on: {}", e.toString());
    }
  }

  private static ObjectNode body(final String error, final String message) {
    return JsonNodeFactory.instance.objectNode().put("error", error).put("message", message);
  }

  private static boolean answer(final Context ctx, final int status, final ObjectNode body) {
    return answer(ctx, status, body, null);
  }

  /**
   * Writes the answer (with {@code Retry-After} if given); false, and nothing else done, if the
   * response no longer exists.
   */
  private static boolean answer(
      final Context ctx, final int status, final ObjectNode body, final String retryAfter) {
    try {
      if (retryAfter != null) {
        ctx.header("Retry-After", retryAfter);
      }
      ctx.status(status).contentType("application/json").result(body.toString());
      return true;
    } catch (RuntimeException gone) {
      log.debug(
          "No {} answer: the response no longer exists (its client left, or the server is"
              + " stopping): {}",
          status,
          gone.toString());
      return false;
    }
  }

  private static String described(final Context ctx) {
    try {
      return ctx.method() + " " + ctx.path();
    } catch (RuntimeException gone) {
      return "a request that no longer exists";
    }
  }
}
