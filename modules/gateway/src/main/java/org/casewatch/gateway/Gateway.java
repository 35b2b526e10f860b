package org.casewatch.gateway;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.casewatch.gateway.auth.CoalitionDirectory;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;

/**
 * The coalition-facing ingestion API, ready to be mounted on a Javalin server: {@code POST
 * /v1/events} and {@code GET /v1/openapi.json}. It owns its Kafka producer; close it to flush.
 */
public final class Gateway implements AutoCloseable {

  private final GatewayConfig config;
  private final EventWriter writer;
  private final EventsEndpoint events;
  private final byte[] openApi;

  public Gateway(final GatewayConfig config) {
    this.config = config;
    final Clock clock = Clock.systemUTC();
    this.writer = new EventWriter(config,
        new HttpSchemaRegistryClient(RegistryClientConfig.of(config.registryUrl())), clock);
    this.events = new EventsEndpoint(config, new CoalitionDirectory(config.coalitionsFile()), writer, clock);
    this.openApi = openApiDocument();
  }

  /** Adds the gateway's routes and request limits to a Javalin configuration. */
  public void mount(final JavalinConfig javalin) {
    javalin.http.maxRequestSize = Math.max(javalin.http.maxRequestSize, config.maxBodyBytes());
    javalin.routes.post("/v1/events", events::handle);
    javalin.routes.get("/v1/openapi.json", this::serveOpenApi);
  }

  private void serveOpenApi(final Context ctx) {
    ctx.contentType("application/json").result(openApi);
  }

  private static byte[] openApiDocument() {
    try (InputStream in = Gateway.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the casewatch-gateway jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    writer.close();
  }
}
