package org.casewatch.topology.internals.stores;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for the topology's internal stores. A value is a byte {@code 0xCA}, the number its writer's
 * schema is known by ({@code store-schemas/numbered.txt}, as an unsigned variable-length integer:
 * one byte for the first 127 schemas), then Avro binary. A release reads every schema it knows by
 * number, resolving it to the schema compiled in, so a store or a changelog written by an earlier
 * release is read without a reset; values written before December 2026 are in Avro's single-object
 * encoding (two marker bytes and the 8-byte CRC-64-AVRO fingerprint of the writer's schema, where
 * the number takes one byte now) and are read as they are. Internal state never depends on the
 * schema registry being reachable.
 *
 * <p>Every schema a release writes is kept in the jar under {@code store-schemas/}, named by its
 * fingerprint and given the next number, and a test fails until the current ones are there; so when
 * a store's schema changes, the new one is added beside the old, and every later release still
 * reads what any earlier one wrote.
 */
public final class StoreSerde<T extends SpecificRecord> implements Serializer<T>, Deserializer<T> {

  /** Where the schemas of every release are found by fingerprint. */
  public static final String RELEASED_SCHEMAS_DIR = "/store-schemas/";

  /** Finds a writer's schema by fingerprint among the released ones in the jar. */
  public static final SchemaStore RELEASED_SCHEMAS = StoreSerde::releasedSchema;

  /** The first byte of a value written since December 2026. */
  public static final byte NUMBERED = (byte) 0xCA;

  /** The released schemas' fingerprints by number, from the jar. */
  private static final Map<Long, Long> FINGERPRINTS = numberedFingerprints();

  private final Class<T> type;
  private final SpecificData model;
  private final Schema schema;
  private final byte[] header;
  private final DatumWriter<T> writer;
  private final BinaryMessageDecoder<T> singleObjectDecoder;

  /** Readers of each writer's schema met, by number. */
  private final Map<Long, DatumReader<T>> readers = new ConcurrentHashMap<>();

  /** The serde for records of the generated class {@code type}. */
  public static <T extends SpecificRecord> Serde<T> of(final Class<T> type) {
    final StoreSerde<T> serde = new StoreSerde<>(type);
    return Serdes.serdeFrom(serde, serde);
  }

  private StoreSerde(final Class<T> type) {
    this.type = type;
    this.model = SpecificData.getForClass(type);
    this.schema = model.getSchema(type);
    this.header = headerOf(schema);
    this.writer = new SpecificDatumWriter<>(schema, model);
    this.singleObjectDecoder = new BinaryMessageDecoder<>(model, schema, RELEASED_SCHEMAS);
  }

  @Override
  public byte[] serialize(final String topic, final T value) {
    if (value == null) {
      return null;
    }
    try {
      final ByteArrayOutputStream out = new ByteArrayOutputStream(64);
      out.write(header);
      final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(value, encoder);
      encoder.flush();
      return out.toByteArray();
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
      return isNumbered(bytes)
          ? readNumbered(
              bytes,
              number ->
                  readers.computeIfAbsent(
                      number, n -> new SpecificDatumReader<>(writerSchema(n), schema, model)))
          : singleObjectDecoder.decode(bytes);
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
              + " starts with neither casewatch's store header nor Avro's single-object marker"
              + " (written by casewatch 0.1?). Reset the application's state to rebuild it from the"
              + " event topics.",
          e);
    } catch (BufferUnderflowException | EOFException e) {
      throw new SerializationException(
          "Stored "
              + type.getSimpleName()
              + " in "
              + topic
              + " is corrupt: its "
              + bytes.length
              + " bytes end before the value does. Reset the application's state to rebuild it"
              + " from the event topics.",
          e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Stored " + type.getSimpleName() + " in " + topic + " is corrupt: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a stored value as {@code reader}, whichever release wrote it: what a later release's
   * serde does with what this one wrote.
   */
  public static Object read(final byte[] stored, final Schema reader, final GenericData model)
      throws IOException {
    return isNumbered(stored)
        ? readNumbered(
            stored, number -> new GenericDatumReader<>(writerSchema(number), reader, model))
        : new BinaryMessageDecoder<>(model, reader, RELEASED_SCHEMAS).decode(stored);
  }

  private static boolean isNumbered(final byte[] stored) {
    return stored.length > 0 && stored[0] == NUMBERED;
  }

  /** A numbered value's body, read by the reader of the writer's schema its number names. */
  private static <R> R readNumbered(
      final byte[] stored, final LongFunction<DatumReader<R>> readerOf) throws IOException {
    final ByteBuffer in = ByteBuffer.wrap(stored, 1, stored.length - 1);
    final DatumReader<R> reader = readerOf.apply(readNumber(in));
    return reader.read(
        null, DecoderFactory.get().binaryDecoder(stored, in.position(), in.remaining(), null));
  }

  /** The file name of a schema under {@link #RELEASED_SCHEMAS_DIR}. */
  public static String releasedFileName(final Schema schema) {
    return String.format("%016x.avsc", SchemaNormalization.parsingFingerprint64(schema));
  }

  /** The number {@code schema} is known by in the jar, if it has one. */
  public static Optional<Long> numberOf(final Schema schema) {
    final long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    return FINGERPRINTS.entrySet().stream()
        .filter(entry -> entry.getValue() == fingerprint)
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private static byte[] headerOf(final Schema schema) {
    final long number =
        numberOf(schema)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the store schema "
                            + schema.getFullName()
                            + " ("
                            + releasedFileName(schema)
                            + ") has no number in "
                            + RELEASED_SCHEMAS_DIR
                            + "numbered.txt: add it, with the next number, beside its file"));
    final ByteArrayOutputStream out = new ByteArrayOutputStream(4);
    out.write(NUMBERED);
    long rest = number;
    while ((rest & ~0x7FL) != 0) {
      out.write((int) ((rest & 0x7F) | 0x80));
      rest >>>= 7;
    }
    out.write((int) rest);
    return out.toByteArray();
  }

  private static long readNumber(final ByteBuffer in) {
    long number = 0;
    for (int shift = 0; shift < 63; shift += 7) {
      final byte b = in.get();
      number |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return number;
      }
    }
    throw new IllegalArgumentException("a store schema number that does not end");
  }

  private static Schema writerSchema(final long number) {
    if (number < 1) {
      throw new IllegalArgumentException(
          "it names store schema number " + number + ", which no release gives");
    }
    final Long fingerprint = FINGERPRINTS.get(number);
    final Schema found = fingerprint == null ? null : releasedSchema(fingerprint);
    if (found == null) {
      throw new MissingSchemaException("store schema number " + number);
    }
    return found;
  }

  private static Map<Long, Long> numberedFingerprints() {
    final String name = RELEASED_SCHEMAS_DIR + "numbered.txt";
    final Map<Long, Long> numbered = new HashMap<>();
    try (InputStream in = StoreSerde.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      for (final String line :
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
        final String entry = line.strip();
        if (entry.isEmpty() || entry.startsWith("#")) {
          continue;
        }
        final int space = entry.indexOf(' ');
        numbered.put(
            Long.parseLong(entry.substring(0, space)),
            Long.parseUnsignedLong(entry.substring(space).strip(), 16));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
    return Map.copyOf(numbered);
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
