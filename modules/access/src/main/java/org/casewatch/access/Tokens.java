package org.casewatch.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bearer tokens: {@code cw_<id>_<secret>}. The id finds the token's entry without revealing
 * anything; only a salted SHA-256 of the secret is stored. The secret is 256 random bits, so a fast
 * hash suffices (slow hashes are for guessable passwords).
 */
public final class Tokens {

  private static final Pattern FORMAT = Pattern.compile("cw_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

  /** A newly issued token: the clear text to hand out once, and what is stored. */
  public record Issued(String token, String id, String hash) {}

  /** A presented token split into its id and secret. */
  record Presented(String id, String secret) {}

  private Tokens() {}

  public static Issued issue() {
    final byte[] idBytes = new byte[6];
    final byte[] secretBytes = new byte[32];
    RANDOM.nextBytes(idBytes);
    RANDOM.nextBytes(secretBytes);
    final String id = HexFormat.of().formatHex(idBytes);
    final String secret = B64.encodeToString(secretBytes);
    final byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return new Issued(
        "cw_" + id + "_" + secret,
        id,
        "sha256:" + B64.encodeToString(salt) + ":" + digest(salt, secret));
  }

  static Optional<Presented> parse(final String token) {
    if (token == null) {
      return Optional.empty();
    }
    final Matcher matcher = FORMAT.matcher(token.trim());
    return matcher.matches()
        ? Optional.of(new Presented(matcher.group(1), matcher.group(2)))
        : Optional.empty();
  }

  /** Whether {@code secret} matches the stored {@code hash}, compared in constant time. */
  static boolean matches(final String secret, final String hash) {
    // Limit 0, as String.split(String) has always done here: trailing empty fields are dropped.
    final String[] parts = hash.split(":", 0);
    if (parts.length != 3 || !"sha256".equals(parts[0])) {
      return false;
    }
    final String expected = parts[2];
    final byte[] salt;
    try {
      salt = B64_DECODER.decode(parts[1]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    final String actual = digest(salt, secret);
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
  }

  private static String digest(final byte[] salt, final String secret) {
    try {
      final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(salt);
      return B64.encodeToString(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
