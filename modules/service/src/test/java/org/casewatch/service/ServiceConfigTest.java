package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigTest {

  @Test
  void defaultsRunAgainstALocalStack() {
    final ServiceConfig config = ServiceConfig.load(Optional.empty(), Map.of());

    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(config.processingGuarantee()).isEqualTo("exactly_once_v2");
    assertThat(config.authEnabled()).isTrue();
    assertThat(config.standbyReplicas()).isEqualTo(1);
  }

  @Test
  void theEnvironmentOverridesTheFileWhichOverridesTheDefaults(@TempDir final Path dir)
      throws IOException {
    final Path file = dir.resolve("casewatch.properties");
    Files.writeString(file, "casewatch.http.port=9000\ncasewatch.bootstrap.servers=kafka:9092\n");

    final ServiceConfig config =
        ServiceConfig.load(Optional.of(file), Map.of("CASEWATCH_HTTP_PORT", "9100"));

    assertThat(config.httpPort()).isEqualTo(9100);
    assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    assertThatThrownBy(
            () ->
                ServiceConfig.from(
                    Map.of(
                        "casewatch.http.port", "eighty",
                        "casewatch.processing.guarantee", "exactly_once",
                        "casewatch.registry.url", "localhost:8081",
                        "casewatch.auth.enabeld", "false")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("casewatch.http.port must be a number, was 'eighty'")
        .hasMessageContaining(
            "casewatch.processing.guarantee must be exactly_once_v2 or at_least_once")
        .hasMessageContaining("casewatch.registry.url must be an http(s) URL")
        .hasMessageContaining("unknown setting 'casewatch.auth.enabeld'");
  }

  @Test
  void authCanBeTurnedOffOnlyOnALoopbackAddress() {
    assertThatThrownBy(() -> ServiceConfig.from(Map.of("casewatch.auth.enabled", "false")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("casewatch.auth.enabled=false")
        .hasMessageContaining("loopback address")
        .hasMessageContaining("'0.0.0.0'");
    assertThatThrownBy(
            () ->
                ServiceConfig.from(
                    Map.of("casewatch.auth.enabled", "false", "casewatch.http.host", "192.0.2.10")))
        .hasMessageContaining("not '192.0.2.10'");

    assertThat(
            ServiceConfig.from(
                    Map.of("casewatch.auth.enabled", "false", "casewatch.http.host", "127.0.0.1"))
                .authEnabled())
        .isFalse();
    assertThat(
            ServiceConfig.from(
                    Map.of("casewatch.auth.enabled", "false", "casewatch.http.host", "localhost"))
                .authEnabled())
        .isFalse();
  }

  @Test
  void aPeerSecretIsLongEnoughAndNeverPrinted() {
    assertThatThrownBy(() -> ServiceConfig.from(Map.of("casewatch.peer.secret", "short")))
        .hasMessageContaining("casewatch.peer.secret must be at least 32 characters");

    final ServiceConfig config =
        ServiceConfig.from(
            Map.of("casewatch.peer.secret", "a-shared-secret-of-forty-characters-xyz"));

    assertThat(config.peerSecret()).isPresent();
    assertThat(config.toString()).doesNotContain("a-shared-secret");
  }

  @Test
  void tlsSettingsAreCheckedAtStart(@TempDir final Path dir) {
    assertThatThrownBy(
            () ->
                ServiceConfig.from(
                    Map.of("casewatch.http.tls.cert", dir.resolve("cert.pem").toString())))
        .hasMessageContaining("a PEM certificate needs its private key");
    assertThatThrownBy(
            () ->
                ServiceConfig.from(
                    Map.of(
                        "casewatch.http.tls.keystore",
                        dir.resolve("none.p12").toString(),
                        "casewatch.http.tls.keystore.password",
                        "secret")))
        .hasMessageContaining("cannot open the keystore");
    assertThat(ServiceConfig.from(Map.of()).security().tls()).isEmpty();
  }
}
