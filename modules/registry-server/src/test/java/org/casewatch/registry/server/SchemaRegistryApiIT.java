package org.casewatch.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.registry.server.RegistryHttp.schemaBody;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embedded registry answers as Confluent Schema Registry does: same paths, bodies, status codes
 * and error codes, so clients written for Confluent work unchanged.
 */
@ExtendWith(RegistryOnKafkaExtension.class)
class SchemaRegistryApiIT {

  private static final String V1 =
      "{\"type\":\"record\",\"name\":\"Complaint\",\"namespace\":\"it\",\"fields\":["
          + "{\"name\":\"caseId\",\"type\":\"string\"}]}";
  private static final String V2_OPTIONAL_FIELD =
      "{\"type\":\"record\",\"name\":\"Complaint\",\"namespace\":\"it\",\"fields\":["
          + "{\"name\":\"caseId\",\"type\":\"string\"},"
          + "{\"name\":\"authority\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
  private static final String V2_REQUIRED_FIELD =
      "{\"type\":\"record\",\"name\":\"Complaint\",\"namespace\":\"it\",\"fields\":["
          + "{\"name\":\"caseId\",\"type\":\"string\"},{\"name\":\"authority\",\"type\":\"string\"}]}";

  private final RegistryHttp http;
  private String subject;

  SchemaRegistryApiIT(final RegistryOnKafka cluster) {
    this.http = new RegistryHttp(cluster.registryUrl());
  }

  @BeforeEach
  void freshSubject() {
    subject = RegistryOnKafka.uniqueName("casewatch.events.it") + "-value";
  }

  @Test
  void registersLooksUpAndServesASchema() {
    final var registered = http.post("/subjects/" + subject + "/versions", schemaBody(V1));
    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.contentType()).startsWith(RegistryHttp.CONTENT_TYPE);
    final int id = registered.body().path("id").asInt();
    assertThat(id).isPositive();

    final var lookedUp = http.post("/subjects/" + subject, schemaBody(V1));
    assertThat(lookedUp.status()).isEqualTo(200);
    assertThat(lookedUp.body().path("subject").asText()).isEqualTo(subject);
    assertThat(lookedUp.body().path("id").asInt()).isEqualTo(id);
    assertThat(lookedUp.body().path("version").asInt()).isEqualTo(1);

    final var byId = http.get("/schemas/ids/" + id);
    assertThat(byId.status()).isEqualTo(200);
    assertThat(byId.body().path("schema").asText()).contains("\"name\":\"Complaint\"");

