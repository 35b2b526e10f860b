package org.casewatch.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseEventValidator;
import org.casewatch.model.CaseEventValidator.Violation;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;

/**
 * Turns the gateway's JSON into {@link CaseEvent}s and back. Field names are the Avro schema's, the
 * payload's type is named by {@code type}, and timestamps are ISO-8601: an instant with its UTC
 * offset, or a date, meaning the start of that local day in the country's time zone ({@link
 * Countries#zoneOf}), since a country's dates are local dates. A time without an offset is refused:
 * it would be read hours away from what was meant. The payload is read field by field from its Avro
 * schema, so the JSON follows the contract as it evolves; unknown fields are refused, so nothing
 * that could identify a person slips in as an extra field.
 *
 * <pre>
 * {"type": "COMPLAINT_FILED", "eventId": "e-1", "caseId": "KZ-2016-0042",
 *  "occurredAt": "2016-03-02T09:30:00Z", "payload": {"authority": "PROSECUTOR"}}
 * </pre>
 */
public final class EventJson {

  private static final Set<String> ENVELOPE =
      Set.of(
          "type",
          "eventId",
          "caseId",
          "country",
          "coalition",
          "occurredAt",
          "recordedAt",
          "payload");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The outcome for one JSON event: the event, or why it cannot be one. */
  public record Parsed(CaseEvent event, List<Violation> violations) {
    public boolean valid() {
      return violations.isEmpty();
    }
  }

  private EventJson() {}

