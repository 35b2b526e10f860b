package org.casewatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.casewatch.service.ServiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --tls}: one self-signed certificate for both servers; the demo's servers answer local
 * names only.
 */
class DemoSecurityTest {

  @Test
  void withTlsBothServersGetTheSelfSignedCertificateAndLocalNamesOnly(@TempDir final Path data)
      throws Exception {
    final DemoSecurity security = DemoSecurity.of(true, data);

    assertThat(security.scheme()).isEqualTo("https");
    assertThat(security.server().tls()).isPresent();
    assertThat(security.server().allowedHosts()).containsExactly("localhost", "127.0.0.1", "[::1]");
    final ServiceConfig service =
        ServiceConfig.from(security.serviceSettings(Map.of("casewatch.http.host", "localhost")));
    assertThat(service.security().tls()).isPresent();
    assertThat(service.security().allowedHosts())
        .containsExactly("localhost", "127.0.0.1", "[::1]");
    assertThat(Files.readString(data.resolve("tls/localhost.pem")))
        .startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("tls/localhost.p12"))))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("tls/localhost.p12.password"))))
        .isEqualTo("rw-------");
  }

  @Test
  void withoutTlsTheServersSpeakHttpToLocalNamesOnly(@TempDir final Path data) {
    final DemoSecurity security = DemoSecurity.of(false, data);

    assertThat(security.scheme()).isEqualTo("http");
    assertThat(ServiceConfig.from(security.serviceSettings(Map.of())).security().allowedHosts())
        .contains("localhost");
    assertThat(data.resolve("tls")).doesNotExist();
  }
}
