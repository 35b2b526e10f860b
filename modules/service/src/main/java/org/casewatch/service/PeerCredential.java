package org.casewatch.service;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How instances of one service prove to each other that a request or an answer comes from one of
 * them: an HMAC-SHA256, with the shared {@link PeerSecret}, over the method, the path and query and
 * the time of the request; the answer is signed over the request's signature and the body. A
 * coordinator's token never travels between instances, and a request older than the replay window
 * (or dated in the future beyond it) is refused.
 */
final class PeerCredential {

  static final String TIME = "X-Casewatch-Peer-Time";
  static final String SIGNATURE = "X-Casewatch-Peer-Signature";

  /** How old a signed request may be: clocks of instances must agree within this. */
  static final Duration REPLAY_WINDOW = Duration.ofSeconds(30);

  private final SecretKeySpec key;
  private final Clock clock;

  PeerCredential(final PeerSecret secret, final Clock clock) {
    this.key = new SecretKeySpec(secret.key(), "HmacSHA256");
    this.clock = clock;
  }

  /** The headers that sign a request for {@code pathAndQuery}, sent now. */
  Map<String, String> sign(final String method, final String pathAndQuery) {
    final String time = Long.toString(clock.millis());
    return Map.of(TIME, time, SIGNATURE, mac("request", method, canonical(pathAndQuery), time));
  }

  /**
   * Refuses, with 401, a request not signed by an instance of this service within the replay
   * window.
   */
  void verify(final Context ctx) {
    final String time = ctx.header(TIME);
    final String signature = ctx.header(SIGNATURE);
    if (time == null || signature == null) {
      throw refused(
          "it carries no instance signature ("
              + TIME
              + ", "
              + SIGNATURE
              + "); internal routes answer "
              + "other instances of this service only, never tokens");
    }
    final long sent;
    try {
      sent = Long.parseLong(time);
    } catch (NumberFormatException e) {
      throw refused(TIME + " is not a time in milliseconds");
    }
    if (Math.abs(clock.millis() - sent) > REPLAY_WINDOW.toMillis()) {
      throw refused(
          "it was signed "
              + (clock.millis() - sent) / 1000
              + " s from now, outside the "
              + REPLAY_WINDOW.toSeconds()
              + " s window (a replay, or clocks out of sync)");
    }
    final String query = ctx.queryString();
    final String pathAndQuery = canonical(ctx.path() + "?" + (query == null ? "" : query));
    final String expected = mac("request", ctx.method().name(), pathAndQuery, time);
    if (!same(expected, signature)) {
      throw refused("its signature does not match: do all instances share casewatch.peer.secret?");
    }
  }

  /**
   * The signature of an answer with {@code body} to the request signed {@code requestSignature}.
   */
  String signAnswer(final String requestSignature, final String body) {
    return mac("answer", requestSignature, body);
  }

  boolean answerMatches(final String requestSignature, final String body, final String presented) {
    return presented != null && same(signAnswer(requestSignature, body), presented);
  }

  /**
   * A request's path and query as both ends see it: an empty query ({@code /a?}) is no query
   * ({@code /a}).
   */
  private static String canonical(final String pathAndQuery) {
    return pathAndQuery.endsWith("?")
        ? pathAndQuery.substring(0, pathAndQuery.length() - 1)
        : pathAndQuery;
  }

  private static boolean same(final String expected, final String presented) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        presented.getBytes(StandardCharsets.US_ASCII));
  }

  private String mac(final String... parts) {
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update("casewatch-peer-v1".getBytes(StandardCharsets.UTF_8));
      for (final String part : parts) {
        mac.update((byte) '\n');
        mac.update(part.getBytes(StandardCharsets.UTF_8));
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  private static UnauthorizedResponse refused(final String why) {
    return new UnauthorizedResponse("This internal route refused the request: " + why);
  }
}
