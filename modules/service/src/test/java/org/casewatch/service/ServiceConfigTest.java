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
  void theEnvironmentOverridesTheFileWhichOverridesTheDefaults(@TempDir final Path dir) throws IOException {
    final Path file = dir.resolve("casewatch.properties");
    Files.writeString(file, "casewatch.http.port=9000\ncasewatch.bootstrap.servers=kafka:9092\n");

    final ServiceConfig config = ServiceConfig.load(Optional.of(file), Map.of("CASEWATCH_HTTP_PORT", "9100"));

    assertThat(config.httpPort()).isEqualTo(9100);
    assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    assertThatThrownBy(() -> ServiceConfig.from(Map.of(
        "casewatch.http.port", "eighty",
        "casewatch.processing.guarantee", "exactly_once",
        "casewatch.registry.url", "localhost:8081",
        "casewatch.auth.enabeld", "false")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("casewatch.http.port must be a number, was 'eighty'")
        .hasMessageContaining("casewatch.processing.guarantee must be exactly_once_v2 or at_least_once")
        .hasMessageContaining("casewatch.registry.url must be an http(s) URL")
        .hasMessageContaining("unknown setting 'casewatch.auth.enabeld'");
  }
}
