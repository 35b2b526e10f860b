package org.casewatch.registry.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * The {@link SchemaRegistryClient} that speaks Confluent's Schema Registry REST API v1 over HTTP,
 * so casewatch works against Confluent Schema Registry, Karapace, Apicurio's ccompat API and the
 * embedded registry with the same code. It uses only the JDK's {@link HttpClient} and Jackson, so
 * it adds no HTTP stack (and no Confluent licence) to the classpath.
 *
 * <p>Caching: registered ids, lookups and schemas by id are kept for the client's lifetime, as the
 * registry never changes what an id means; {@link #latest} is kept for {@link
 * RegistryClientConfig#latestCacheTtl()}, as a new version may be registered at any time.
 *
 * <p>Failures: 5xx answers, I/O errors and timeouts are retried with doubling backoff up to {@link
 * RegistryClientConfig#maxRetries()} times, then reported as {@link RegistryUnreachableException};
 * 4xx answers are the registry's final word and are mapped at once to the exception for its error
 * code. Every message names the call, the subject or id, the registry URL and the registry's own
 * message.
 *
 * <p>Thread-safe; share one instance per registry.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  /** Confluent's media type, sent as Content-Type of every request body. */
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  // The same preference list Confluent's own client sends, so registries that negotiate pick v1.
  static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, "
          + "application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";

  private static final int STATUS_CONFLICT = 409;
  private static final int STATUS_UNPROCESSABLE = 422;
  private static final int SUBJECT_NOT_FOUND = 40401;
  private static final int VERSION_NOT_FOUND = 40402;
  private static final int SCHEMA_NOT_FOUND = 40403;
  private static final int SUBJECT_LEVEL_NOT_CONFIGURED = 40408;

  // Thread-safe once configured, and this one is never reconfigured.
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Enough of an unexpected body (an HTML error page, say) to recognise it in a message. */
  private static final int MAX_BODY_IN_MESSAGE = 300;

  private final RegistryClientConfig config;
  private final HttpClient http;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final String authorization;

  // Keyed on schema.toString() rather than SchemaNormalization.toParsingForm: the parsing form
  // drops docs, defaults and aliases, so two schemas the registry stores under different ids would
  // share a key and register() would hand back the id of the other one.
  private final ConcurrentMap<SubjectSchema, Integer> idsBySubjectSchema =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<SubjectSchema, RegisteredSchema> lookups = new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Fetched> latestBySubject = new ConcurrentHashMap<>();

  /** A client for the registry {@code config} describes. */
  public HttpSchemaRegistryClient(final RegistryClientConfig config) {
    this(config, System::nanoTime, duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos()));
  }

  /** For tests: a controllable clock for the latest-version TTL and a sleeper for the backoff. */
  HttpSchemaRegistryClient(
      final RegistryClientConfig config, final LongSupplier nanoTime, final Sleeper sleeper) {
    this.config = Objects.requireNonNull(config, "config");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.authorization =
        config.basicAuthUserInfo() == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(config.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8));
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            // Registries speak HTTP/1.1; the default HTTP/2 upgrade attempt only adds headers that
            // some proxies in front of them mishandle.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** Waits between retries; replaced in tests so they need not wait. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  @Override
  public int register(final String subject, final Schema schema) {
    final SubjectSchema key = SubjectSchema.of(subject, schema);
    final Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    // Two threads may both miss and both ask; registering is idempotent, so that costs only a
    // request, whereas computeIfAbsent would hold a map lock for the length of an HTTP call.
    final Call call =
        Call.post(
            "register a schema under subject '" + subject + "'",
            subjectPath(subject) + "/versions",
            schemaBody(schema));
    final int id = requiredInt(send(call), "id", call);
    idsBySubjectSchema.put(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public RegisteredSchema lookup(final String subject, final Schema schema) {
    final SubjectSchema key = SubjectSchema.of(subject, schema);
    final RegisteredSchema cached = lookups.get(key);
    if (cached != null) {
      return cached;
    }
    final Call call =
        Call.post(
            "look up a schema under subject '" + subject + "'",
            subjectPath(subject),
            schemaBody(schema));
    final RegisteredSchema found = registeredSchema(send(call), call);
    lookups.put(key, found);
    idsBySubjectSchema.put(key, found.id());
    return found;
  }

  @Override
  public Schema schemaById(final int id) {
    final Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    final Call call = Call.get("fetch schema id " + id, "/schemas/ids/" + id);
    final Schema schema = parseSchema(send(call), call);
    schemasById.put(id, schema);
    return schema;
  }

  @Override
  public List<String> subjects() {
    final Call call = Call.get("list subjects", "/subjects");
    final List<String> subjects = new ArrayList<>();
    for (final JsonNode subject : requiredArray(send(call), call)) {
      subjects.add(subject.asText());
    }
    return List.copyOf(subjects);
  }

  @Override
  public List<Integer> versions(final String subject) {
    final Call call =
        Call.get(
            "list the versions of subject '" + subject + "'", subjectPath(subject) + "/versions");
    final List<Integer> versions = new ArrayList<>();
    for (final JsonNode version : requiredArray(send(call), call)) {
      versions.add(version.asInt());
    }
    return List.copyOf(versions);
  }

  @Override
  public RegisteredSchema version(final String subject, final int version) {
    final Call call =
        Call.get(
            "fetch version " + version + " of subject '" + subject + "'",
            subjectPath(subject) + "/versions/" + version);
    return registeredSchema(send(call), call);
  }

  @Override
  public RegisteredSchema latest(final String subject) {
    Objects.requireNonNull(subject, "subject");
    final long now = nanoTime.getAsLong();
    final Fetched cached = latestBySubject.get(subject);
    // Subtracting, not comparing, nanoTime values is what stays correct across its overflow.
    if (cached != null && now - cached.atNanos() < config.latestCacheTtl().toNanos()) {
      return cached.schema();
    }
    final Call call =
        Call.get(
            "fetch the latest version of subject '" + subject + "'",
            subjectPath(subject) + "/versions/latest");
    final RegisteredSchema latest = registeredSchema(send(call), call);
    // Timed from before the request, so an entry never outlives the TTL measured from the read.
    latestBySubject.put(subject, new Fetched(latest, now));
    return latest;
  }

  @Override
  public CompatibilityResult testCompatibility(final String subject, final Schema schema) {
    final Call call =
        Call.post(
            "test a schema's compatibility with subject '" + subject + "'",
            "/compatibility" + subjectPath(subject) + "/versions/latest?verbose=true",
            schemaBody(schema));
    final JsonNode response;
    try {
      response = send(call);
    } catch (final SubjectNotFoundException e) {
      // A subject with no versions has nothing to be incompatible with, yet Confluent answers
      // 40401 rather than is_compatible=true.
      return new CompatibilityResult(true, List.of());
    }
    final JsonNode compatible = response.get("is_compatible");
    if (compatible == null || !compatible.isBoolean()) {
      throw malformed(call, "no boolean \"is_compatible\"", response.toString(), null);
    }
    final List<String> messages = new ArrayList<>();
    response.path("messages").forEach(message -> messages.add(text(message)));
    return new CompatibilityResult(compatible.booleanValue(), messages);
  }

  @Override
  public CompatibilityLevel globalCompatibility() {
    final Call call = Call.get("read the global compatibility level", "/config");
    return compatibilityLevel(send(call), call);
  }

  @Override
  public void setGlobalCompatibility(final CompatibilityLevel level) {
    send(
        Call.put(
            "set the global compatibility level to " + level, "/config", compatibilityBody(level)));
  }

  @Override
  public CompatibilityLevel subjectCompatibility(final String subject) {
    final Call call =
        Call.get(
            "read the compatibility level of subject '" + subject + "'",
            "/config/" + encode(subject) + "?defaultToGlobal=true");
    final JsonNode response;
    try {
      response = send(call);
    } catch (final SchemaRegistryException e) {
      // Registries that ignore defaultToGlobal answer 40408 (no subject level) or, older ones,
      // 40401; either way the global level is the one that applies.
      final boolean noSubjectLevel =
          e.errorCode() == SUBJECT_LEVEL_NOT_CONFIGURED || e.errorCode() == SUBJECT_NOT_FOUND;
      if (e.httpStatus() == 404 && noSubjectLevel) {
        return globalCompatibility();
      }
      throw e;
    }
    return compatibilityLevel(response, call);
  }

  @Override
  public void setSubjectCompatibility(final String subject, final CompatibilityLevel level) {
    send(
        Call.put(
            "set the compatibility level of subject '" + subject + "' to " + level,
            "/config/" + encode(subject),
            compatibilityBody(level)));
  }

  // ---------------------------------------------------------------- transport and retries

  private JsonNode send(final Call call) {
    final HttpRequest request = request(call);
    final int attempts = config.maxRetries() + 1;
    for (int attempt = 1; ; attempt++) {
      // Not final: javac cannot see that the try assigns it only on its last line.
      Failure failure;
      try {
        final HttpResponse<String> response =
            http.send(request, HttpResponse.BodyHandlers.ofString());
        final int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return readBody(call, response.body());
        }
        final RegistryError error = RegistryError.parse(status, response.body());
        if (status < 500) {
          throw toException(call, error);
        }
        failure = new Failure(status, error.describe(), null);
      } catch (final IOException e) {
        failure = new Failure(0, describe(e), e);
      } catch (final InterruptedException e) {
        throw interrupted(call, e);
      }
      if (attempt == attempts) {
        throw unreachable(call, attempts, failure);
      }
      pause(call, config.backoffBeforeRetry(attempt));
    }
  }

  private HttpRequest request(final Call call) {
    final HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(config.baseUrl() + call.path()))
            .timeout(config.requestTimeout())
            .header("Accept", ACCEPT);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (call.body() == null) {
      return builder.method(call.method(), HttpRequest.BodyPublishers.noBody()).build();
    }
    return builder
        .header("Content-Type", CONTENT_TYPE)
        .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()))
        .build();
  }

  private void pause(final Call call, final Duration backoff) {
    try {
      sleeper.sleep(backoff);
    } catch (final InterruptedException e) {
      throw interrupted(call, e);
    }
  }

  private JsonNode readBody(final Call call, final String body) {
    try {
      return JSON.readTree(body);
    } catch (final JsonProcessingException e) {
      throw malformed(call, "not JSON", body, e);
    }
  }

  // ---------------------------------------------------------------- exceptions

  private SchemaRegistryException toException(final Call call, final RegistryError error) {
    final String message =
        "Could not "
            + call.action()
            + ": schema registry at "
            + config.baseUrl()
            + " answered "
            + call.describe()
            + " with "
            + error.describe()
            + hint(error);
    if (error.status() == STATUS_CONFLICT) {
      return new IncompatibleSchemaException(message, error.reasons());
    }
    if (error.status() == STATUS_UNPROCESSABLE) {
      return new InvalidSchemaException(message, error.code());
    }
    return switch (error.code()) {
      case SUBJECT_NOT_FOUND -> new SubjectNotFoundException(message, error.code());
      case VERSION_NOT_FOUND -> new VersionNotFoundException(message, error.code());
      case SCHEMA_NOT_FOUND -> new SchemaNotFoundException(message, error.code());
      default -> new SchemaRegistryException(message, error.status(), error.code());
    };
  }

  private static String hint(final RegistryError error) {
    if (error.status() == STATUS_CONFLICT) {
      return " Make the schema compatible with the subject's compatibility level"
          + " (testCompatibility says why it is not), or change that level deliberately.";
    }
    if (error.status() == STATUS_UNPROCESSABLE) {
      return " Fix what the registry rejected and try again.";
    }
    if (error.status() == 401 || error.status() == 403) {
      return " Check the basic-auth user info in RegistryClientConfig.";
    }
    return switch (error.code()) {
      case SUBJECT_NOT_FOUND ->
          " Check the subject name; a subject exists once a schema is registered under it.";
      case VERSION_NOT_FOUND -> " List the subject's versions to see which exist.";
      case SCHEMA_NOT_FOUND ->
          " Check that writer and reader use the same registry and that the schema was registered.";
      default -> "";
    };
  }

  private RegistryUnreachableException unreachable(
      final Call call, final int attempts, final Failure failure) {
    final String what = failure.status() == 0 ? " unreachable after " : " kept failing after ";
    final String advice =
        failure.status() == 0
            ? " Check the URL and that the registry is running."
            : " Check the registry's logs and the Kafka cluster it stores schemas in.";
    return new RegistryUnreachableException(
        "Could not "
            + call.action()
            + ": schema registry at "
            + config.baseUrl()
            + what
            + attempts
            + (attempts == 1 ? " attempt" : " attempts")
            + " ("
            + call.describe()
            + "): "
            + sentence(failure.detail())
            + advice,
        failure.status(),
        failure.cause());
  }

  private RegistryUnreachableException interrupted(final Call call, final InterruptedException e) {
    // Whoever interrupted us must still see it once the exception has unwound the stack.
    Thread.currentThread().interrupt();
    return new RegistryUnreachableException(
        "Interrupted while trying to "
            + call.action()
            + " at schema registry "
            + config.baseUrl()
            + " ("
            + call.describe()
            + ").",
        0,
        e);
  }

  private SchemaRegistryException malformed(
      final Call call, final String problem, final String body, final Exception cause) {
    return new SchemaRegistryException(
        "Could not "
            + call.action()
            + ": schema registry at "
            + config.baseUrl()
            + " answered "
            + call.describe()
            + " with an unexpected body ("
            + problem
            + "): "
            + abbreviate(body)
            + ". Check that the URL points at a"
            + " Confluent-compatible schema registry.",
        200,
        0,
        cause);
  }

  /** The first message along the cause chain: the JDK's HttpClient often wraps a bare one. */
  private static String describe(final IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    return e instanceof ConnectException
        ? "ConnectException: could not connect"
        : e.getClass().getSimpleName();
  }

  private static String sentence(final String text) {
    return text.endsWith(".") ? text : text + ".";
  }

  private static String abbreviate(final String body) {
    final String oneLine = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    if (oneLine.isEmpty()) {
      return "(empty)";
    }
    return oneLine.length() <= MAX_BODY_IN_MESSAGE
        ? oneLine
        : oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "...";
  }

  // ---------------------------------------------------------------- request and response bodies

  private static String schemaBody(final Schema schema) {
    Objects.requireNonNull(schema, "schema");
    // No "schemaType": AVRO is the default, and some registries reject fields they do not know.
    return jsonObject("schema", schema.toString());
  }

  private static String compatibilityBody(final CompatibilityLevel level) {
    return jsonObject("compatibility", Objects.requireNonNull(level, "level").name());
  }

  /** A one-field JSON object, with the value escaped by Jackson rather than by hand. */
  private static String jsonObject(final String field, final String value) {
    return JSON.createObjectNode().put(field, value).toString();
  }

  private RegisteredSchema registeredSchema(final JsonNode response, final Call call) {
    final JsonNode subject = response.get("subject");
    if (subject == null || !subject.isTextual()) {
      throw malformed(call, "no \"subject\"", response.toString(), null);
    }
    final int id = requiredInt(response, "id", call);
    final Schema schema = parseSchema(response, call);
    schemasById.putIfAbsent(id, schema);
    return new RegisteredSchema(
        subject.asText(), requiredInt(response, "version", call), id, schema);
  }

  private Schema parseSchema(final JsonNode response, final Call call) {
    final JsonNode type = response.get("schemaType");
    if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
      throw new SchemaRegistryException(
          "Could not "
              + call.action()
              + ": schema registry at "
              + config.baseUrl()
              + " answered "
              + call.describe()
              + " with a "
              + type.asText()
              + " schema; casewatch reads Avro only. Check that the subject or id is the right"
              + " one.",
          200,
          0);
    }
    final JsonNode text = response.get("schema");
    if (text == null || !text.isTextual()) {
      throw malformed(call, "no \"schema\" string", response.toString(), null);
    }
    try {
      // A fresh parser each time: a Parser remembers the named types it has seen and would
      // reject the next schema that defines one of them again.
      return new Schema.Parser().parse(text.asText());
    } catch (final AvroRuntimeException e) {
      throw malformed(call, "schema is not valid Avro: " + e.getMessage(), text.asText(), e);
    }
  }

  private CompatibilityLevel compatibilityLevel(final JsonNode response, final Call call) {
    // Confluent answers "compatibilityLevel", Karapace and Apicurio have answered "compatibility".
    final JsonNode level =
        response.has("compatibilityLevel")
            ? response.get("compatibilityLevel")
            : response.get("compatibility");
    if (level == null || !level.isTextual()) {
      throw malformed(call, "no \"compatibilityLevel\"", response.toString(), null);
    }
    try {
      return CompatibilityLevel.valueOf(level.asText());
    } catch (final IllegalArgumentException e) {
      throw malformed(call, "unknown compatibility level", response.toString(), e);
    }
  }

  private int requiredInt(final JsonNode response, final String field, final Call call) {
    final JsonNode value = response.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
      throw malformed(call, "no integer \"" + field + "\"", response.toString(), null);
    }
    return value.intValue();
  }

  private JsonNode requiredArray(final JsonNode response, final Call call) {
    if (!response.isArray()) {
      throw malformed(call, "not a JSON array", response.toString(), null);
    }
    return response;
  }

  private static String text(final JsonNode node) {
    return node.isTextual() ? node.asText() : node.toString();
  }

  /** Percent-encodes a subject for a path segment: spaces as %20, since '+' is literal there. */
  private static String encode(final String subject) {
    return URLEncoder.encode(Objects.requireNonNull(subject, "subject"), StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  private static String subjectPath(final String subject) {
    return "/subjects/" + encode(subject);
  }

  // ---------------------------------------------------------------- small value types

  /** One registry call: what it is for (for messages), and the HTTP request that makes it. */
  private record Call(String action, String method, String path, String body) {

    static Call get(final String action, final String path) {
      return new Call(action, "GET", path, null);
    }

    static Call post(final String action, final String path, final String body) {
      return new Call(action, "POST", path, body);
    }

    static Call put(final String action, final String path, final String body) {
      return new Call(action, "PUT", path, body);
    }

    String describe() {
      return method + " " + path;
    }
  }

  /** Cache key of register and lookup. */
  private record SubjectSchema(String subject, String schema) {

    static SubjectSchema of(final String subject, final Schema schema) {
      return new SubjectSchema(
          Objects.requireNonNull(subject, "subject"),
          Objects.requireNonNull(schema, "schema").toString());
    }
  }

  /** A cached latest version and when it was fetched, in {@link System#nanoTime()} terms. */
  private record Fetched(RegisteredSchema schema, long atNanos) {}

  /** Why one attempt failed in a way worth retrying: a 5xx (status set) or an I/O error. */
  private record Failure(int status, String detail, IOException cause) {}

  /** A non-2xx answer, read from Confluent's {"error_code":…,"message":…} body if it sent one. */
  private record RegistryError(int status, int code, String message, List<String> details) {

    static RegistryError parse(final int status, final String body) {
      final JsonNode node = tryParse(body);
      if (node == null || !node.isObject()) {
        // A proxy's HTML page, or nothing: show what there is.
        return new RegistryError(status, 0, abbreviate(body), List.of());
      }
      final List<String> details = new ArrayList<>();
      node.path("messages").forEach(message -> details.add(text(message)));
      final JsonNode message = node.get("message");
      return new RegistryError(
          status,
          node.path("error_code").asInt(0),
          message == null || message.isNull() ? abbreviate(body) : message.asText(),
          details);
    }

    private static JsonNode tryParse(final String body) {
      try {
        return JSON.readTree(body);
      } catch (final JsonProcessingException e) {
        return null;
      }
    }

    /** The registry's message first, then any further explanations it listed. */
    List<String> reasons() {
      final List<String> reasons = new ArrayList<>();
      reasons.add(message);
      reasons.addAll(details);
      return reasons;
    }

    String describe() {
      final String codePart = code == 0 ? "" : " (error " + code + ")";
      final String detailPart = details.isEmpty() ? "" : " " + String.join("; ", details);
      return "HTTP " + status + codePart + ": " + sentence(sentence(message) + detailPart);
    }
  }
}
