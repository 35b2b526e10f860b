package org.casewatch.topology.internals.rules;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
}
