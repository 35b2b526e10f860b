package org.casewatch.registry.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.registry.client.SchemaNotFoundException;
import org.casewatch.registry.client.SchemaRegistryClient;

/**
 * Reads Confluent wire format: resolves the writer schema by the id in the header and decodes into
 * the reader schema of a generated class (schema evolution applies), or into a {@code
 * GenericRecord} with the writer's own schema.
 *
 * <p>Anything that is not a well-formed record raises a {@link SerializationException} naming the
 * topic and the reason, so it can be dead-lettered. A registry that cannot be reached is not the
 * record's fault: that {@code RegistryUnreachableException} (or another registry failure)
 * propagates as it is, so the caller retries instead of discarding a good record.
 *
 * @param <T> a generated Avro class or {@code GenericRecord}
 */
public final class AvroDeserializer<T> implements Deserializer<T> {

  private SchemaRegistryClient registry;

  /** The reader schema, or null to read with each record's writer schema. */
  private Schema readerSchema;

  private GenericData model;
  private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

  /** For Kafka clients that create deserializers by class name and then call {@link #configure}. */
  public AvroDeserializer() {}

  private AvroDeserializer(
      final SchemaRegistryClient registry, final Schema readerSchema, final GenericData model) {
    this.registry = registry;
    this.readerSchema = readerSchema;
    this.model = model;
  }

  /** Decodes into the generated class {@code type}, using its schema as the reader schema. */
  public static <T extends SpecificRecord> AvroDeserializer<T> specific(
      final SchemaRegistryClient registry, final Class<T> type) {
    return new AvroDeserializer<>(
        registry, SpecificData.get().getSchema(type), SpecificData.getForClass(type));
  }

  /** Decodes into {@code GenericRecord}s with each record's writer schema. */
  public static AvroDeserializer<GenericRecord> generic(final SchemaRegistryClient registry) {
    return new AvroDeserializer<>(registry, null, GenericData.get());
  }

  /**
   * Decodes into {@code GenericRecord}s of {@code readerSchema}, resolving each writer schema to
   * it.
   */
  public static AvroDeserializer<GenericRecord> generic(
      final SchemaRegistryClient registry, final Schema readerSchema) {
    return new AvroDeserializer<>(registry, readerSchema, GenericData.get());
  }

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    final AvroSerdeConfig config = AvroSerdeConfig.from(configs);
    this.registry = new HttpSchemaRegistryClient(RegistryClientConfig.of(config.registryUrl()));
    final Object readerClass = configs.get(AvroSerdeConfig.READER_CLASS);
    if (readerClass == null) {
      this.readerSchema = null;
      this.model = GenericData.get();
      return;
    }
    try {
      final Class<?> type = Class.forName(readerClass.toString().trim());
      this.readerSchema = SpecificData.get().getSchema(type);
      this.model = SpecificData.getForClass(type);
    } catch (ClassNotFoundException | RuntimeException e) {
      throw new ConfigException(
          AvroSerdeConfig.READER_CLASS,
          readerClass,
          "must name a generated Avro class on the classpath: " + e);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(final String topic, final byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    final int schemaId = WireFormat.readSchemaId(topic, bytes);
    final DatumReader<Object> reader =
        readers.computeIfAbsent(schemaId, id -> readerFor(topic, id));
    final int length = bytes.length - WireFormat.HEADER_LENGTH;
    final BinaryDecoder decoder =
        DecoderFactory.get().binaryDecoder(bytes, WireFormat.HEADER_LENGTH, length, null);
    try {
      final Object record = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new SerializationException(
            corrupt(topic, schemaId, "bytes left over after the record"));
      }
      return (T) record;
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException serialization) {
        throw serialization;
      }
      throw new SerializationException(corrupt(topic, schemaId, e.toString()), e);
    }
  }

  private DatumReader<Object> readerFor(final String topic, final int schemaId) {
    final Schema writerSchema;
    try {
      writerSchema = registry.schemaById(schemaId);
    } catch (SchemaNotFoundException e) {
      throw new SerializationException(
          "Cannot deserialize a record from topic '"
              + topic
              + "': schema id "
              + schemaId
              + " is unknown to the schema registry. The record was written against another"
              + " registry, or the registry lost its _schemas topic.",
          e);
    }
    @SuppressWarnings("unchecked")
    final DatumReader<Object> reader =
        (DatumReader<Object>)
            model.createDatumReader(
                writerSchema, readerSchema == null ? writerSchema : readerSchema);
    return reader;
  }

  private static String corrupt(final String topic, final int schemaId, final String why) {
    return "Cannot deserialize a record from topic '"
        + topic
        + "': its Avro payload does not decode "
        + "with schema id "
        + schemaId
        + " ("
        + why
        + "). The bytes are truncated or corrupt.";
  }
}
