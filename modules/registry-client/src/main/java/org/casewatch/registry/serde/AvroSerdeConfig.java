package org.casewatch.registry.serde;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * How an Avro serde behaves, with the configuration keys Confluent's serdes use so existing client
 * configurations keep working.
 *
 * @param registryUrl the schema registry's base URL
 * @param autoRegister whether the serializer registers unknown schemas (otherwise it only looks
 *     them up, and fails if the schema was not registered beforehand)
 */
public record AvroSerdeConfig(String registryUrl, boolean autoRegister) {

  /** The registry's base URL, e.g. {@code http://localhost:8081}. */
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

  /** Whether the serializer may register schemas; default {@code true}. */
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

  /**
   * Fully qualified name of a generated Avro class to deserialize into; without it the deserializer
   * returns {@code GenericRecord}s.
   */
  public static final String READER_CLASS = "casewatch.avro.reader.class";

  /** Reads the configuration a Kafka client passes to {@code configure}. */
  public static AvroSerdeConfig from(final Map<String, ?> configs) {
    final Object url = configs.get(SCHEMA_REGISTRY_URL);
    if (url == null || url.toString().isBlank()) {
      throw new ConfigException(
          SCHEMA_REGISTRY_URL,
          url,
          "the Avro serde needs the schema registry's URL, e.g. http://localhost:8081");
    }
    final Object autoRegister = configs.get(AUTO_REGISTER_SCHEMAS);
    return new AvroSerdeConfig(
        url.toString().trim(),
        autoRegister == null || Boolean.parseBoolean(autoRegister.toString()));
  }
}
