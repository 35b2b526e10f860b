package org.casewatch.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the client sends and how it reads and caches the answers, checked against the requests
 * Confluent's API documentation prescribes, on a scripted stand-in registry.
 */
class HttpSchemaRegistryClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUBJECT = "casewatch.events.kz-value";

  private static final Schema CASE_OPENED =
      SchemaBuilder.record("CaseOpened")
          .namespace("org.casewatch.test")
          .doc("A case was opened; the doc must reach the registry, it is part of the schema.")
          .fields()
          .requiredString("caseId")
          .endRecord();

  private static final Schema CASE_OPENED_V2 =
      SchemaBuilder.record("CaseOpened")
          .namespace("org.casewatch.test")
          .fields()
          .requiredString("caseId")
          .name("region")
          .type()
          .stringType()
          .stringDefault("unknown")
          .endRecord();

  private final AtomicLong nanos = new AtomicLong();
  private StubRegistry registry;
  private HttpSchemaRegistryClient client;

  @BeforeEach
  void start() throws IOException {
    registry = new StubRegistry();
    client = client(RegistryClientConfig.of(registry.url()));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void registerPostsTheSchemaAsAJsonStringAndReturnsTheId() throws IOException {
    registry.on("POST", "/subjects/casewatch.events.kz-value/versions", 200, "{\"id\":7}");

    assertThat(client.register(SUBJECT, CASE_OPENED)).isEqualTo(7);

    final StubRegistry.Request request = registry.onlyRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/subjects/casewatch.events.kz-value/versions");
    assertThat(request.query()).isNull();
    assertThat(request.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(request.header("Accept"))
        .startsWith("application/vnd.schemaregistry.v1+json")
        .contains("application/json");
    assertThat(request.header("Authorization")).isNull();
    final JsonNode body = JSON.readTree(request.body());
    // Exactly {"schema": "<string>"}: no schemaType, and the schema nested as a string.
    assertThat(body.size()).isEqualTo(1);
    assertThat(body.get("schema").isTextual()).isTrue();
    assertThat(body.get("schema").asText()).isEqualTo(CASE_OPENED.toString());
  }

  @Test
  void registerIsCachedPerSubjectAndSchemaAndFillsTheIdCache() {
    registry
        .on("POST", "/subjects/casewatch.events.kz-value/versions", 200, "{\"id\":7}")
        .on("POST", "/subjects/other-value/versions", 200, "{\"id\":7}");

    client.register(SUBJECT, CASE_OPENED);
    assertThat(client.register(SUBJECT, CASE_OPENED)).isEqualTo(7);
    assertThat(client.schemaById(7)).isEqualTo(CASE_OPENED);
    assertThat(registry.requests()).hasSize(1);

    // The same schema under another subject is another registration.
    client.register("other-value", CASE_OPENED);
    assertThat(registry.requests()).hasSize(2);
  }

  @Test
  void registerTellsSchemasApartThatDifferOnlyInDocs() {
    final Schema withoutDoc =
        SchemaBuilder.record("CaseOpened")
            .namespace("org.casewatch.test")
            .fields()
            .requiredString("caseId")
            .endRecord();
    // The reason the cache is not keyed on the Parsing Canonical Form:
    assertThat(SchemaNormalization.toParsingForm(withoutDoc))
        .isEqualTo(SchemaNormalization.toParsingForm(CASE_OPENED));
    registry
        .on("POST", "/subjects/casewatch.events.kz-value/versions", 200, "{\"id\":7}")
        .on("POST", "/subjects/casewatch.events.kz-value/versions", 200, "{\"id\":8}");

    assertThat(client.register(SUBJECT, CASE_OPENED)).isEqualTo(7);
    assertThat(client.register(SUBJECT, withoutDoc)).isEqualTo(8);
  }

  @Test
  void subjectsArePercentEncodedWithSpacesAsPercent20() {
    registry.on("POST", "/subjects/my%20subject%2Fwith%C3%BC/versions", 200, "{\"id\":1}");

    assertThat(client.register("my subject/withü", CASE_OPENED)).isEqualTo(1);
    assertThat(registry.onlyRequest().path())
        .isEqualTo("/subjects/my%20subject%2Fwith%C3%BC/versions");
  }

  @Test
  void lookupPostsToTheSubjectAndIsCachedLikeRegister() throws IOException {
    registry.on(
        "POST",
        "/subjects/casewatch.events.kz-value",
        200,
        registered(SUBJECT, 3, 12, CASE_OPENED));

    final RegisteredSchema found = client.lookup(SUBJECT, CASE_OPENED);

    assertThat(found).isEqualTo(new RegisteredSchema(SUBJECT, 3, 12, CASE_OPENED));
    final StubRegistry.Request request = registry.onlyRequest();
    assertThat(request.path()).isEqualTo("/subjects/casewatch.events.kz-value");
    assertThat(request.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(JSON.readTree(request.body()).get("schema").asText())
        .isEqualTo(CASE_OPENED.toString());

    assertThat(client.lookup(SUBJECT, CASE_OPENED)).isEqualTo(found);
    assertThat(client.register(SUBJECT, CASE_OPENED)).isEqualTo(12);
    assertThat(client.schemaById(12)).isEqualTo(CASE_OPENED);
    assertThat(registry.requests()).hasSize(1);
  }

  @Test
  void schemaByIdIgnoresExtraFieldsAndIsCachedForever() {
    final ObjectNode answer =
        JSON.createObjectNode().put("schema", CASE_OPENED.toString()).put("schemaType", "AVRO");
    answer.putArray("references");
    registry.on("GET", "/schemas/ids/42", 200, answer.toString());

    assertThat(client.schemaById(42)).isEqualTo(CASE_OPENED);
    nanos.addAndGet(Duration.ofDays(365).toNanos());
    assertThat(client.schemaById(42)).isEqualTo(CASE_OPENED);

    final StubRegistry.Request request = registry.onlyRequest();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/schemas/ids/42");
    assertThat(request.header("Accept")).startsWith("application/vnd.schemaregistry.v1+json");
  }

  @Test
  void listsSubjectsAndVersions() {
    registry
        .on("GET", "/subjects", 200, "[\"a-value\",\"casewatch.events.kz-value\"]")
        .on("GET", "/subjects/casewatch.events.kz-value/versions", 200, "[1,2,3]");

    assertThat(client.subjects()).containsExactly("a-value", "casewatch.events.kz-value");
    assertThat(client.versions(SUBJECT)).containsExactly(1, 2, 3);
  }

  @Test
  void fetchesOneVersion() {
    registry.on(
        "GET",
        "/subjects/casewatch.events.kz-value/versions/2",
        200,
        registered(SUBJECT, 2, 9, CASE_OPENED_V2));

    assertThat(client.version(SUBJECT, 2))
        .isEqualTo(new RegisteredSchema(SUBJECT, 2, 9, CASE_OPENED_V2));
  }

  @Test
  void latestIsServedFromCacheWithinTheTtlAndRefetchedAfter() {
    registry
        .on(
            "GET",
            "/subjects/casewatch.events.kz-value/versions/latest",
            200,
            registered(SUBJECT, 1, 7, CASE_OPENED))
        .on(
            "GET",
            "/subjects/casewatch.events.kz-value/versions/latest",
            200,
            registered(SUBJECT, 2, 9, CASE_OPENED_V2));

    assertThat(client.latest(SUBJECT).version()).isEqualTo(1);
    nanos.addAndGet(Duration.ofSeconds(29).toNanos());
    assertThat(client.latest(SUBJECT).version()).isEqualTo(1);
    assertThat(registry.requests()).hasSize(1);

    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(client.latest(SUBJECT))
        .isEqualTo(new RegisteredSchema(SUBJECT, 2, 9, CASE_OPENED_V2));
    assertThat(registry.requests()).hasSize(2);
  }

  @Test
  void aZeroTtlDisablesTheLatestCache() {
    client = client(RegistryClientConfig.of(registry.url()).withLatestCacheTtl(Duration.ZERO));
    registry.on(
        "GET",
        "/subjects/casewatch.events.kz-value/versions/latest",
        200,
        registered(SUBJECT, 1, 7, CASE_OPENED));

    client.latest(SUBJECT);
    client.latest(SUBJECT);

    assertThat(registry.requests()).hasSize(2);
  }

  @Test
  void testCompatibilityPostsVerboselyAgainstTheLatestVersion() throws IOException {
    registry.on(
        "POST",
        "/compatibility/subjects/casewatch.events.kz-value/versions/latest",
        200,
        "{\"is_compatible\":false,\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE: region\"]}");

    final CompatibilityResult result = client.testCompatibility(SUBJECT, CASE_OPENED_V2);

    assertThat(result.compatible()).isFalse();
    assertThat(result.messages()).containsExactly("READER_FIELD_MISSING_DEFAULT_VALUE: region");
    final StubRegistry.Request request = registry.onlyRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.query()).isEqualTo("verbose=true");
    assertThat(request.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(JSON.readTree(request.body()).get("schema").asText())
        .isEqualTo(CASE_OPENED_V2.toString());
  }

  @Test
  void testCompatibilityAcceptsAnAnswerWithoutMessages() {
    registry.on(
        "POST",
        "/compatibility/subjects/casewatch.events.kz-value/versions/latest",
        200,
        "{\"is_compatible\":true}");

    assertThat(client.testCompatibility(SUBJECT, CASE_OPENED_V2))
        .isEqualTo(new CompatibilityResult(true, List.of()));
  }

  @Test
  void aSubjectWithoutVersionsIsCompatibleWithAnything() {
    registry.on(
        "POST",
        "/compatibility/subjects/casewatch.events.kz-value/versions/latest",
        404,
        "{\"error_code\":40401,\"message\":\"Subject 'casewatch.events.kz-value' not found.\"}");

    assertThat(client.testCompatibility(SUBJECT, CASE_OPENED))
        .isEqualTo(new CompatibilityResult(true, List.of()));
  }

  @Test
  void readsTheGlobalLevelUnderEitherKey() {
    registry
        .on("GET", "/config", 200, "{\"compatibilityLevel\":\"BACKWARD\"}")
        .on("GET", "/config", 200, "{\"compatibility\":\"FULL_TRANSITIVE\"}");

    assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
  }

  @Test
  void writesTheGlobalLevelAsCompatibility() throws IOException {
    registry.on("PUT", "/config", 200, "{\"compatibility\":\"FULL\"}");

    client.setGlobalCompatibility(CompatibilityLevel.FULL);

    final StubRegistry.Request request = registry.onlyRequest();
    assertThat(request.method()).isEqualTo("PUT");
    assertThat(request.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(JSON.readTree(request.body()))
        .isEqualTo(JSON.readTree("{\"compatibility\":\"FULL\"}"));
  }

  @Test
  void readsTheSubjectLevelDefaultingToGlobal() {
    registry.on(
        "GET", "/config/casewatch.events.kz-value", 200, "{\"compatibilityLevel\":\"FORWARD\"}");

    assertThat(client.subjectCompatibility(SUBJECT)).isEqualTo(CompatibilityLevel.FORWARD);
    assertThat(registry.onlyRequest().query()).isEqualTo("defaultToGlobal=true");
  }

  @Test
  void fallsBackToTheGlobalLevelWhenTheSubjectHasNone() {
    registry
        .on(
            "GET",
            "/config/casewatch.events.kz-value",
            404,
            "{\"error_code\":40408,\"message\":\"Subject 'casewatch.events.kz-value' does not"
                + " have subject-level compatibility configured\"}")
        .on("GET", "/config", 200, "{\"compatibilityLevel\":\"BACKWARD\"}");

    assertThat(client.subjectCompatibility(SUBJECT)).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(registry.requests())
        .extracting(StubRegistry.Request::path)
        .containsExactly("/config/casewatch.events.kz-value", "/config");
  }

  @Test
  void fallsBackToTheGlobalLevelWhenAnOlderRegistrySaysSubjectNotFound() {
    registry
        .on(
            "GET",
            "/config/casewatch.events.kz-value",
            404,
            "{\"error_code\":40401,\"message\":\"Subject 'casewatch.events.kz-value' not found.\"}")
        .on("GET", "/config", 200, "{\"compatibility\":\"NONE\"}");

    assertThat(client.subjectCompatibility(SUBJECT)).isEqualTo(CompatibilityLevel.NONE);
  }

  @Test
  void writesTheSubjectLevelAsCompatibility() throws IOException {
    registry.on("PUT", "/config/casewatch.events.kz-value", 200, "{\"compatibility\":\"FULL\"}");

    client.setSubjectCompatibility(SUBJECT, CompatibilityLevel.FULL);

    final StubRegistry.Request request = registry.onlyRequest();
    assertThat(request.path()).isEqualTo("/config/casewatch.events.kz-value");
    assertThat(JSON.readTree(request.body()))
        .isEqualTo(JSON.readTree("{\"compatibility\":\"FULL\"}"));
  }

  @Test
  void sendsBasicAuthWhenConfigured() {
    client = client(RegistryClientConfig.of(registry.url()).withBasicAuth("casewatch:s3cr:et"));
    registry.on("GET", "/subjects", 200, "[]");

    client.subjects();

    final String expected =
        Base64.getEncoder().encodeToString("casewatch:s3cr:et".getBytes(StandardCharsets.UTF_8));
    assertThat(registry.onlyRequest().header("Authorization")).isEqualTo("Basic " + expected);
  }

  @Test
  void aBaseUrlWithPathPrefixAndTrailingSlashIsJoinedCleanly() {
    client = client(RegistryClientConfig.of(registry.url() + "/apis/ccompat/v7/"));
    registry.on("GET", "/apis/ccompat/v7/subjects", 200, "[\"a\"]");

    assertThat(client.subjects()).containsExactly("a");
  }

  private HttpSchemaRegistryClient client(final RegistryClientConfig config) {
    return new HttpSchemaRegistryClient(config, nanos::get, duration -> {});
  }

  private static String registered(
      final String subject, final int version, final int id, final Schema schema) {
    return JSON.createObjectNode()
        .put("subject", subject)
        .put("version", version)
        .put("id", id)
        .put("schema", schema.toString())
        .toString();
  }
}
