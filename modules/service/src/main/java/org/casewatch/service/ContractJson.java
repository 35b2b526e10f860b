package org.casewatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Checks that JSON another instance sent has the shape of a contract type (an Avro schema as {@code
 * AvroJson} writes it: timestamps as ISO-8601 text, enums as their symbols, maps as objects) and
 * returns a copy holding only the schema's fields: a peer's answer reaches a coordinator only as
 * the contract promises it, never as whatever the peer sent.
 */
final class ContractJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ContractJson() {}

  /**
   * The checked copy of {@code node}; {@code leftOut} names top-level fields the internal route
   * drops on purpose. Throws {@link IllegalArgumentException} naming the first field that breaks
   * it.
   */
  static JsonNode conform(final Schema schema, final JsonNode node, final Set<String> leftOut) {
    return value(schema, node, schema.getName(), leftOut);
  }

  private static JsonNode value(
      final Schema schema, final JsonNode node, final String where, final Set<String> leftOut) {
    switch (schema.getType()) {
      case RECORD -> {
        return record(schema, node, where, leftOut);
      }
      case UNION -> {
        return union(schema, node, where);
      }
      case NULL -> {
        require(node.isNull(), where, "null");
        return NODES.nullNode();
      }
      case ENUM -> {
        require(
            node.isTextual() && schema.getEnumSymbols().contains(node.asText()),
            where,
            "one of " + schema.getEnumSymbols());
        return node;
      }
      case STRING -> {
        require(node.isTextual(), where, "text");
        return node;
      }
      case BOOLEAN -> {
        require(node.isBoolean(), where, "true or false");
        return node;
      }
      case INT -> {
        require(node.isIntegralNumber() && node.canConvertToInt(), where, "a whole number");
        return node;
      }
      case LONG -> {
        if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
          require(node.isTextual() && isInstant(node.asText()), where, "an ISO-8601 time");
          return node;
        }
        require(node.isIntegralNumber() && node.canConvertToLong(), where, "a whole number");
        return node;
      }
      case FLOAT, DOUBLE -> {
        require(node.isNumber(), where, "a number");
        return node;
      }
      case ARRAY -> {
        require(node.isArray(), where, "an array");
        final ArrayNode items = NODES.arrayNode();
        for (int i = 0; i < node.size(); i++) {
          items.add(value(schema.getElementType(), node.get(i), where + "[" + i + "]", Set.of()));
        }
        return items;
      }
      case MAP -> {
        require(node.isObject(), where, "an object");
        final ObjectNode entries = NODES.objectNode();
        for (final Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          final Map.Entry<String, JsonNode> entry = it.next();
          entries.set(
              entry.getKey(),
              value(
                  schema.getValueType(), entry.getValue(), where + "." + entry.getKey(), Set.of()));
        }
        return entries;
      }
      default ->
          throw new IllegalArgumentException(
              where + " has a type (" + schema.getType() + ") no internal route sends");
    }
  }

  private static JsonNode record(
      final Schema schema, final JsonNode node, final String where, final Set<String> leftOut) {
    require(node.isObject(), where, "an object (" + schema.getName() + ")");
    final ObjectNode copy = NODES.objectNode();
    for (final Schema.Field field : schema.getFields()) {
      final JsonNode child = node.get(field.name());
      if (child == null && leftOut.contains(field.name())) {
        continue;
      }
      require(child != null, where + "." + field.name(), "present");
      copy.set(field.name(), value(field.schema(), child, where + "." + field.name(), Set.of()));
    }
    return copy;
  }

  private static JsonNode union(final Schema schema, final JsonNode node, final String where) {
    IllegalArgumentException last = null;
    for (final Schema branch : schema.getTypes()) {
      try {
        return value(branch, node, where, Set.of());
      } catch (IllegalArgumentException e) {
        last = e;
      }
    }
    throw last == null
        ? new IllegalArgumentException(where + " matches no branch of " + schema)
        : last;
  }

  /** Whether {@code text} is an ISO-8601 instant, as the API writes times. */
  static boolean isInstant(final String text) {
    try {
      Instant.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static void require(final boolean holds, final String where, final String expected) {
    if (!holds) {
      throw new IllegalArgumentException(where + " is not " + expected);
    }
  }
}
