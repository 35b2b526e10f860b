package org.casewatch.topology.internals.stores;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for the topology's internal stores in Avro's single-object encoding: two marker bytes, the
 * 8-byte CRC-64-AVRO fingerprint of the writer's schema, then Avro binary. A release reads every
 * schema it knows by fingerprint, resolving it to the schema compiled in, so a store or a changelog
 * written by an earlier release is read without a reset. Internal state never depends on the schema
 * registry being reachable.
 *
 * <p>Every schema a release writes is kept in the jar under {@code store-schemas/}, named by its
 * fingerprint, and a test fails until the current ones are there; so when a store's schema changes,
 * the new one is added beside the old, and every later release still reads what any earlier one
 * wrote.
 */
public final class StoreSerde<T extends SpecificRecord> implements Serializer<T>, Deserializer<T> {

  /** Where the schemas of every release are found by fingerprint. */
  public static final String RELEASED_SCHEMAS_DIR = "/store-schemas/";

  /** Finds a writer's schema by fingerprint among the released ones in the jar. */
  public static final SchemaStore RELEASED_SCHEMAS = StoreSerde::releasedSchema;

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  /** The serde for records of the generated class {@code type}. */
  public static <T extends SpecificRecord> Serde<T> of(final Class<T> type) {
    final StoreSerde<T> serde = new StoreSerde<>(type);
    return Serdes.serdeFrom(serde, serde);
  }

  private StoreSerde(final Class<T> type) {
    this.type = type;
    final SpecificData model = SpecificData.getForClass(type);
    final Schema schema = model.getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema, RELEASED_SCHEMAS);
  }

  @Override
  public byte[] serialize(final String topic, final T value) {
    if (value == null) {
      return null;
    }
    try {
      final ByteBuffer buffer = encoder.encode(value);
      final byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot store a " + type.getSimpleName() + " in " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public T deserialize(final String topic, final byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return decoder.decode(bytes);
    } catch (MissingSchemaException e) {
      throw new SerializationException(
          "Stored "
              + type.getSimpleName()
              + " in "
              + topic
              + " was written with a schema "
              + "this release does not know ("
              + e.getMessage()
              + "). A newer release wrote it: run that release, or reset "
              + "the application's state to rebuild it from the event topics.",
          e);
    } catch (BadHeaderException e) {
      throw new SerializationException(
          "Stored "
              + type.getSimpleName()
              + " in "
              + topic
              + " is not in Avro's single-object encoding (written by casewatch 0.1?). Reset the"
              + " application's state to rebuild it from the event topics.",
          e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Stored " + type.getSimpleName() + " in " + topic + " is corrupt: " + e.getMessage(), e);
    }
  }

  /** The file name of a schema under {@link #RELEASED_SCHEMAS_DIR}. */
  public static String releasedFileName(final Schema schema) {
    return String.format("%016x.avsc", SchemaNormalization.parsingFingerprint64(schema));
  }

  private static Schema releasedSchema(final long fingerprint) {
    final String name = RELEASED_SCHEMAS_DIR + String.format("%016x.avsc", fingerprint);
    try (InputStream in = StoreSerde.class.getResourceAsStream(name)) {
      return in == null ? null : new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the released store schema " + name, e);
    }
  }

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    // nothing to configure: the schemas are compiled in
  }

  @Override
  public void close() {
    // holds no resources
  }
}