  /**
   * Reads one event sent by {@code coalitionId} of {@code country}; {@code now} fills a missing
   * {@code recordedAt} and bounds {@code occurredAt}. The coalition and country always come from
   * the caller, never from the body (a body naming others is refused by the caller before this).
   */
  public static Parsed parse(
      final JsonNode node, final String coalitionId, final Country country, final Instant now) {
    final List<Violation> violations = new ArrayList<>();
    if (!node.isObject()) {
      return new Parsed(
          null, List.of(new Violation("", "object", "each event must be a JSON object")));
    }
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!ENVELOPE.contains(name)) {
                violations.add(
                    new Violation(
                        name,
                        "unknown-field",
                        "unknown field; allowed: " + String.join(", ", ENVELOPE)));
              }
            });
    final String typeName = text(node, "type", violations);
    final EventType type = typeName == null ? null : EventType.named(typeName).orElse(null);
    if (typeName != null && type == null) {
      violations.add(
          new Violation(
              "type",
              "enum",
              "type '" + typeName + "' is not one of " + List.of(EventType.values())));
    }
    final String eventId = text(node, "eventId", violations);
    final String caseId = text(node, "caseId", violations);
    final Instant occurredAt = instant(node, "occurredAt", country, violations);
    final Instant recordedAt =
        node.hasNonNull("recordedAt") ? instant(node, "recordedAt", country, violations) : now;
    Object payload = null;
    if (!node.path("payload").isObject()) {
      violations.add(
          new Violation(
              "payload",
              "required",
              "payload must be an object with the fields of "
                  + (type == null ? "the event's type" : fieldsOf(type))));
    } else if (type != null) {
      payload = convert(type.payloadSchema(), node.get("payload"), "payload", violations);
    }
    if (!violations.isEmpty()) {
      return new Parsed(null, violations);
    }
    final CaseEvent event =
        CaseEvent.newBuilder()
            .setEventId(eventId)
            .setCaseId(caseId)
            .setCountry(country)
            .setCoalition(coalitionId)
            .setOccurredAt(occurredAt)
            .setRecordedAt(recordedAt)
            .setPayload(payload)
            .build();
    return new Parsed(event, CaseEventValidator.violations(event, country, now));
  }

  /** The JSON form of an event, as the gateway accepts it. */
  public static ObjectNode toJson(final CaseEvent event) {
    final ObjectNode node = JSON.createObjectNode();
    node.put("type", EventType.of(event.getPayload()).name());
    node.put("eventId", event.getEventId());
    node.put("caseId", event.getCaseId());
    node.put("country", event.getCountry().name());
    node.put("coalition", event.getCoalition());
    node.put("occurredAt", event.getOccurredAt().toString());
    node.put("recordedAt", event.getRecordedAt().toString());
    node.set("payload", AvroJson.toJson((SpecificRecord) event.getPayload()));
    return node;
  }

  /** The payload fields of {@code type}, as a rejection lists them. */
  private static String fieldsOf(final EventType type) {
    final List<String> fields =
        type.payloadSchema().getFields().stream().map(Schema.Field::name).toList();
    return type + (fields.isEmpty() ? " (it has none: send {})" : ": " + String.join(", ", fields));
  }

  /** Reads {@code node} as a value of {@code schema}, collecting what does not fit. */
  private static Object convert(
      final Schema schema,
      final JsonNode node,
      final String path,
      final List<Violation> violations) {
    switch (schema.getType()) {
      case RECORD -> {
        if (!node.isObject()) {
          violations.add(new Violation(path, "object", path + " must be an object"));
          return null;
        }
        final SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
        for (final Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
          final String name = names.next();
          if (schema.getField(name) == null) {
            violations.add(
                new Violation(
                    path + "." + name,
                    "unknown-field",
                    "unknown field; "
                        + path
                        + " has "
                        + schema.getFields().stream().map(Schema.Field::name).toList()));
          }
        }
        for (final Schema.Field field : schema.getFields()) {
          final JsonNode value = node.get(field.name());
          if (value == null || value.isNull()) {
            if (field.hasDefaultValue()) {
              record.put(field.pos(), SpecificData.get().getDefaultValue(field));
            } else {
              violations.add(
                  new Violation(
                      path + "." + field.name(),
                      "required",
                      path + "." + field.name() + " is required: " + field.doc()));
            }
          } else {
            // A value that does not fit is reported, not stored: primitive fields cannot hold null.
            final Object converted =
                convert(field.schema(), value, path + "." + field.name(), violations);
            if (converted != null) {
              record.put(field.pos(), converted);
            }
          }
        }
        return record;
      }
      case ENUM -> {
        if (!node.isTextual() || !schema.hasEnumSymbol(node.asText())) {
          violations.add(
              new Violation(
                  path,
                  "enum",
                  path
                      + (node.isTextual() ? " '" + abbreviate(node.asText()) + "'" : "")
                      + " must be one of "
                      + schema.getEnumSymbols()));
          return null;
        }
        return SpecificData.get().createEnum(node.asText(), schema);
      }
      case STRING -> {
        if (!node.isTextual()) {
          violations.add(new Violation(path, "string", path + " must be a string"));
          return null;
        }
        return node.asText();
      }
      case LONG -> {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
          violations.add(new Violation(path, "integer", path + " must be a whole number"));
          return null;
        }
        return node.asLong();
      }
      case INT -> {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
          violations.add(
              new Violation(
                  path,
                  "integer",
                  path
                      + " must be a whole number from "
                      + Integer.MIN_VALUE
                      + " to "
                      + Integer.MAX_VALUE));
          return null;
        }
        return node.asInt();
      }
      case BOOLEAN -> {
        if (!node.isBoolean()) {
          violations.add(new Violation(path, "boolean", path + " must be true or false"));
          return null;
        }
        return node.asBoolean();
      }
      default ->
          throw new IllegalStateException(
              "the contract has no " + schema.getType() + " payload fields");
    }
  }

  private static String abbreviate(final String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  private static String text(
      final JsonNode node, final String field, final List<Violation> violations) {
    final JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      violations.add(new Violation(field, "required", field + " is required"));
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      violations.add(new Violation(field, "string", field + " must be a non-empty string"));
      return null;
    }
    return value.asText();
  }

  /**
   * An instant with its offset, or a date: the start of that local day in {@code country}'s time
   * zone.
   */
  private static Instant instant(
      final JsonNode node,
      final String field,
      final Country country,
      final List<Violation> violations) {
    final String text = text(node, field, violations);
    if (text == null) {
      return null;
    }
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(Countries.zoneOf(country)).toInstant()
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      violations.add(
          new Violation(
              field,
              "iso-8601",
              field
                  + " '"
                  + text
                  + "' is not an ISO-8601 instant like 2016-03-02T09:30:00Z or a date like"
                  + " 2016-03-02"));
      return null;
    }
  }
}
