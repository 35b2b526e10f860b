package org.casewatch.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for the topology's internal stores: one format-version byte, then Avro binary with the
 * schema compiled into this release. Internal state never depends on the schema registry being
 * reachable, and its evolution is the topology's own business, not a registry compatibility rule.
 */
public final class StoreSerde<T extends SpecificRecord> implements Serializer<T>, Deserializer<T> {

  /** Bumped when a release can no longer read the previous format as it is. */
  static final byte FORMAT_VERSION = 1;

  private final Class<T> type;
  private final SpecificDatumWriter<T> writer;
  private final SpecificDatumReader<T> reader;

  /** The serde for records of the generated class {@code type}. */
  public static <T extends SpecificRecord> Serde<T> of(final Class<T> type) {
    final StoreSerde<T> serde = new StoreSerde<>(type);
    return Serdes.serdeFrom(serde, serde);
  }

  private StoreSerde(final Class<T> type) {
    this.type = type;
    this.writer = new SpecificDatumWriter<>(type);
    this.reader = new SpecificDatumReader<>(type);
  }

  @Override
  public byte[] serialize(final String topic, final T value) {
    if (value == null) {
      return null;
    }
    final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    out.write(FORMAT_VERSION);
    final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writer.write(value, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot store a " + type.getSimpleName() + " in " + topic + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  @Override
  public T deserialize(final String topic, final byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length == 0 || bytes[0] != FORMAT_VERSION) {
      throw new SerializationException("Stored " + type.getSimpleName() + " in " + topic + " has format "
          + (bytes.length == 0 ? "(empty)" : bytes[0]) + "; this release reads format " + FORMAT_VERSION
          + ". Reset the application's state to rebuild it from the event topics.");
    }
    try {
      final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 1, bytes.length - 1, null);
      return reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Stored " + type.getSimpleName() + " in " + topic + " is corrupt: " + e.getMessage(), e);
    }
  }
  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    // nothing to configure: the schema is compiled in
  }

  @Override
  public void close() {
    // holds no resources
  }
}
