package org.casewatch.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.casewatch.registry.client.CompatibilityLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry speaking the subset of Confluent's REST API v1 that casewatch uses, storing its
 * log in a compacted Kafka topic so ids survive restarts and instances agree. It exists for tests
 * and the one-command demo; production runs Confluent Schema Registry.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

  private final ObjectMapper json = new ObjectMapper();
  private final KafkaSchemaLog schemaLog;
  private final SchemaRegistryService registry;
  private final Javalin http;

  private EmbeddedSchemaRegistry(final EmbeddedRegistryConfig config) {
    final RegistryState state = new RegistryState(config.defaultCompatibility());
    final SchemaLogCodec codec = new SchemaLogCodec();
    this.schemaLog =
        new KafkaSchemaLog(
            config.bootstrapServers(),
            config.topic(),
            config.kafkaProperties(),
            config.timeout(),
            (key, value) -> apply(codec, state, key, value));
    this.registry = new SchemaRegistryService(state, schemaLog, codec);
    this.http =
        Javalin.create(
            javalin -> {
              javalin.startup.showJavalinBanner = false;
              javalin.jetty.host = config.host();
              javalin.jetty.port = config.port();
              routes(javalin.routes);
            });
  }

  /** Reads the whole schema log, then starts serving HTTP. */
  public static EmbeddedSchemaRegistry start(final EmbeddedRegistryConfig config) {
    final long began = System.nanoTime();
    final EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(config);
    try {
      registry.schemaLog.start();
      registry.http.start();
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
    log.info(
        "Schema registry listening on {} with its log in {}, started in {} ms",
        registry.url(),
        config.topic(),
        (System.nanoTime() - began) / 1_000_000);
    return registry;
  }

  /** The base URL clients use, e.g. {@code http://localhost:8081}. */
  public String url() {
    return "http://localhost:" + port();
  }

  public int port() {
    return http.port();
  }

  private static void apply(
      final SchemaLogCodec codec, final RegistryState state, final byte[] key, final byte[] value) {
    try {
      codec.decode(key, value).ifPresent(state::apply);
    } catch (IOException | IllegalArgumentException e) {
      log.warn("Skipping an unreadable record in the schema log: {}", e.toString());
    }
  }

  private void routes(final RoutesConfig routes) {
    routes.get("/", ctx -> send(ctx, json.createObjectNode()));
    routes.get("/subjects", ctx -> send(ctx, registry.subjects()));
    routes.get(
        "/subjects/{subject}/versions",
        ctx -> send(ctx, registry.versions(ctx.pathParam("subject"))));
    routes.get(
        "/subjects/{subject}/versions/{version}",
        ctx ->
            send(
                ctx,
                versionBody(registry.version(ctx.pathParam("subject"), ctx.pathParam("version")))));
    routes.get(
        "/subjects/{subject}/versions/{version}/schema",
        ctx ->
            sendRaw(
                ctx,
                registry.version(ctx.pathParam("subject"), ctx.pathParam("version")).schema()));
    routes.post(
        "/subjects/{subject}/versions",
        ctx -> {
          final int id = registry.register(ctx.pathParam("subject"), schemaOf(ctx));
          send(ctx, json.createObjectNode().put("id", id));
        });
    routes.post(
        "/subjects/{subject}",
        ctx -> send(ctx, versionBody(registry.lookup(ctx.pathParam("subject"), schemaOf(ctx)))));
    routes.get(
        "/schemas/ids/{id}",
        ctx -> {
          final SchemaVersion found = registry.byId(schemaId(ctx.pathParam("id")));
          send(ctx, json.createObjectNode().put("schema", found.schema()));
        });
    routes.get(
        "/schemas/ids/{id}/schema",
        ctx -> sendRaw(ctx, registry.byId(schemaId(ctx.pathParam("id"))).schema()));
    routes.post(
        "/compatibility/subjects/{subject}/versions/{version}",
        ctx -> {
          final List<String> violations =
              registry.compatibilityViolations(
                  ctx.pathParam("subject"), ctx.pathParam("version"), schemaOf(ctx));
          final ObjectNode body =
              json.createObjectNode().put("is_compatible", violations.isEmpty());
          if ("true".equals(ctx.queryParam("verbose"))) {
            violations.forEach(body.putArray("messages")::add);
          }
          send(ctx, body);
        });
    routes.get(
        "/config", ctx -> send(ctx, levelBody("compatibilityLevel", registry.globalLevel())));
    routes.put(
        "/config",
        ctx -> {
          final CompatibilityLevel level = levelOf(ctx);
          registry.setLevel(null, level);
          send(ctx, levelBody("compatibility", level));
        });
    routes.get(
        "/config/{subject}",
        ctx -> {
          final boolean defaultToGlobal = "true".equals(ctx.queryParam("defaultToGlobal"));
          send(
              ctx,
              levelBody(
                  "compatibilityLevel",
                  registry.subjectLevel(ctx.pathParam("subject"), defaultToGlobal)));
        });
    routes.put(
        "/config/{subject}",
        ctx -> {
          final CompatibilityLevel level = levelOf(ctx);
          registry.setLevel(ctx.pathParam("subject"), level);
          send(ctx, levelBody("compatibility", level));
        });
    routes.exception(
        RegistryError.class,
        (error, ctx) -> sendError(ctx, error.status(), error.errorCode(), error.getMessage()));
    routes.exception(
        Exception.class,
        (error, ctx) -> {
          log.error("Unexpected registry failure on {} {}", ctx.method(), ctx.path(), error);
          sendError(ctx, 500, 50001, "Error in the backend data store: " + error);
        });
    routes.error(
        404,
        ctx -> {
          if (ctx.result() == null) {
            sendError(
                ctx,
                404,
                404,
                "HTTP 404 Not Found: no such endpoint " + ctx.method() + " " + ctx.path());
          }
        });
  }

  private ObjectNode versionBody(final SchemaVersion version) {
    return json.createObjectNode()
        .put("subject", version.subject())
        .put("version", version.version())
        .put("id", version.id())
        .put("schema", version.schema());
  }

  private ObjectNode levelBody(final String field, final CompatibilityLevel level) {
    return json.createObjectNode().put(field, level.name());
  }

  private JsonNode body(final Context ctx) {
    try {
      final JsonNode body = json.readTree(ctx.bodyAsBytes());
      if (body == null || !body.isObject()) {
        throw RegistryError.badRequest("The request body must be a JSON object");
      }
      return body;
    } catch (IOException e) {
      throw RegistryError.badRequest("The request body is not valid JSON: " + e.getMessage());
    }
  }

  private String schemaOf(final Context ctx) {
    final JsonNode body = body(ctx);
    final String schemaType = body.path("schemaType").asText("AVRO");
    if (!"AVRO".equals(schemaType)) {
      throw RegistryError.invalidSchema(
          "schemaType " + schemaType + " is not supported; this registry stores AVRO only");
    }
    if (!body.path("schema").isTextual()) {
      throw RegistryError.invalidSchema(
          "the request needs a \"schema\" field holding the schema as a JSON string");
    }
    return body.path("schema").asText();
  }

  private CompatibilityLevel levelOf(final Context ctx) {
    final JsonNode body = body(ctx);
    final JsonNode level =
        body.has("compatibility") ? body.get("compatibility") : body.path("compatibilityLevel");
    try {
      return CompatibilityLevel.valueOf(level.asText().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw RegistryError.invalidCompatibilityLevel(level.asText());
    }
  }

  private static int schemaId(final String id) {
    try {
      return Integer.parseInt(id);
    } catch (NumberFormatException e) {
      throw RegistryError.schemaNotFound("Schema " + id + " not found");
    }
  }

  private void send(final Context ctx, final Object body) throws IOException {
    ctx.contentType(CONTENT_TYPE).result(json.writeValueAsBytes(body));
  }

  private void sendRaw(final Context ctx, final String schema) {
    ctx.contentType(CONTENT_TYPE).result(schema);
  }

  private void sendError(
      final Context ctx, final int status, final int errorCode, final String message) {
    final ObjectNode body =
        json.createObjectNode().put("error_code", errorCode).put("message", message);
    try {
      ctx.status(status).contentType(CONTENT_TYPE).result(json.writeValueAsBytes(body));
    } catch (IOException e) {
      ctx.status(status).result(message);
    }
  }

  @Override
  public void close() {
    http.stop();
    schemaLog.close();
  }
}
