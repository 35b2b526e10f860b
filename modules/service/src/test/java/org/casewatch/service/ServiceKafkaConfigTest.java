package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.casewatch.model.KafkaClientConfig;
import org.casewatch.testkit.InMemorySchemaRegistry;
import org.casewatch.topology.TopologyTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * casewatch.kafka.config: how the service authenticates to Kafka, for every client Streams builds.
 */
class ServiceKafkaConfigTest {

  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"service\""
          + " password=\"s\";";

  @TempDir Path dir;

  @Test
  void theFilesSecuritySettingsReachEveryStreamsClient() throws IOException {
    final Path file = dir.resolve("service.properties");
    Files.writeString(
        file,
        "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=" + JAAS);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    final ServiceConfig config =
        ServiceConfig.from(Map.of(KafkaClientConfig.SETTING, file.toString()));
    final Properties streams =
        CasewatchService.streamsProperties(
            config, TopologyTopics.prefixed(new InMemorySchemaRegistry(), ""));

    assertThat(streams)
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config", JAAS);
  }

  @Test
  void theSessionTimeoutDecidesHowLongTheOthersWaitForAVanishedInstanceWithThreeHeartbeatsInIt() {
    final Properties streams =
        CasewatchService.streamsProperties(
            ServiceConfig.from(Map.of("casewatch.streams.session.timeout.ms", "6000")),
            TopologyTopics.prefixed(new InMemorySchemaRegistry(), ""));

    assertThat(streams)
        .containsEntry("main.consumer.session.timeout.ms", 6000)
        .containsEntry("main.consumer.heartbeat.interval.ms", 2000);
    assertThat(
            CasewatchService.streamsProperties(
                ServiceConfig.from(Map.of()),
                TopologyTopics.prefixed(new InMemorySchemaRegistry(), "")))
        .containsEntry("main.consumer.session.timeout.ms", 45000)
        .containsEntry("main.consumer.heartbeat.interval.ms", 3000);
    assertThatThrownBy(
            () -> ServiceConfig.from(Map.of("casewatch.streams.session.timeout.ms", "5999")))
        .hasMessageContaining("casewatch.streams.session.timeout.ms");
  }

  @Test
  void withoutAFileNothingIsAdded() {
    assertThat(ServiceConfig.from(Map.of()).kafkaClient().passed()).isEmpty();
  }

  @Test
  void aMissingOrReadableCredentialFileIsOneOfTheStartUpProblems() throws IOException {
    final Path missing = dir.resolve("nope.properties");
    assertThatThrownBy(
            () -> ServiceConfig.from(Map.of(KafkaClientConfig.SETTING, missing.toString())))
        .hasMessageContaining("Invalid casewatch service configuration")
        .hasMessageContaining(missing + " (")
        .hasMessageContaining("does not exist");

    final Path readable = dir.resolve("readable.properties");
    Files.writeString(readable, "sasl.jaas.config=" + JAAS);
    Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(
            () -> ServiceConfig.from(Map.of(KafkaClientConfig.SETTING, readable.toString())))
        .hasMessageContaining("chmod 600 " + readable);
  }
}
