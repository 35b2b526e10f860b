package org.casewatch.service;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The coordinators' pages that have a path of their own: the inbox at {@code /inbox} and a case's
 * timeline at {@code /cases/{caseId}}. Each is a static page from the dashboard's resources; what
 * it shows it reads from {@code /v1/} with the coordinator's token, so the page itself holds no
 * data.
 */
final class Pages {

  private final String inbox = resource("inbox.html");
  private final String caseTimeline = resource("case.html");

  void mount(final RoutesConfig routes) {
    routes.get("/inbox", ctx -> html(ctx, inbox));
    routes.get("/cases/{caseId}", ctx -> html(ctx, caseTimeline));
  }

  private static void html(final Context ctx, final String page) {
    ctx.contentType("text/html; charset=utf-8").result(page);
  }

  private static String resource(final String name) {
    try (InputStream in = Pages.class.getResourceAsStream("/dashboard/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the service's jar lacks /dashboard/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
