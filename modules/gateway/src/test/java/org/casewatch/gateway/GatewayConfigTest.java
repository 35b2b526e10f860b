package org.casewatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.casewatch.http.ServerSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's settings, layered: defaults, then a file, then the environment, then options. */
class GatewayConfigTest {

  @Test
  void theDefaultsAreTheConfigurationWithoutSettings() {
    final GatewayConfig config = GatewayConfig.load(Optional.empty(), Map.of(), Map.of());

    assertThat(config).isEqualTo(GatewayConfig.defaults());
    assertThat(config.port()).isEqualTo(8088);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(config.registryUrl()).isEqualTo("http://localhost:8081");
    assertThat(config.accessFile()).isEqualTo(Path.of("coalitions.yaml"));
    assertThat(config.maxBodyBytes()).isEqualTo(5L * 1024 * 1024);
    assertThat(config.maxBatchEvents()).isEqualTo(1000);
    assertThat(config.kafkaTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.kafkaProperties()).isEmpty();
    assertThat(config.security()).isEqualTo(ServerSecurity.none());
    assertThat(config.rateLimit()).isEqualTo(new RateLimit(1000, 10_000));
  }

  @Test
  void eachLayerOverridesTheOneBefore(@TempDir final Path dir) throws IOException {
    final Path file = dir.resolve("gateway.properties");
    Files.writeString(
        file,
        "casewatch.http.port=9001\n"
            + "casewatch.gateway.rate.limit=50\n"
            + "casewatch.gateway.max.batch.events=200\n"
            + "casewatch.gateway.kafka.timeout=PT30S\n");
    final GatewayConfig config =
        GatewayConfig.load(
            Optional.of(file),
            Map.of(
                "CASEWATCH_HTTP_PORT", "9002",
                "CASEWATCH_GATEWAY_RATE_LIMIT", "60",
                "CASEWATCH_BOOTSTRAP_SERVERS", "kafka-1:9092",
                "PATH", "/usr/bin"),
            Map.of("casewatch.http.port", "9003"));

    assertThat(config.port()).as("the option over the environment and the file").isEqualTo(9003);
    assertThat(config.rateLimit().eventsPerSecond())
        .as("the environment over the file")
        .isEqualTo(60);
    assertThat(config.bootstrapServers()).isEqualTo("kafka-1:9092");
    assertThat(config.maxBatchEvents()).as("the file over the default").isEqualTo(200);
    assertThat(config.kafkaTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.accessFile()).as("the default").isEqualTo(Path.of("coalitions.yaml"));
  }

  @Test
  void everyProblemIsNamedAtOnceWithItsKey(@TempDir final Path dir) throws IOException {
    final Path file = dir.resolve("gateway.properties");
    Files.writeString(
        file,
        "casewatch.http.prot=9001\n"
            + "casewatch.http.port=http\n"
            + "casewatch.registry.url=localhost:8081\n"
            + "casewatch.gateway.kafka.timeout=10s\n"
            + "casewatch.gateway.rate.limit=-1\n");

    assertThatThrownBy(() -> GatewayConfig.load(Optional.of(file), Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid casewatch gateway configuration:")
        .hasMessageContaining("unknown setting 'casewatch.http.prot'")
        .hasMessageContaining("casewatch.http.port must be a number, was 'http'")
        .hasMessageContaining("casewatch.registry.url must be an http(s) URL, was 'localhost:8081'")
        .hasMessageContaining(
            "casewatch.gateway.kafka.timeout (--kafka-timeout) must be an ISO-8601")
        .hasMessageContaining(
            "casewatch.gateway.rate.limit (--rate-limit) must be between 0 (no limit) and 1000000"
                + " events per second, was -1");
  }

  @Test
  void aBurstSmallerThanABatchIsRefusedNamingBothSettings() {
    assertThatThrownBy(
            () ->
                GatewayConfig.from(
                    Map.of(
                        "casewatch.gateway.rate.burst", "10",
                        "casewatch.gateway.max.batch.events", "100")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "casewatch.gateway.rate.burst (--rate-burst, 10) must hold a whole batch"
                + " (casewatch.gateway.max.batch.events, 100)");
  }

  @Test
  void aBurstThatIsNotANumberIsOneProblemNotTwo() {
    assertThatThrownBy(() -> GatewayConfig.from(Map.of("casewatch.gateway.rate.burst", "none")))
        .hasMessageContaining("casewatch.gateway.rate.burst must be a number, was 'none'")
        .hasMessageNotContaining("must hold a whole batch");
  }

  @Test
  void valuesGivenDirectlyAreTrimmedLikeTheOthers() {
    assertThat(
            GatewayConfig.from(Map.of("casewatch.gateway.kafka.timeout", " PT5S ")).kafkaTimeout())
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void valuesThatWouldBreakTheGatewayLaterAreRefusedAtStart() {
    assertThatThrownBy(
            () ->
                GatewayConfig.from(
                    Map.of(
                        "casewatch.gateway.rate.limit", "Infinity",
                        "casewatch.gateway.kafka.timeout", "P30D",
                        "casewatch.gateway.max.body.bytes", String.valueOf(Integer.MAX_VALUE))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "casewatch.gateway.rate.limit (--rate-limit) must be between 0 (no limit) and 1000000"
                + " events per second, was Infinity")
        .hasMessageContaining(
            "casewatch.gateway.kafka.timeout (--kafka-timeout) must be between PT1S and PT10M")
        .hasMessageContaining("casewatch.gateway.max.body.bytes must be between 1 and 67108864");
    assertThatThrownBy(() -> new RateLimit(Double.POSITIVE_INFINITY, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void environmentValuesAreTrimmedAsFileValuesAre() {
    assertThat(
            GatewayConfig.load(
                    Optional.empty(),
                    Map.of("CASEWATCH_REGISTRY_URL", " http://registry:8081 "),
                    Map.of())
                .registryUrl())
        .isEqualTo("http://registry:8081");
  }

  @Test
  void aMissingSettingsFileSaysSoAndWhatToDo(@TempDir final Path dir) {
    final Path missing = dir.resolve("gateway.properties");

    assertThatThrownBy(() -> GatewayConfig.load(Optional.of(missing), Map.of(), Map.of()))
        .hasMessageContaining("The configuration file " + missing + " does not exist")
        .hasMessageContaining("give --config a properties file");
  }
}
