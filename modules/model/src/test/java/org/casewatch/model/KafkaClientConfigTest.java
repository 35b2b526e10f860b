package org.casewatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientConfigTest {

  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"kz\""
          + " password=\"s3cret\";";

  @TempDir Path dir;

  @Test
  void passesSecuritySaslAndSslKeysAndNamesTheOthers() throws IOException {
    final Path file =
        ownerOnly(
            "kz.properties",
            String.join(
                "\n",
                "bootstrap.servers=localhost:9092",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=" + JAAS,
                "ssl.truststore.location=/etc/casewatch/truststore.p12",
                "acks=0"));

    final KafkaClientConfig config = KafkaClientConfig.load(file);

    assertThat(config.passed())
        .isEqualTo(
            Map.of(
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                "SCRAM-SHA-512",
                "sasl.jaas.config",
                JAAS,
                "ssl.truststore.location",
                "/etc/casewatch/truststore.p12"));
    assertThat(config.ignored())
        .as("bootstrap.servers is for Kafka's own tools: left out silently")
        .containsExactly("acks");
    assertThat(config.ignoredWarning()).get().asString().contains("[acks]", "security.*");
  }

  @Test
  void noFileMeansNothingToPass() {
    assertThat(KafkaClientConfig.load(Optional.empty()).passed()).isEmpty();
  }

  @Test
  void aFileHoldingAPasswordThatOthersMayReadIsRefusedWithTheCommandThatFixesIt()
      throws IOException {
    final Path file = ownerOnly("kz.properties", "sasl.jaas.config=" + JAAS);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> KafkaClientConfig.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("chmod 600 " + file);
  }

  @Test
  void aFileWithoutSecretsMayBeReadableByOthers() throws IOException {
    final Path file =
        ownerOnly("tls.properties", "security.protocol=SSL\nssl.truststore.location=/etc/ca.p12\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(KafkaClientConfig.load(file).passed()).containsEntry("security.protocol", "SSL");
  }

  @Test
  void aMissingFileIsNamedWithTheOptionAndTheSetting() {
    final Path missing = dir.resolve("nope.properties");
    assertThatThrownBy(() -> KafkaClientConfig.load(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("--kafka-config")
        .hasMessageContaining("casewatch.kafka.config")
        .hasMessageContaining("does not exist");
  }

  private Path ownerOnly(final String name, final String content) throws IOException {
    final Path file = dir.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
