package org.casewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.cli.CliRun.casewatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kafka-config}: a credentials file that cannot be used stops a command before it talks to
 * Kafka.
 */
class KafkaConfigOptionTest {

  @Test
  void aMissingFileIsAUsageErrorNamingIt(@TempDir final Path dir) {
    final Path missing = dir.resolve("analyst.properties");
    final CliRun replay =
        casewatch(
            "replay",
            "--kafka-config",
            missing.toString(),
            "--as-of",
            "2016-12-31",
            "--out",
            dir.resolve("out").toString());

    assertThat(replay.exitCode()).isEqualTo(2);
    assertThat(replay.err()).contains(missing.toString(), "does not exist", "--kafka-config");
  }

  @Test
  void aCredentialOthersMayReadIsRefusedByEveryCommand(@TempDir final Path dir) throws IOException {
    final Path readable = dir.resolve("gateway.properties");
    Files.writeString(
        readable,
        "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n"
            + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"g\" password=\"p\";\n");
    Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));

    for (final String[] command :
        new String[][] {
          {"gateway", "--port", "0", "--kafka-config", readable.toString()},
          {"report", "--year", "2016", "--kafka-config", readable.toString()},
          {"service", "--kafka-config", readable.toString()}
        }) {
      final CliRun run = casewatch(command);
      assertThat(run.exitCode()).as(command[0]).isEqualTo(2);
      assertThat(run.err()).as(command[0]).contains("chmod 600 " + readable);
    }
  }
}
