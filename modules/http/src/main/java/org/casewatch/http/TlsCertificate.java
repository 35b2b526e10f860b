package org.casewatch.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The certificate an HTTPS server presents: either a PEM certificate chain with its PKCS#8 private
 * key, or a PKCS12/JKS keystore with its password. Loaded with the JDK alone, at start, so a wrong
 * file or password is a clear start-up error rather than a failed handshake later.
 */
public final class TlsCertificate {

  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  private static final String ALIAS = "casewatch";

  private final KeyStore keyStore;
  private final char[] password;
  private final List<X509Certificate> chain;
  private final String source;

  private TlsCertificate(
      final KeyStore keyStore,
      final char[] password,
      final List<X509Certificate> chain,
      final String source) {
    this.keyStore = keyStore;
    this.password = password;
    this.chain = List.copyOf(chain);
    this.source = source;
  }

  /**
   * The certificate from the settings given, if any: {@code cert} and {@code key} (PEM files) go
   * together; {@code keyStore} (PKCS12 or JKS) takes {@code password}; giving both kinds is
   * refused.
   */
  public static Optional<TlsCertificate> from(
      final Optional<Path> cert,
      final Optional<Path> key,
      final Optional<Path> keyStore,
      final String password) {
    if (keyStore.isPresent() && (cert.isPresent() || key.isPresent())) {
      throw new IllegalArgumentException(
          "TLS: give either a keystore or a PEM certificate and key, not both");
    }
    if (keyStore.isPresent()) {
      return Optional.of(fromKeyStore(keyStore.get(), password));
    }
    if (cert.isPresent() != key.isPresent()) {
      throw new IllegalArgumentException(
          "TLS: a PEM certificate needs its private key and the key its certificate; "
              + "give both files ("
              + cert.map(Path::toString).orElse("no certificate")
              + ", "
              + key.map(Path::toString).orElse("no key")
              + ")");
    }
    return cert.map(file -> fromPem(file, key.get()));
  }

  /** A PKCS12 or JKS keystore holding one private key entry and its chain. */
  public static TlsCertificate fromKeyStore(final Path file, final String password) {
    final char[] secret = password.toCharArray();
    if (!Files.isReadable(file) || Files.isDirectory(file)) {
      throw new IllegalArgumentException(
          "TLS: cannot open the keystore " + file + ": it does not exist or cannot be read");
    }
    try {
      final KeyStore store = KeyStore.getInstance(file.toFile(), secret);
      for (final String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          final List<X509Certificate> chain = new ArrayList<>();
          for (final Certificate certificate : store.getCertificateChain(alias)) {
            chain.add((X509Certificate) certificate);
          }
          return new TlsCertificate(store, secret, chain, file.toString());
        }
      }
      throw new IllegalArgumentException(
          "TLS: the keystore "
              + file
              + " holds no private key entry; "
              + "import the server's key and certificate chain into it");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "TLS: cannot open the keystore "
              + file
              + " ("
              + e.getMessage()
              + "); check the file and its password",
          e);
    }
  }

  /** A PEM certificate chain (server certificate first) and its unencrypted PKCS#8 private key. */
  public static TlsCertificate fromPem(final Path certFile, final Path keyFile) {
    final List<X509Certificate> chain = new ArrayList<>();
    try (InputStream in = Files.newInputStream(certFile)) {
      for (final Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        chain.add((X509Certificate) certificate);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "TLS: cannot read the PEM certificate " + certFile + ": " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(
          "TLS: " + certFile + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    final PrivateKey key = privateKey(keyFile, chain.get(0).getPublicKey().getAlgorithm());
    try {
      final char[] secret = randomPassword();
      final KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, secret);
      store.setKeyEntry(ALIAS, key, secret, chain.toArray(Certificate[]::new));
      return new TlsCertificate(store, secret, chain, certFile + " and " + keyFile);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "TLS: the key "
              + keyFile
              + " does not fit the certificate "
              + certFile
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static PrivateKey privateKey(final Path keyFile, final String algorithm) {
    final String text;
    try {
      text = Files.readString(keyFile, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "TLS: cannot read the private key " + keyFile + ": " + e.getMessage(), e);
    }
    final Matcher block = PEM_BLOCK.matcher(text);
    if (!block.find() || !block.group(1).equals("PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "TLS: "
              + keyFile
              + " is not an unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----); convert it"
              + " with 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
    }
    try {
      final byte[] der = Base64.getMimeDecoder().decode(block.group(2));
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "TLS: "
              + keyFile
              + " is not a "
              + algorithm
              + " private key matching the certificate: "
              + e.getMessage(),
          e);
    }
  }

  private static char[] randomPassword() {
    final byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return Base64.getEncoder().encodeToString(random).toCharArray();
  }

  /** The key and chain as a keystore, for Jetty's SSL context. */
  public KeyStore keyStore() {
    return keyStore;
  }

  public char[] password() {
    return password.clone();
  }

  /** The certificate chain, the server's own first. */
  public List<X509Certificate> chain() {
    return chain;
  }

  /**
   * A trust store holding this chain's certificates: instances sharing one certificate (or one
   * issuing CA) trust each other with it when they forward queries.
   */
  public KeyStore trustStore() {
    try {
      final KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      for (int i = 0; i < chain.size(); i++) {
        trust.setCertificateEntry("peer-" + i, chain.get(i));
      }
      return trust;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot build a trust store from " + source + ": " + e.getMessage(), e);
    }
  }

  /** Where the certificate came from, for logs. */
  public String source() {
    return source;
  }

  /** The certificate as PEM text, e.g. for a client to trust. */
  public static String pem(final X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
