package org.casewatch.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the client turns the registry's errors, outages and timeouts into exceptions: the right type,
 * a message that says what failed where and why, and retries only where they can help. The backoff
 * is recorded instead of slept, so none of these tests waits for it.
 */
class HttpSchemaRegistryClientErrorTest {

  private static final String SUBJECT = "casewatch.events.kz-value";
  private static final Schema CASE_OPENED =
      SchemaBuilder.record("CaseOpened")
          .namespace("org.casewatch.test")
          .fields()
          .requiredString("caseId")
          .endRecord();

  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
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
  void subjectNotFound() {
    registry.on(
        "GET",
        "/subjects/casewatch.events.kz-value/versions",
        404,
        "{\"error_code\":40401,\"message\":\"Subject 'casewatch.events.kz-value' not found.\"}");

    final SubjectNotFoundException e =
        catchThrowableOfType(SubjectNotFoundException.class, () -> client.versions(SUBJECT));

    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.errorCode()).isEqualTo(40401);
    assertThat(e)
        .hasMessage(
            "Could not list the versions of subject 'casewatch.events.kz-value':"
                + " schema registry at "
                + registry.url()
                + " answered GET /subjects/casewatch.events.kz-value/versions with HTTP 404 (error"
                + " 40401): Subject 'casewatch.events.kz-value' not found. Check the subject name;"
                + " a subject exists once a schema is registered under it.");
  }

  @Test
  void versionNotFound() {
    registry.on(
        "GET",
        "/subjects/casewatch.events.kz-value/versions/9",
        404,
        "{\"error_code\":40402,\"message\":\"Version 9 not found.\"}");

    final VersionNotFoundException e =
        catchThrowableOfType(VersionNotFoundException.class, () -> client.version(SUBJECT, 9));

    assertThat(e.errorCode()).isEqualTo(40402);
    assertThat(e)
        .hasMessageContainingAll(
            "fetch version 9 of subject 'casewatch.events.kz-value'",
            registry.url(),
            "GET /subjects/casewatch.events.kz-value/versions/9",
            "Version 9 not found.",
            "List the subject's versions");
  }

  @Test
  void schemaNotFound() {
    registry.on(
        "GET", "/schemas/ids/7", 404, "{\"error_code\":40403,\"message\":\"Schema 7 not found\"}");

    final SchemaNotFoundException e =
        catchThrowableOfType(SchemaNotFoundException.class, () -> client.schemaById(7));

    assertThat(e.errorCode()).isEqualTo(40403);
    assertThat(e)
        .hasMessageContainingAll(
            "fetch schema id 7",
            registry.url(),
            "GET /schemas/ids/7",
            "Schema 7 not found.",
            "same registry");
  }

  @Test
  void invalidSchema() {
    registry.on(
        "POST",
        "/subjects/casewatch.events.kz-value/versions",
        422,
        "{\"error_code\":42201,\"message\":\"Either the input schema or one of its references"
            + " is invalid\"}");

    final InvalidSchemaException e =
        catchThrowableOfType(
            InvalidSchemaException.class, () -> client.register(SUBJECT, CASE_OPENED));

    assertThat(e.httpStatus()).isEqualTo(422);
    assertThat(e.errorCode()).isEqualTo(42201);
    assertThat(e)
        .hasMessageContainingAll(
            "register a schema under subject 'casewatch.events.kz-value'",
            registry.url(),
            "POST /subjects/casewatch.events.kz-value/versions",
            "Either the input schema or one of its references is invalid");
  }

  @Test
  void otherUnprocessableCodesAreInvalidToo() {
    registry.on(
        "GET",
        "/subjects/casewatch.events.kz-value/versions/0",
        422,
        "{\"error_code\":42202,\"message\":\"The specified version '0' is not a valid version"
            + " id.\"}");

    final InvalidSchemaException e =
        catchThrowableOfType(InvalidSchemaException.class, () -> client.version(SUBJECT, 0));

    assertThat(e.errorCode()).isEqualTo(42202);
    assertThat(e).hasMessageContaining("The specified version '0' is not a valid version id.");
  }

  @Test
  void incompatibleSchemaCarriesTheRegistrysReasons() {
    registry.on(
        "POST",
        "/subjects/casewatch.events.kz-value/versions",
        409,
        "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an"
            + " earlier schema\",\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE: region\"]}");

    final IncompatibleSchemaException e =
        catchThrowableOfType(
            IncompatibleSchemaException.class, () -> client.register(SUBJECT, CASE_OPENED));

    assertThat(e.httpStatus()).isEqualTo(409);
    assertThat(e.reasons())
        .containsExactly(
            "Schema being registered is incompatible with an earlier schema",
            "READER_FIELD_MISSING_DEFAULT_VALUE: region");
    assertThat(e)
        .hasMessageContainingAll(
            "register a schema under subject",
            registry.url(),
            "HTTP 409",
            "incompatible with an earlier schema",
            "READER_FIELD_MISSING_DEFAULT_VALUE",
            "testCompatibility");
    assertThat(registry.requests()).hasSize(1);
  }

  @Test
  void incompatibleWithoutMessagesHasTheRegistryMessageAsItsReason() {
    registry.on(
        "POST",
        "/subjects/casewatch.events.kz-value/versions",
        409,
        "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");

    final IncompatibleSchemaException e =
        catchThrowableOfType(
            IncompatibleSchemaException.class, () -> client.register(SUBJECT, CASE_OPENED));

    assertThat(e.reasons()).containsExactly("Schema being registered is incompatible");
  }

  @Test
  void otherClientErrorsKeepStatusAndCode() {
    registry.on("GET", "/subjects", 401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}");

    final SchemaRegistryException e =
        catchThrowableOfType(SchemaRegistryException.class, () -> client.subjects());

    assertThat(e).isExactlyInstanceOf(SchemaRegistryException.class);
    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.errorCode()).isEqualTo(40101);
    assertThat(e)
        .hasMessageContainingAll("list subjects", registry.url(), "Unauthorized", "basic-auth");
  }

  @Test
  void aNonJsonErrorBodyIsQuoted() {
    registry.on("GET", "/subjects", 400, "<html><body>Bad Request</body></html>");

    final SchemaRegistryException e =
        catchThrowableOfType(SchemaRegistryException.class, () -> client.subjects());

    assertThat(e.errorCode()).isZero();
    assertThat(e).hasMessageContainingAll("HTTP 400", "<html><body>Bad Request</body></html>");
  }

  @Test
  void clientErrorsAreNeverRetried() {
    registry
        .on("GET", "/subjects", 400, "{\"error_code\":400,\"message\":\"Bad request\"}")
        .on(
            "GET",
            "/schemas/ids/7",
            404,
            "{\"error_code\":40403,\"message\":\"Schema 7 not found\"}");

    assertThatExceptionOfType(SchemaRegistryException.class).isThrownBy(() -> client.subjects());
    assertThatExceptionOfType(SchemaNotFoundException.class).isThrownBy(() -> client.schemaById(7));

    assertThat(registry.requests()).hasSize(2);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void serverErrorsAreRetriedWithDoublingBackoffUntilTheyPass() {
    registry
        .on("GET", "/subjects", 503, "{\"error_code\":50003,\"message\":\"Forwarding\"}")
        .on("GET", "/subjects", 503, "{\"error_code\":50003,\"message\":\"Forwarding\"}")
        .on("GET", "/subjects", 200, "[\"a\"]");

    assertThat(client.subjects()).containsExactly("a");

    assertThat(registry.requests()).hasSize(3);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void givesUpAfterMaxRetries() {
    registry.on(
        "GET",
        "/schemas/ids/7",
        500,
        "{\"error_code\":50001,\"message\":\"Error in the backend datastore\"}");

    final RegistryUnreachableException e =
        catchThrowableOfType(RegistryUnreachableException.class, () -> client.schemaById(7));

    assertThat(registry.requests()).hasSize(4);
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(e.httpStatus()).isEqualTo(500);
    assertThat(e)
        .hasMessage(
            "Could not fetch schema id 7: schema registry at "
                + registry.url()
                + " kept failing after 4 attempts (GET /schemas/ids/7): HTTP 500 (error 50001):"
                + " Error in the backend datastore. Check the registry's logs and the Kafka cluster"
                + " it stores schemas in.");
  }

  @Test
  void backoffIsCappedAtTheMaximum() {
    client = client(RegistryClientConfig.of(registry.url()).withMaxRetries(6));
    registry.on("GET", "/subjects", 503, "");

    assertThatExceptionOfType(RegistryUnreachableException.class)
        .isThrownBy(() -> client.subjects());

    assertThat(sleeps)
        .containsExactly(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(800),
            Duration.ofMillis(1600),
            Duration.ofMillis(2000));
  }

  @Test
  void aStoppedRegistryIsUnreachable() {
    final String url = registry.url();
    registry.close();

    final RegistryUnreachableException e =
        catchThrowableOfType(RegistryUnreachableException.class, () -> client.schemaById(7));

    assertThat(e.httpStatus()).isZero();
    assertThat(e).hasCauseInstanceOf(ConnectException.class);
    assertThat(e)
        .hasMessageStartingWith(
            "Could not fetch schema id 7: schema registry at "
                + url
                + " unreachable after 4 attempts (GET /schemas/ids/7): ConnectException")
        .hasMessageEndingWith("Check the URL and that the registry is running.");
    assertThat(sleeps).hasSize(3);
  }

  @Test
  void timeoutsAreRetriedThenReported() {
    client =
        client(
            RegistryClientConfig.of(registry.url())
                .withRequestTimeout(Duration.ofMillis(200))
                .withMaxRetries(1));
    registry.hang("GET", "/subjects");

    final RegistryUnreachableException e =
        catchThrowableOfType(RegistryUnreachableException.class, () -> client.subjects());

    assertThat(e)
        .hasCauseInstanceOf(HttpTimeoutException.class)
        .hasMessageContainingAll("unreachable after 2 attempts (GET /subjects)", "timed out");
    assertThat(registry.requests()).hasSize(2);
  }

  @Test
  void anInterruptedBackoffStopsAndKeepsTheInterrupt() {
    client =
        new HttpSchemaRegistryClient(
            RegistryClientConfig.of(registry.url()),
            System::nanoTime,
            duration -> {
              throw new InterruptedException();
            });
    registry.on("GET", "/subjects", 503, "");

    final RegistryUnreachableException e =
        catchThrowableOfType(RegistryUnreachableException.class, () -> client.subjects());

    // Thread.interrupted() also clears the flag again, for the next test on this thread.
    assertThat(Thread.interrupted()).isTrue();
    assertThat(e)
        .hasCauseInstanceOf(InterruptedException.class)
        .hasMessageContainingAll("Interrupted", "list subjects", registry.url());
    assertThat(registry.requests()).hasSize(1);
  }

  @Test
  void anInterruptedRequestStopsAndKeepsTheInterrupt() {
    registry.on("GET", "/subjects", 200, "[]");
    Thread.currentThread().interrupt();

    final RegistryUnreachableException e =
        catchThrowableOfType(RegistryUnreachableException.class, () -> client.subjects());

    assertThat(Thread.interrupted()).isTrue();
    assertThat(e).hasCauseInstanceOf(InterruptedException.class);
  }

  @Test
  void aNonJsonSuccessBodyIsReportedAsSuch() {
    registry.on("GET", "/subjects", 200, "<html>login page</html>");

    final SchemaRegistryException e =
        catchThrowableOfType(SchemaRegistryException.class, () -> client.subjects());

    assertThat(e)
        .hasMessageContainingAll(
            "unexpected body", "<html>login page</html>", "Confluent-compatible");
  }

  @Test
  void aNonAvroSchemaIsRefusedByName() {
    registry.on(
        "GET",
        "/schemas/ids/7",
        200,
        "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}");

    final SchemaRegistryException e =
        catchThrowableOfType(SchemaRegistryException.class, () -> client.schemaById(7));

    assertThat(e).hasMessageContainingAll("fetch schema id 7", "PROTOBUF", "Avro only");
  }

  private HttpSchemaRegistryClient client(final RegistryClientConfig config) {
    return new HttpSchemaRegistryClient(config, System::nanoTime, sleeps::add);
  }
}
