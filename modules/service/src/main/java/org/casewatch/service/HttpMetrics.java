package org.casewatch.service;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Times every HTTP request by method, route (not the raw path: no caseIds in metric names) and
 * status.
 */
final class HttpMetrics {

  private static final String STARTED = "casewatch.request.started";

  private final MeterRegistry registry;

  HttpMetrics(final MeterRegistry registry) {
    this.registry = registry;
  }

  void mount(final JavalinConfig javalin) {
    javalin.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
    javalin.routes.after(this::record);
  }

  private void record(final Context ctx) {
    final Long started = ctx.attribute(STARTED);
    if (started == null) {
      return;
    }
    final var endpoint = ctx.endpoints().lastHttpEndpoint();
    final String route = endpoint == null ? "unmatched" : endpoint.path;
    Timer.builder("casewatch.http.requests")
        .description("HTTP requests served")
        .tag("method", ctx.method().name())
        .tag("route", route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(registry)
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
  }
}
