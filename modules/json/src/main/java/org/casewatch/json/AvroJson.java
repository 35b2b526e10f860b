package org.casewatch.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Generated Avro records as the JSON the HTTP APIs speak: field names as in the schema, timestamps
 * as ISO-8601, enums as their symbols, maps as objects.
 */
public final class AvroJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {}

  public static ObjectNode toJson(final SpecificRecord record) {
    final ObjectNode node = NODES.objectNode();
    for (final Schema.Field field : record.getSchema().getFields()) {
      node.set(field.name(), value(record.get(field.pos())));
    }
    return node;
  }

  private static JsonNode value(final Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof SpecificRecord record) {
      return toJson(record);
    }
    if (value instanceof Instant instant) {
      return NODES.textNode(instant.toString());
    }
    if (value instanceof Long number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Integer number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Double number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Boolean flag) {
      return NODES.booleanNode(flag);
    }
    if (value instanceof Map<?, ?> map) {
      final ObjectNode object = NODES.objectNode();
      map.forEach((key, item) -> object.set(key.toString(), value(item)));
      return object;
    }
    if (value instanceof Collection<?> items) {
      final ArrayNode array = NODES.arrayNode();
      items.forEach(item -> array.add(value(item)));
      return array;
    }
    return NODES.textNode(value.toString());
  }
}
