package org.casewatch.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.casewatch.http.SelfSignedCertificate;
import org.casewatch.http.ServerSecurity;
import org.casewatch.http.TlsCertificate;

/**
 * The demo's HTTP protection: its servers answer only to this machine's names (a DNS-rebinding page
 * cannot reach them through a name of its own), and with {@code --tls} they serve HTTPS with a
 * self-signed certificate for localhost written to {@code <data-dir>/tls/} (trust {@code
 * localhost.pem}). The demo's own simulator is told to trust it too.
 */
final class DemoSecurity {

  private static final List<String> LOCAL_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

  private final ServerSecurity security;
  private final Path keystore;
  private final Path passwordFile;

  private DemoSecurity(final ServerSecurity security, final Path tlsDir) {
    this.security = security;
    this.keystore = tlsDir.resolve("localhost.p12");
    this.passwordFile = tlsDir.resolve("localhost.p12.password");
  }

  static DemoSecurity of(final boolean tls, final Path data) {
    final Path tlsDir = data.resolve("tls");
    ServerSecurity security = ServerSecurity.none().withAllowedHosts(LOCAL_NAMES);
    if (tls) {
      final TlsCertificate certificate = SelfSignedCertificate.inDirectory(tlsDir);
      security = security.withTls(certificate);
      trustInThisProcess(certificate);
    }
    return new DemoSecurity(security, tlsDir);
  }

  /** For the gateway. */
  ServerSecurity server() {
    return security;
  }

  String scheme() {
    return security.scheme();
  }

  /** The service's settings with the same protection added. */
  Map<String, String> serviceSettings(final Map<String, String> settings) {
    final Map<String, String> all = new HashMap<>(settings);
    all.put("casewatch.http.allowed.hosts", String.join(",", LOCAL_NAMES));
    if (security.tls().isPresent()) {
      all.put("casewatch.http.tls.keystore", keystore.toString());
      all.put("casewatch.http.tls.keystore.password", readPassword());
    }
    return all;
  }

  private String readPassword() {
    try {
      return Files.readString(passwordFile).trim();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + passwordFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * The simulator posts to the demo's gateway from this JVM: it trusts the demo's certificate (and
   * only it).
   */
  private static void trustInThisProcess(final TlsCertificate certificate) {
    try {
      final TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(certificate.trustStore());
      final SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      SSLContext.setDefault(context);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust the demo's certificate: " + e.getMessage(), e);
    }
  }
}
