package org.casewatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.casewatch.json.EventType;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseEventValidator;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document describes the same payloads as the Avro contract, field for field, symbol
 * for symbol.
 */
class OpenApiContractTest {

  @Test
  void everyPayloadFieldAndEnumMatchesTheAvroSchema() throws IOException {
    final JsonNode schemas;
    try (InputStream in = Gateway.class.getResourceAsStream("/openapi.json")) {
      schemas = new ObjectMapper().readTree(in).path("components").path("schemas");
    }
    for (final EventType type : EventType.values()) {
      final Schema avro = type.payloadSchema();
      compare(avro, schemas.path(avro.getName()), avro.getName());
    }
    final List<String> types = new ArrayList<>();
    schemas
        .path("Event")
        .path("properties")
        .path("type")
        .path("enum")
        .forEach(t -> types.add(t.asText()));
    assertThat(types)
        .containsExactly(Arrays.stream(EventType.values()).map(Enum::name).toArray(String[]::new));
    final List<String> payloads = new ArrayList<>();
    schemas
        .path("Event")
        .path("properties")
        .path("payload")
        .path("oneOf")
        .forEach(
            ref -> payloads.add(ref.path("$ref").asText().replace("#/components/schemas/", "")));
    assertThat(payloads)
        .as("Event.payload.oneOf")
        .containsExactlyElementsOf(
            Arrays.stream(EventType.values()).map(type -> type.payloadSchema().getName()).toList());
  }

  @Test
  void everyPayloadOfTheContractHasItsEventType() {
    final List<String> union =
        CaseEvent.getClassSchema().getField("payload").schema().getTypes().stream()
            .map(Schema::getFullName)
            .toList();
    assertThat(
            Arrays.stream(EventType.values())
                .map(type -> type.payloadSchema().getFullName())
                .toList())
        .as(
            "a payload added to schemas/CaseEvent.avsc needs its EventType, so the gateway, the"
                + " import and this document know it")
        .containsExactlyElementsOf(union)
        .contains("org.casewatch.model.EventRetracted");
  }

  @Test
  void theDocumentsLimitsAreTheValidators() throws IOException {
    final byte[] served;
    try (InputStream in = Gateway.class.getResourceAsStream("/openapi.json")) {
      served = in.readAllBytes();
    }
    final JsonNode document = new ObjectMapper().readTree(served);
    final JsonNode schemas = document.path("components").path("schemas");

    assertThat(document.path("servers").path(0).path("url").asText())
        .as("the document's server is the gateway at its default port")
        .isEqualTo("http://localhost:" + GatewayConfig.DEFAULT_PORT);

    final JsonNode days = schemas.path("TermExtended").path("properties").path("days");
    assertThat(days.path("minimum").asInt()).isEqualTo(1);
    assertThat(days.path("maximum").asInt()).isEqualTo(CaseEventValidator.MAX_TERM_EXTENSION_DAYS);
    for (final String payload : List.of("DecisionAppealed", "DecisionAnnulled")) {
      assertThat(
              schemas
                  .path(payload)
                  .path("properties")
                  .path("decisionEventId")
                  .path("maxLength")
                  .asInt())
          .as(payload)
          .isEqualTo(CaseEventValidator.MAX_EVENT_ID_LENGTH);
    }
    assertThat(
            schemas
                .path("CompensationPaid")
                .path("properties")
                .path("amountMinor")
                .path("minimum")
                .asInt())
        .isZero();
    for (final String payload : List.of("CompensationAwarded", "CompensationPaid")) {
      assertThat(
              schemas.path(payload).path("properties").path("amountMinor").path("maximum").asLong())
          .as(payload)
          .isEqualTo(CaseEventValidator.MAX_AMOUNT_MINOR);
    }
    assertThat(schemas.path("Event").path("properties").path("eventId").path("pattern").asText())
        .isEqualTo("^" + CaseEventValidator.EVENT_ID.pattern() + "$");
    assertThat(
            schemas
                .path("InvestigationOpened")
                .path("properties")
                .path("legalArticle")
                .path("pattern")
                .asText())
        .isEqualTo("^" + CaseEventValidator.LEGAL_ARTICLE.pattern().replace("(?:", "(") + "$");
    assertThat(schemas.path("CompensationPaid").path("properties").path("currency"))
        .isEqualTo(schemas.path("CompensationAwarded").path("properties").path("currency"));
  }

  private static void compare(final Schema avro, final JsonNode openApi, final String where) {
    final List<String> fields = new ArrayList<>();
    openApi.path("properties").fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .as(where)
        .containsExactlyElementsOf(avro.getFields().stream().map(Schema.Field::name).toList());
    for (final Schema.Field field : avro.getFields()) {
      final JsonNode property = openApi.path("properties").path(field.name());
      if (field.schema().getType() == Schema.Type.ENUM) {
        final List<String> symbols = new ArrayList<>();
        property.path("enum").forEach(symbol -> symbols.add(symbol.asText()));
        assertThat(symbols)
            .as(where + "." + field.name())
            .containsExactlyElementsOf(field.schema().getEnumSymbols());
      } else if (field.schema().getType() == Schema.Type.RECORD) {
        compare(field.schema(), property, where + "." + field.name());
      }
    }
  }
}
