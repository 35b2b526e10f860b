package org.casewatch.gateway;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway on a Javalin server of its own (the service can mount it on its server instead). */
public final class GatewayServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

  private final Gateway gateway;
  private final Javalin http;

  private GatewayServer(final Gateway gateway, final Javalin http) {
    this.gateway = gateway;
    this.http = http;
  }

  public static GatewayServer start(final GatewayConfig config) {
    final Gateway gateway = new Gateway(config);
    try {
      final Javalin http =
          Javalin.create(
                  javalin -> {
                    javalin.startup.showJavalinBanner = false;
                    javalin.jetty.port = config.port();
                    javalin.jetty.host = config.host();
                    config.security().mount(javalin, config.host(), config.port());
                    gateway.mount(javalin);
                    // On its own server the gateway's limit is the server's, so chunked bodies are
                    // bounded too.
                    javalin.http.maxRequestSize = config.maxBodyBytes();
                    javalin.routes.get(
                        "/health",
                        ctx -> ctx.contentType("application/json").result("{\"status\":\"UP\"}"));
                    javalin.routes.get("/health/ready", ctx -> answerReadiness(gateway, ctx));
                  })
              .start();
      log.info(
          "Gateway accepting events on {}://localhost:{}/v1/events",
          config.security().scheme(),
          http.port());
      return new GatewayServer(gateway, http);
    } catch (RuntimeException e) {
      gateway.close();
      throw e;
    }
  }

  /**
   * 200 once the gateway takes events, else 503 with when to look again: for load balancers and
   * orchestrators.
   */
  private static void answerReadiness(final Gateway gateway, final Context ctx) {
    ctx.contentType("application/json");
    if (gateway.ready()) {
      ctx.result("{\"status\":\"READY\"}");
    } else {
      ctx.status(503)
          .header("Retry-After", EventsEndpoint.RETRY_AFTER_SECONDS)
          .result(
              "{\"status\":\"NOT_READY\",\"reason\":\"still reading from Kafka which coalition owns"
                  + " each case\"}");
    }
  }

  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.stop();
    gateway.close();
  }
}
