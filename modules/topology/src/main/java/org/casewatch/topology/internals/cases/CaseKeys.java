package org.casewatch.topology.internals.cases;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the per-case stores that hold one entry per event or alert: the caseId, a zero byte, then
 * the event's or alert's id, so a prefix scan of the caseId and the zero byte visits one case and
 * nothing else (a caseId never contains a zero byte). An id in the canonical UUID form (as alert
 * ids are, and as coalitions are asked to choose event ids) is kept as its 16 bytes after a tag
 * byte 1; any other id as UTF-8 after a tag byte 2.
 */
public final class CaseKeys {

  private static final Pattern CANONICAL_UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final byte UUID_ID = 1;
  private static final byte TEXT_ID = 2;

  private CaseKeys() {}

  public static Bytes of(final String caseId, final String id) {
    final byte[] prefix = prefixBytes(caseId);
    final byte[] suffix;
    if (CANONICAL_UUID.matcher(id).matches()) {
      final UUID uuid = UUID.fromString(id);
      suffix =
          ByteBuffer.allocate(1 + 16)
              .put(UUID_ID)
              .putLong(uuid.getMostSignificantBits())
              .putLong(uuid.getLeastSignificantBits())
              .array();
    } else {
      final byte[] text = id.getBytes(StandardCharsets.UTF_8);
      suffix = ByteBuffer.allocate(1 + text.length).put(TEXT_ID).put(text).array();
    }
    final byte[] key = Arrays.copyOf(prefix, prefix.length + suffix.length);
    System.arraycopy(suffix, 0, key, prefix.length, suffix.length);
    return Bytes.wrap(key);
  }

  public static Bytes prefix(final String caseId) {
    return Bytes.wrap(prefixBytes(caseId));
  }

  /** The id after the case's prefix. */
  public static String idOf(final Bytes key) {
    final byte[] bytes = key.get();
    final int tag = separator(bytes) + 1;
    if (bytes[tag] == UUID_ID) {
      final ByteBuffer uuid = ByteBuffer.wrap(bytes, tag + 1, 16);
      return new UUID(uuid.getLong(), uuid.getLong()).toString();
    }
    return new String(bytes, tag + 1, bytes.length - tag - 1, StandardCharsets.UTF_8);
  }

  /** The caseId before the zero byte. */
  public static String caseIdOf(final Bytes key) {
    final byte[] bytes = key.get();
    return new String(bytes, 0, separator(bytes), StandardCharsets.UTF_8);
  }

  private static int separator(final byte[] bytes) {
    int separator = 0;
    while (bytes[separator] != 0) {
      separator++;
    }
    return separator;
  }

  private static byte[] prefixBytes(final String caseId) {
    final byte[] id = caseId.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(id, id.length + 1);
  }
}
