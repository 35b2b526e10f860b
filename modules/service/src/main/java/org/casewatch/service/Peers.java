package org.casewatch.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.streams.state.HostInfo;
import org.casewatch.http.TlsCertificate;

/**
 * Asks another instance of the service for state it holds, through its internal endpoints, which
 * answer from their own stores only and never forward: a request crosses at most one hop, so
 * forwarding cannot loop. The request carries this service's {@link PeerCredential}, never the
 * caller's token; the answer must be signed by an instance too and have the shape its route
 * promises, or it is refused ({@link BadPeerAnswer}, 502).
 */
final class Peers {

  /** The largest answer taken from another instance. */
  static final int MAX_ANSWER_BYTES = 256 * 1024 * 1024;

  private final ObjectMapper json = new ObjectMapper();
  private final PeerCredential credential;
  private final String scheme;
  private final HttpClient http;
  private final int maxAnswerBytes;

  /**
   * Over HTTPS when this instance serves HTTPS: instances share a certificate (or its issuing CA),
   * so the peer's certificate is checked against this instance's own chain.
   */
  Peers(final PeerCredential credential, final Optional<TlsCertificate> tls) {
    this(credential, tls, MAX_ANSWER_BYTES);
  }

  Peers(
      final PeerCredential credential,
      final Optional<TlsCertificate> tls,
      final int maxAnswerBytes) {
    this.maxAnswerBytes = maxAnswerBytes;
    this.credential = credential;
    this.scheme = tls.isPresent() ? "https" : "http";
    final HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3));
    tls.ifPresent(certificate -> builder.sslContext(trusting(certificate)));
    this.http = builder.build();
  }

  /** The peer's checked JSON answer; empty for 404. */
  Optional<JsonNode> get(
      final HostInfo peer, final String pathAndQuery, final UnaryOperator<JsonNode> promised) {
    final HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(scheme + "://" + peer.host() + ":" + peer.port() + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .GET();
    final Map<String, String> signature = credential.sign("GET", pathAndQuery);
    signature.forEach(request::header);
    try {
      final HttpResponse<String> response =
          http.send(request.build(), responseInfo -> bounded(peer, pathAndQuery));
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw new Unavailable(
            "instance "
                + peer
                + " answered "
                + response.statusCode()
                + " for "
                + pathAndQuery
                + (response.statusCode() == 401
                    ? " (it refused this instance's signature: do all instances share "
                        + "casewatch.peer.secret, and do their clocks agree within "
                        + PeerCredential.REPLAY_WINDOW.toSeconds()
                        + " s?)"
                    : ""));
      }
      if (!credential.answerMatches(
          signature.get(PeerCredential.SIGNATURE),
          response.body(),
          response.headers().firstValue(PeerCredential.SIGNATURE).orElse(null))) {
        throw new BadPeerAnswer(
            "instance "
                + peer
                + " answered "
                + pathAndQuery
                + " without a valid instance signature; its answer was not used (is it an instance"
                + " of this service, with the same casewatch.peer.secret?)");
      }
      return Optional.of(promised.apply(json.readTree(response.body())));
    } catch (JsonProcessingException e) {
      throw new BadPeerAnswer(
          "instance "
              + peer
              + " answered "
              + pathAndQuery
              + " with something that is not JSON; "
              + "its answer was not used");
    } catch (IllegalArgumentException e) {
      throw new BadPeerAnswer(
          "instance "
              + peer
              + " answered "
              + pathAndQuery
              + " with JSON that breaks the contract ("
              + e.getMessage()
              + "); its answer was not used");
    } catch (IOException e) {
      if (e.getCause() instanceof BadPeerAnswer tooLarge) {
        throw tooLarge;
      }
      throw new Unavailable("instance " + peer + " cannot be reached: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while asking " + peer);
    }
  }

  /** The body as text, refused past the limit: a peer cannot exhaust this instance's memory. */
  private HttpResponse.BodySubscriber<String> bounded(
      final HostInfo peer, final String pathAndQuery) {
    return HttpResponse.BodySubscribers.mapping(
        HttpResponse.BodySubscribers.ofInputStream(),
        in -> {
          try (in) {
            final byte[] body = in.readNBytes(maxAnswerBytes + 1);
            if (body.length > maxAnswerBytes) {
              throw new BadPeerAnswer(
                  "instance "
                      + peer
                      + " answered "
                      + pathAndQuery
                      + " with more than "
                      + maxAnswerBytes
                      + " bytes; its answer was not used");
            }
            return new String(body, StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static SSLContext trusting(final TlsCertificate certificate) {
    try {
      final TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(certificate.trustStore());
      final SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot trust the instances' certificate " + certificate.source() + ": " + e.getMessage(),
          e);
    }
  }
}
