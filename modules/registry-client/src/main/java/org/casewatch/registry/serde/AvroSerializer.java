package org.casewatch.registry.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.registry.client.SchemaRegistryClient;
import org.casewatch.registry.client.SchemaRegistryException;

/**
 * Writes generated (specific) Avro records or {@code GenericRecord}s in Confluent's wire format,
 * registering (or looking up) the record's schema under the topic's subject.
 *
 * @param <T> a generated Avro class or {@code GenericRecord}
 */
public final class AvroSerializer<T extends GenericContainer> implements Serializer<T> {

  private SchemaRegistryClient registry;
  private boolean autoRegister;
  private boolean isKey;

  /**
   * Writers per record class and schema: a GenericRecord and a generated class need different
   * models.
   */
  private final Map<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

  /**
   * Schema ids per subject, by schema instance: a generated class hands out the same instance for
   * every record, so the common case costs one identity lookup instead of rendering the schema as
   * JSON for the registry client's cache on every record.
   */
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

  /** Bounds the identity cache for callers that build a new schema instance per record. */
  private static final int MAX_CACHED_SCHEMAS_PER_SUBJECT = 64;

  private record WriterKey(Class<?> type, Schema schema) {}

  /** For Kafka clients that create serializers by class name and then call {@link #configure}. */
  public AvroSerializer() {}

  public AvroSerializer(
      final SchemaRegistryClient registry, final boolean autoRegister, final boolean isKey) {
    this.registry = registry;
    this.autoRegister = autoRegister;
    this.isKey = isKey;
  }

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    final AvroSerdeConfig config = AvroSerdeConfig.from(configs);
    this.registry = new HttpSchemaRegistryClient(RegistryClientConfig.of(config.registryUrl()));
    this.autoRegister = config.autoRegister();
    this.isKey = isKey;
  }

  @Override
  public byte[] serialize(final String topic, final T record) {
    if (record == null) {
      return null;
    }
    final Schema schema = record.getSchema();
    final String subject = SubjectNames.forTopic(topic, isKey);
    final int schemaId = schemaId(topic, subject, schema);
    final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    WireFormat.writeHeader(out, schemaId);
    final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writers
          .computeIfAbsent(new WriterKey(record.getClass(), schema), AvroSerializer::writerFor)
          .write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot serialize a "
              + schema.getFullName()
              + " for topic '"
              + topic
              + "': "
              + e.getMessage()
              + ". Check that every required field is set.",
          e);
    }
    return out.toByteArray();
  }

  private int schemaId(final String topic, final String subject, final Schema schema) {
    final Map<Schema, Integer> ids =
        idsBySubject.computeIfAbsent(
            subject, any -> Collections.synchronizedMap(new IdentityHashMap<>()));
    final Integer known = ids.get(schema);
    if (known != null) {
      return known;
    }
    final int id = registeredId(topic, subject, schema);
    if (ids.size() < MAX_CACHED_SCHEMAS_PER_SUBJECT) {
      ids.put(schema, id);
    }
    return id;
  }

  private int registeredId(final String topic, final String subject, final Schema schema) {
    try {
      return autoRegister
          ? registry.register(subject, schema)
          : registry.lookup(subject, schema).id();
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Cannot serialize a "
              + schema.getFullName()
              + " for topic '"
              + topic
              + "': "
              + (autoRegister ? "registering" : "looking up")
              + " its schema under subject '"
              + subject
              + "' failed: "
              + e.getMessage(),
          e);
    }
  }

  @SuppressWarnings("unchecked")
  private static DatumWriter<Object> writerFor(final WriterKey key) {
    // A generated class brings its own model, with its logical-type conversions (Instant, ...).
    final GenericData model =
        SpecificRecord.class.isAssignableFrom(key.type())
            ? SpecificData.getForClass(key.type())
            : GenericData.get();
    return (DatumWriter<Object>) model.createDatumWriter(key.schema());
  }
}
