package org.casewatch.topology.internals.stores;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * An event id as a store keeps it where it is not a key: an id in UUID's canonical text (what most
 * coalitions' systems send) as its 16 bytes, any other id as its text. An alert's mark names the
 * event that triggered it, and a case's alert marks are most of what the case stores.
 */
public final class StoredEventIds {

  private static final int UUID_BYTES = 16;

  private StoredEventIds() {}

  /** What a store keeps of {@code eventId}: its 16 bytes if it is a UUID, else itself; or null. */
  public static Object compact(final String eventId) {
    if (eventId == null || eventId.length() != 36 || eventId.charAt(8) != '-') {
      return eventId;
    }
    final UUID uuid;
    try {
      uuid = UUID.fromString(eventId);
    } catch (IllegalArgumentException notUuid) {
      return eventId;
    }
    if (!uuid.toString().equals(eventId)) {
      // Upper case, say: kept as sent.
      return eventId;
    }
    return ByteBuffer.allocate(UUID_BYTES)
        .putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits())
        .flip();
  }

  /** The event id a store kept as {@code stored} ({@link #compact}), or null. */
  public static String text(final Object stored) {
    if (stored == null) {
      return null;
    }
    if (stored instanceof ByteBuffer bytes) {
      final ByteBuffer uuid = bytes.duplicate();
      if (uuid.remaining() != UUID_BYTES) {
        throw new IllegalArgumentException(
            "a stored event id of "
                + uuid.remaining()
                + " bytes: only a UUID is kept as bytes, in 16 of them");
      }
      return new UUID(uuid.getLong(), uuid.getLong()).toString();
    }
    return stored.toString();
  }
}
