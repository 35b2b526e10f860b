package org.casewatch.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.casewatch.registry.client.CompatibilityLevel;

/**
 * The JSON records of the {@code _schemas} log, shaped like Confluent's so an operator reading the
 * topic recognises them. Schema keys also carry the schema's fingerprint: each distinct schema then
 * has its own key, so log compaction can never replace a registered version by a record that lost a
 * registration race.
 */
final class SchemaLogCodec {

  /** What a log record says. Records of other key types (e.g. Confluent's NOOP) are ignored. */
  sealed interface Entry permits SchemaEntry, ConfigEntry {}

  record SchemaEntry(SchemaVersion version) implements Entry {}

  /**
   * A compatibility level for a subject ({@code subject} null for the global level); {@code level}
   * empty when the subject's own level was removed (tombstone).
   */
  record ConfigEntry(String subject, Optional<CompatibilityLevel> level) implements Entry {}

  private final ObjectMapper json = new ObjectMapper();

  byte[] schemaKey(final SchemaVersion version) {
    final ObjectNode key = json.createObjectNode();
    key.put("keytype", "SCHEMA");
    key.put("subject", version.subject());
    key.put("version", version.version());
    key.put("fingerprint", version.fingerprint());
    key.put("magic", 1);
    return bytes(key);
  }

  byte[] schemaValue(final SchemaVersion version) {
    final ObjectNode value = json.createObjectNode();
    value.put("subject", version.subject());
    value.put("version", version.version());
    value.put("id", version.id());
    value.put("schema", version.schema());
    value.put("fingerprint", version.fingerprint());
    value.put("deleted", false);
    return bytes(value);
  }

  byte[] configKey(final String subject) {
    final ObjectNode key = json.createObjectNode();
    key.put("keytype", "CONFIG");
    key.put("subject", subject);
    key.put("magic", 0);
    return bytes(key);
  }

  byte[] configValue(final CompatibilityLevel level) {
    final ObjectNode value = json.createObjectNode();
    value.put("compatibilityLevel", level.name());
    return bytes(value);
  }

  /** Decodes one log record; empty for record types this registry does not use. */
  Optional<Entry> decode(final byte[] keyBytes, final byte[] valueBytes) throws IOException {
    final JsonNode key = json.readTree(keyBytes);
    final String keyType = key.path("keytype").asText();
    if ("SCHEMA".equals(keyType) && valueBytes != null) {
      final JsonNode value = json.readTree(valueBytes);
      return Optional.of(
          new SchemaEntry(
              new SchemaVersion(
                  value.path("subject").asText(),
                  value.path("version").asInt(),
                  value.path("id").asInt(),
                  value.path("schema").asText(),
                  value.path("fingerprint").asText())));
    }
    if ("CONFIG".equals(keyType)) {
      final String subject = key.path("subject").isTextual() ? key.path("subject").asText() : null;
      final Optional<CompatibilityLevel> level =
          valueBytes == null
              ? Optional.empty()
              : Optional.of(
                  CompatibilityLevel.valueOf(
                      json.readTree(valueBytes).path("compatibilityLevel").asText()));
      return Optional.of(new ConfigEntry(subject, level));
    }
    return Optional.empty();
  }

  private byte[] bytes(final JsonNode node) {
    try {
      return json.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
