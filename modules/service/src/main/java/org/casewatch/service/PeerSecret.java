package org.casewatch.service;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret every instance of one service shares to sign its requests to the others ({@code
 * casewatch.peer.secret}). Never printed: its {@code toString} hides it, so logging a configuration
 * cannot leak it.
 */
public final class PeerSecret {

  private final byte[] key;

  public PeerSecret(final String secret) {
    this.key = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** A fresh random secret, for a single instance that has no peers to agree with. */
  static PeerSecret random() {
    final byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return new PeerSecret(Base64.getEncoder().encodeToString(random));
  }

  byte[] key() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "PeerSecret[hidden]";
  }
}
