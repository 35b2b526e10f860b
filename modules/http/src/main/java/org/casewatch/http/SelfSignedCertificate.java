package org.casewatch.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made with the JDK's own
 * {@code keytool}, for the demo and tests: browsers and clients must be told to trust it ({@code
 * curl --cacert localhost.pem}). Never for production, where a certificate comes from the
 * organisation's CA.
 */
public final class SelfSignedCertificate {

  private SelfSignedCertificate() {}

  /**
   * Writes {@code localhost.p12} (key and certificate, password in {@code localhost.p12.password})
   * and {@code localhost.pem} (the certificate only, to trust) into {@code dir}, owner-only, and
   * returns the loaded certificate. An existing keystore there is reused.
   */
  public static TlsCertificate inDirectory(final Path dir) {
    final Path keystore = dir.resolve("localhost.p12");
    final Path passwordFile = dir.resolve("localhost.p12.password");
    try {
      Files.createDirectories(dir);
      if (!Files.exists(keystore) || !Files.exists(passwordFile)) {
        final byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        final String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.deleteIfExists(keystore);
        generate(keystore, password);
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        OwnerOnly.restrict(passwordFile);
        OwnerOnly.restrict(keystore);
      }
      final TlsCertificate certificate =
          TlsCertificate.fromKeyStore(
              keystore, Files.readString(passwordFile, StandardCharsets.UTF_8).trim());
      Files.writeString(
          dir.resolve("localhost.pem"),
          TlsCertificate.pem(certificate.chain().get(0)),
          StandardCharsets.US_ASCII);
      return certificate;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write a self-signed certificate into " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void generate(final Path keystore, final String password) throws IOException {
    final Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    // The password goes through the environment, not the command line other users can list.
    final ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-alias",
                    "casewatch",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=localhost",
                    "-validity",
                    "365",
                    "-ext",
                    "SAN=dns:localhost,ip:127.0.0.1,ip:0:0:0:0:0:0:0:1",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keystore.toString(),
                    "-storepass:env",
                    "CASEWATCH_KEYSTORE_PASSWORD",
                    "-keypass:env",
                    "CASEWATCH_KEYSTORE_PASSWORD"))
            .redirectErrorStream(true);
    builder.environment().put("CASEWATCH_KEYSTORE_PASSWORD", password);
    final Process process = builder.start();
    try {
      final boolean done = process.waitFor(60, TimeUnit.SECONDS);
      final String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!done || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "keytool could not make a self-signed certificate: " + output.trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while making a self-signed certificate", e);
    }
  }
}
