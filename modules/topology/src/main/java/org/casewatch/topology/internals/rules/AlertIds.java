package org.casewatch.topology.internals.rules;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.casewatch.model.RuleId;

/**
 * Alert ids derived only from what the alert is about, (case, rule, deadline or triggering event),
 * never from when or where it was computed: live and replay agree on them.
 */
public final class AlertIds {

  /** One digest per thread: looking MD5 up on every id costs more than computing it. */
  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java runtime has MD5", e);
            }
          });

  private AlertIds() {}

  /**
   * The name-based (version 3) UUID of "caseId|RULE|discriminator", as {@link
   * UUID#nameUUIDFromBytes} makes it.
   */
  public static String of(final String caseId, final RuleId rule, final String discriminator) {
    final String name = caseId + "|" + rule.name() + "|" + discriminator;
    final byte[] hash = MD5.get().digest(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x30);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    final ByteBuffer bits = ByteBuffer.wrap(hash);
    return new UUID(bits.getLong(), bits.getLong()).toString();
  }

  /**
   * The ids one case's rules asked for before. Every event re-evaluates every rule over the whole
   * case, so each of its alerts' ids is asked for again and again; a digest each time was a
   * twentieth of a replay's work. An id is a function of what it is made from, so remembering it
   * changes nothing but the cost. Used by one thread, like the case it belongs to.
   */
  public static final class Memo {

    /** A memo that remembers nothing: every id is computed when asked for. */
    private static final Memo NONE = new Memo(null);

    private final String caseId;
    private final Map<RuleId, Map<String, String>> ids = new EnumMap<>(RuleId.class);

    private Memo(final String caseId) {
      this.caseId = caseId;
    }

    /** A memo for the alerts of {@code caseId}. */
    public static Memo of(final String caseId) {
      return new Memo(caseId);
    }

    /** Remembers nothing. */
    public static Memo none() {
      return NONE;
    }

    /** {@link AlertIds#of}, remembered if this is {@code caseId}'s memo. */
    String of(final String caseId, final RuleId rule, final String discriminator) {
      if (this.caseId == null) {
        return AlertIds.of(caseId, rule, discriminator);
      }
      if (!this.caseId.equals(caseId)) {
        throw new IllegalArgumentException(
            "the alert ids of case " + this.caseId + " were asked for case " + caseId);
      }
      final Map<String, String> byDiscriminator =
          ids.computeIfAbsent(rule, unused -> new HashMap<>(4));
      final String known = byDiscriminator.get(discriminator);
      if (known != null) {
        return known;
      }
      final String id = AlertIds.of(caseId, rule, discriminator);
      byDiscriminator.put(discriminator, id);
      return id;
    }
  }
}