    assertThat(http.get("/subjects").body())
        .anySatisfy(s -> assertThat(s.asText()).isEqualTo(subject));
  }

  @Test
  void reRegisteringTheSameSchemaReturnsTheSameIdAndNoNewVersion() {
    final int first =
        http.post("/subjects/" + subject + "/versions", schemaBody(V1)).body().path("id").asInt();
    final int again =
        http.post("/subjects/" + subject + "/versions", schemaBody(V1)).body().path("id").asInt();
    final String otherSubject = subject.replace("-value", "-key");
    final int elsewhere =
        http.post("/subjects/" + otherSubject + "/versions", schemaBody(V1))
            .body()
            .path("id")
            .asInt();

    assertThat(again).isEqualTo(first);
    assertThat(elsewhere)
        .as("ids are global: the same schema has one id in every subject")
        .isEqualTo(first);
    assertThat(http.get("/subjects/" + subject + "/versions").body()).hasSize(1);
  }

  @Test
  void versionsAndLatest() {
    final int id1 =
        http.post("/subjects/" + subject + "/versions", schemaBody(V1)).body().path("id").asInt();
    final int id2 =
        http.post("/subjects/" + subject + "/versions", schemaBody(V2_OPTIONAL_FIELD))
            .body()
            .path("id")
            .asInt();

    assertThat(id2).isNotEqualTo(id1);
    assertThat(http.get("/subjects/" + subject + "/versions").body().toString()).isEqualTo("[1,2]");
    final var latest = http.get("/subjects/" + subject + "/versions/latest");
    assertThat(latest.body().path("version").asInt()).isEqualTo(2);
    assertThat(latest.body().path("id").asInt()).isEqualTo(id2);
    assertThat(http.get("/subjects/" + subject + "/versions/1").body().path("id").asInt())
        .isEqualTo(id1);
  }

  @Test
  void anIncompatibleChangeIsRefusedUnderBackwardAndAcceptedUnderNone() {
    http.post("/subjects/" + subject + "/versions", schemaBody(V1));

    final var check =
        http.post(
            "/compatibility/subjects/" + subject + "/versions/latest?verbose=true",
            schemaBody(V2_REQUIRED_FIELD));
    assertThat(check.status()).isEqualTo(200);
    assertThat(check.body().path("is_compatible").asBoolean()).isFalse();
    assertThat(check.body().path("messages").toString()).contains("authority");

    final var refused =
        http.post("/subjects/" + subject + "/versions", schemaBody(V2_REQUIRED_FIELD));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo(409);
    assertThat(refused.body().path("message").asText())
        .contains("incompatible", "BACKWARD", "authority");

    final var none = http.put("/config/" + subject, "{\"compatibility\":\"NONE\"}");
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.body().path("compatibility").asText()).isEqualTo("NONE");
    final var accepted =
        http.post("/subjects/" + subject + "/versions", schemaBody(V2_REQUIRED_FIELD));
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(http.get("/subjects/" + subject + "/versions").body()).hasSize(2);
  }

  @Test
  void forwardAndFullLevelsCheckTheOtherDirection() {
    final String removesField =
        "{\"type\":\"record\",\"name\":\"Complaint\",\"namespace\":\"it\",\"fields\":[]}";
    http.post("/subjects/" + subject + "/versions", schemaBody(V1));

    http.put("/config/" + subject, "{\"compatibility\":\"FORWARD\"}");
    assertThat(
            http.post(
                    "/compatibility/subjects/" + subject + "/versions/latest",
                    schemaBody(removesField))
                .body()
                .path("is_compatible")
                .asBoolean())
        .as("old readers need caseId, which the new schema no longer writes")
        .isFalse();
    assertThat(
            http.post(
                    "/compatibility/subjects/" + subject + "/versions/latest",
                    schemaBody(V2_REQUIRED_FIELD))
                .body()
                .path("is_compatible")
                .asBoolean())
        .as("old readers ignore the new field")
        .isTrue();

    http.put("/config/" + subject, "{\"compatibility\":\"FULL\"}");
    assertThat(
            http.post(
                    "/compatibility/subjects/" + subject + "/versions/latest",
                    schemaBody(V2_REQUIRED_FIELD))
                .body()
                .path("is_compatible")
                .asBoolean())
        .as("new readers cannot fill the required field from old data")
        .isFalse();
    assertThat(
            http.post(
                    "/compatibility/subjects/" + subject + "/versions/latest",
                    schemaBody(V2_OPTIONAL_FIELD))
                .body()
                .path("is_compatible")
                .asBoolean())
        .isTrue();
  }

  @Test
  void transitiveLevelsCheckEveryEarlierVersion() {
    final String v2 =
        "{\"type\":\"record\",\"name\":\"Complaint\",\"namespace\":\"it\",\"fields\":["
            + "{\"name\":\"caseId\",\"type\":\"string\",\"default\":\"none\"}]}";
    final String v3WithoutCaseId =
        "{\"type\":\"record\",\"name\":\"Complaint\",\"namespace\":\"it\",\"fields\":["
            + "{\"name\":\"authority\",\"type\":\"string\",\"default\":\"x\"}]}";
    http.put("/config/" + subject, "{\"compatibility\":\"FORWARD\"}");
    http.post("/subjects/" + subject + "/versions", schemaBody(V1));
    http.post("/subjects/" + subject + "/versions", schemaBody(v2));

    assertThat(
            http.post(
                    "/compatibility/subjects/" + subject + "/versions/latest",
                    schemaBody(v3WithoutCaseId))
                .body()
                .path("is_compatible")
                .asBoolean())
        .as("v2 readers default caseId")
        .isTrue();
    http.put("/config/" + subject, "{\"compatibility\":\"FORWARD_TRANSITIVE\"}");
    assertThat(
            http.post("/subjects/" + subject + "/versions", schemaBody(v3WithoutCaseId)).status())
        .as("v1 readers need caseId")
        .isEqualTo(409);
  }

  @Test
  void malformedSchemaIs422WithCode42201() {
    final var response =
        http.post(
            "/subjects/" + subject + "/versions",
            schemaBody("{\"type\":\"record\",\"name\":\"X\"}"));

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.errorCode()).isEqualTo(42201);
    assertThat(response.body().path("message").asText()).startsWith("Invalid schema");
  }

  @Test
  void notFoundCodes() {
    final var noSubject = http.get("/subjects/" + subject + "/versions");
    assertThat(noSubject.status()).isEqualTo(404);
    assertThat(noSubject.errorCode()).isEqualTo(40401);

    http.post("/subjects/" + subject + "/versions", schemaBody(V1));
    final var noVersion = http.get("/subjects/" + subject + "/versions/7");
    assertThat(noVersion.status()).isEqualTo(404);
    assertThat(noVersion.errorCode()).isEqualTo(40402);

    final var noSchema = http.get("/schemas/ids/999999");
    assertThat(noSchema.status()).isEqualTo(404);
    assertThat(noSchema.errorCode()).isEqualTo(40403);

    final var notInSubject = http.post("/subjects/" + subject, schemaBody(V2_OPTIONAL_FIELD));
    assertThat(notInSubject.status()).isEqualTo(404);
    assertThat(notInSubject.errorCode()).isEqualTo(40403);

    final var badVersion = http.get("/subjects/" + subject + "/versions/zero");
    assertThat(badVersion.status()).isEqualTo(422);
    assertThat(badVersion.errorCode()).isEqualTo(42202);
  }

  @Test
  void globalAndSubjectConfig() {
    final var global = http.get("/config");
    assertThat(global.status()).isEqualTo(200);
    assertThat(global.body().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");

    final var unset = http.get("/config/" + subject);
    assertThat(unset.status()).isEqualTo(404);
    assertThat(unset.errorCode()).isEqualTo(40408);
    assertThat(
            http.get("/config/" + subject + "?defaultToGlobal=true")
                .body()
                .path("compatibilityLevel")
                .asText())
        .isEqualTo("BACKWARD");

    http.put("/config/" + subject, "{\"compatibility\":\"FULL_TRANSITIVE\"}");
    assertThat(http.get("/config/" + subject).body().path("compatibilityLevel").asText())
        .isEqualTo("FULL_TRANSITIVE");

    final var invalid = http.put("/config/" + subject, "{\"compatibility\":\"SIDEWAYS\"}");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.errorCode()).isEqualTo(42203);
  }
}
