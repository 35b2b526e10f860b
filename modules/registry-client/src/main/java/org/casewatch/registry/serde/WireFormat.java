package org.casewatch.registry.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: one magic byte 0x00, the schema id as a 4-byte big-endian int, then the
 * Avro binary encoding. Every Confluent-compatible consumer and producer speaks it.
 */
final class WireFormat {

  static final byte MAGIC_BYTE = 0x0;
  static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  static void writeHeader(final java.io.ByteArrayOutputStream out, final int schemaId) {
    out.write(MAGIC_BYTE);
    out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(schemaId).array());
  }

  /** Checks the header of {@code bytes} read from {@code topic} and returns the schema id. */
  static int readSchemaId(final String topic, final byte[] bytes) {
    if (bytes.length < HEADER_LENGTH) {
      throw new SerializationException(
          "Cannot deserialize a record from topic '"
              + topic
              + "': it is "
              + bytes.length
              + " bytes long, shorter than the 5-byte Confluent header (magic byte + schema id). "
              + "It was not written by a Confluent-compatible Avro serializer.");
    }
    if (bytes[0] != MAGIC_BYTE) {
      throw new SerializationException(
          String.format(
              "Cannot deserialize a record from topic '%s': unknown magic byte 0x%02x, expected"
                  + " 0x00 (Confluent wire format). It was not written by a Confluent-compatible"
                  + " Avro serializer.",
              topic, bytes[0]));
    }
    return ByteBuffer.wrap(bytes, 1, Integer.BYTES).getInt();
  }
}
