package org.casewatch.gateway;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.casewatch.access.CoalitionDirectory;
import org.casewatch.model.CaseEvent;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.registry.client.SchemaRegistryClient;
import org.casewatch.registry.serde.AvroDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coalition-facing ingestion API, ready to be mounted on a Javalin server: {@code POST
 * /v1/events} and {@code GET /v1/openapi.json}. It owns its Kafka producer (close it to flush) and
 * a reader of the event topics that knows which coalition owns each case.
 */
public final class Gateway implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final GatewayConfig config;
  private final EventWriter writer;
  private final CaseOwners owners;
  private final EventsEndpoint events;
  private final byte[] openApi;

  public Gateway(final GatewayConfig config) {
    this.config = config;
    final Clock clock = Clock.systemUTC();
    final SchemaRegistryClient registry =
        new HttpSchemaRegistryClient(RegistryClientConfig.of(config.registryUrl()));
    this.writer = new EventWriter(config, registry, clock);
    this.owners =
        new CaseOwners(
            consumerSettings(config),
            AvroDeserializer.specific(registry, CaseEvent.class),
            clock,
            config.kafkaTimeout());
    if (!owners.awaitReady(config.kafkaTimeout())) {
      log.warn(
          "The gateway has not yet read which coalition owns each case from Kafka; until it has, it"
              + " answers 503");
    }
    this.events =
        new EventsEndpoint(
            config, new CoalitionDirectory(config.accessFile()), writer, owners, clock);
    this.openApi = openApiDocument();
  }

  /** Kafka and its security settings, for reading the event topics as the producer writes them. */
  private static Map<String, Object> consumerSettings(final GatewayConfig config) {
    final Map<String, Object> settings = new HashMap<>();
    config
        .kafkaProperties()
        .forEach(
            (key, value) -> {
              if (key.startsWith("security.")
                  || key.startsWith("sasl.")
                  || key.startsWith("ssl.")) {
                settings.put(key, value);
              }
            });
    settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    return settings;
  }

  /**
   * Whether the gateway can judge events: it has read from Kafka which coalition owns each case
   * written before it started. Until then every {@code POST /v1/events} answers 503 with {@code
   * Retry-After}.
   */
  public boolean ready() {
    return owners.ready();
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
    owners.close();
    writer.close();
  }
}
