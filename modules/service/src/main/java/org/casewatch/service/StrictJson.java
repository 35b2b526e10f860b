package org.casewatch.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.casewatch.model.LogSafe;

/**
 * Request bodies read strictly: one JSON object, each field once, known fields only, each of the
 * type it must be; what is wrong is an {@link IllegalArgumentException} (400) that says what and
 * how to send it, never a half-read body.
 */
final class StrictJson {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private StrictJson() {}

  /**
   * The body as one object with no field outside {@code fields}; {@code example} is shown when it
   * is not one.
   */
  static JsonNode object(
      final String body, final Set<String> fields, final String what, final String example) {
    final JsonNode node =
        tree(body)
            .orElseThrow(
                () -> new IllegalArgumentException("the body is not JSON; send " + example));
    if (!node.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object such as " + example);
    }
    for (final Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      final String name = names.next();
      if (!fields.contains(name)) {
        throw new IllegalArgumentException(
            "field '"
                + LogSafe.text(name)
                + "' is not part of "
                + what
                + ", which takes "
                + String.join(", ", fields.stream().sorted().toList())
                + " only (no free text: a note would carry names)");
      }
    }
    return node;
  }

  /** The body parsed, if it is JSON at all (strictly). */
  static Optional<JsonNode> tree(final String body) {
    try {
      return Optional.ofNullable(JSON.readTree(body == null ? "" : body))
          .filter(node -> !node.isMissingNode());
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** A string field, or null when absent or null. */
  static String text(final JsonNode node, final String field) {
    final JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return value.asText();
  }

  /** A symbol of {@code type}; an unknown one is a {@link BadParameter} listing those allowed. */
  static <E extends Enum<E>> E symbol(final String field, final String text, final Class<E> type) {
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw new BadParameter(field, LogSafe.text(text), names(type));
    }
  }

  /** An array of symbols of {@code type}; empty when absent. */
  static <E extends Enum<E>> List<E> symbols(
      final JsonNode node, final String field, final Class<E> type) {
    final JsonNode value = node.get(field);
    final List<E> symbols = new ArrayList<>();
    if (value == null || value.isNull()) {
      return symbols;
    }
    if (!value.isArray()) {
      throw new IllegalArgumentException(
          field + " must be an array of " + String.join(", ", names(type)));
    }
    for (final JsonNode item : value) {
      if (!item.isTextual()) {
        throw new IllegalArgumentException(field + " must be an array of strings");
      }
      final E symbol = symbol(field, item.asText(), type);
      if (!symbols.contains(symbol)) {
        symbols.add(symbol);
      }
    }
    return symbols;
  }

  static <E extends Enum<E>> List<String> names(final Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
  }
}
