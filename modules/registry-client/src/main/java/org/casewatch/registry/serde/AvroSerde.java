package org.casewatch.registry.serde;

import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.casewatch.registry.client.SchemaRegistryClient;

/**
 * A Kafka {@link Serde} for Avro records in Confluent's wire format, built around an existing
 * registry client so that all serdes of an application share its caches.
 *
 * @param <T> a generated Avro class or {@code GenericRecord}
 */
public final class AvroSerde<T extends GenericContainer> implements Serde<T> {

  private final AvroSerializer<T> serializer;
  private final AvroDeserializer<T> deserializer;

  private AvroSerde(final AvroSerializer<T> serializer, final AvroDeserializer<T> deserializer) {
    this.serializer = serializer;
    this.deserializer = deserializer;
  }

  /** A serde for the generated class {@code type}, as record values, registering schemas. */
  public static <T extends SpecificRecord> AvroSerde<T> specific(
      final SchemaRegistryClient registry, final Class<T> type) {
    return specific(registry, type, false, true);
  }

  /** A serde for the generated class {@code type}. */
  public static <T extends SpecificRecord> AvroSerde<T> specific(
      final SchemaRegistryClient registry,
      final Class<T> type,
      final boolean isKey,
      final boolean autoRegister) {
    return new AvroSerde<>(
        new AvroSerializer<>(registry, autoRegister, isKey),
        AvroDeserializer.specific(registry, type));
  }

  /** A serde for {@code GenericRecord}s. */
  public static AvroSerde<GenericRecord> generic(
      final SchemaRegistryClient registry, final boolean isKey, final boolean autoRegister) {
    return new AvroSerde<>(
        new AvroSerializer<>(registry, autoRegister, isKey), AvroDeserializer.generic(registry));
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
