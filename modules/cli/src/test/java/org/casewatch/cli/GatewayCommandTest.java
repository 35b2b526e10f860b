package org.casewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.cli.CliRun.casewatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casewatch.gateway.GatewayConfig;
import org.casewatch.testkit.MarkdownTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code casewatch gateway}: its options are the ones docs/ingestion.md documents, each setting the
 * key it names; only options typed on the command line override a file or the environment.
 */
class GatewayCommandTest {

  private static final Path PAGE = Path.of("../../docs/ingestion.md");

  @Test
  void eachDocumentedOptionSetsItsDocumentedKey() {
    final CommandLine gateway = Casewatch.commandLine().getSubcommands().get("gateway");
    int options = 0;
    for (final List<String> row :
        MarkdownTable.rows(PAGE, "| key | option | default | meaning |")) {
      final List<String> keys = MarkdownTable.codes(row.get(0));
      final List<String> flags = MarkdownTable.codes(row.get(1));
      for (int i = 0; i < flags.size(); i++) {
        assertThat(gateway.getCommandSpec().findOption(flags.get(i)))
            .as("option %s of casewatch gateway", flags.get(i))
            .isNotNull();
        assertThat(GatewayCommand.KEYS_BY_OPTION).containsEntry(flags.get(i), keys.get(i));
        options++;
      }
    }
    assertThat(options).isEqualTo(GatewayCommand.KEYS_BY_OPTION.size());
  }

  @Test
  void onlyOptionsOnTheCommandLineAreGiven() {
    final CommandLine gateway = new CommandLine(new GatewayCommand());
    gateway.parseArgs("--port", "9000", "--allowed-hosts", "localhost,127.0.0.1");

    assertThat(GatewayCommand.given(gateway))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "casewatch.http.port", "9000",
                "casewatch.http.allowed.hosts", "localhost,127.0.0.1"));
  }

  @Test
  void theKafkaConfigSystemPropertyIsADefaultTheFileTheEnvironmentAndTheOptionOverride(
      @TempDir final Path dir) throws IOException {
    final Path file = dir.resolve("gateway.properties");
    Files.writeString(file, "casewatch.kafka.config=/from/file\n");
    final String key = "casewatch.kafka.config";

    assertThat(
            GatewayCommand.settings(Optional.empty(), Map.of(), Map.of(), "/from/property")
                .get(key))
        .isEqualTo("/from/property");
    assertThat(
            GatewayCommand.settings(Optional.of(file), Map.of(), Map.of(), "/from/property")
                .get(key))
        .isEqualTo("/from/file");
    assertThat(
            GatewayCommand.settings(
                    Optional.of(file),
                    Map.of("CASEWATCH_KAFKA_CONFIG", "/from/environment"),
                    Map.of(),
                    "/from/property")
                .get(key))
        .isEqualTo("/from/environment");
    assertThat(
            GatewayCommand.settings(
                    Optional.of(file),
                    Map.of("CASEWATCH_KAFKA_CONFIG", "/from/environment"),
                    Map.of(key, "/from/option"),
                    "/from/property")
                .get(key))
        .isEqualTo("/from/option");
  }

  @Test
  void theHelpShowsTheKeyTablesDefaults() {
    final CliRun help = casewatch("gateway", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains(
            "(default: " + GatewayConfig.DEFAULT_PORT + ")",
            "(default: PT10S)",
            "(default: 1000)",
            "--config=FILE");
  }

  @Test
  void aSettingsFileWithProblemsIsAUsageErrorNamingEach(@TempDir final Path dir)
      throws IOException {
    final Path file = dir.resolve("gateway.properties");
    Files.writeString(file, "casewatch.gateway.rate.burst=none\ncasewatch.http.prot=1\n");

    final CliRun run = casewatch("gateway", "--config", file.toString(), "--port", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "casewatch.gateway.rate.burst must be a number, was 'none'",
            "unknown setting 'casewatch.http.prot'");
  }
}
