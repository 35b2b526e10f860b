package org.casewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.cli.CliRun.casewatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casewatch.service.ServiceConfig;
import org.casewatch.testkit.MarkdownTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The service's and the analysts' commands read their settings as the gateway does: one key table,
 * then {@code --config}, then the environment, then the options typed; the pages document each
 * option with the key it sets.
 */
class CommandSettingsTest {

  private static final Path SERVICE_PAGE = Path.of("../../docs/service.md");
  private static final Path ANALYSTS_PAGE = Path.of("../../docs/analysts.md");

  @Test
  void eachDocumentedServiceOptionSetsItsDocumentedKey() {
    final CommandLine service = Casewatch.commandLine().getSubcommands().get("service");
    final Map<String, String> documented = new LinkedHashMap<>();
    for (final List<String> row : MarkdownTable.rows(SERVICE_PAGE, "| option | key |")) {
      final List<String> options = MarkdownTable.codes(row.get(0));
      final List<String> keys = MarkdownTable.codes(row.get(1));
      for (int i = 0; i < options.size(); i++) {
        documented.put(options.get(i), keys.get(i));
        assertThat(service.getCommandSpec().findOption(options.get(i)))
            .as("option %s of casewatch service", options.get(i))
            .isNotNull();
      }
    }
    assertThat(documented).containsExactlyInAnyOrderEntriesOf(ServiceCommand.KEYS_BY_OPTION);
    assertThat(ServiceConfig.DEFAULTS).containsKeys(documented.values().toArray(String[]::new));
  }

  @Test
  void anOptionSharedWithTheGatewayHasTheGatewaysNameForTheSameKey() {
    ServiceCommand.KEYS_BY_OPTION.forEach(
        (option, key) -> {
          if (GatewayCommand.KEYS_BY_OPTION.containsValue(key)) {
            assertThat(GatewayCommand.KEYS_BY_OPTION).as(key).containsEntry(option, key);
          }
        });
  }

  @Test
  void theServiceHelpShowsItsKeyTablesDefaults() {
    final CliRun help = casewatch("service", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("--port", "(default: 8080)", "--state-dir", "(default: casewatch-state)");
  }

  @Test
  void aServiceOptionOutOfRangeIsAUsageErrorNamingItsKey() {
    final CliRun run = casewatch("service", "--port", "70000");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("casewatch.http.port");
  }

  @Test
  void theAnalystsPageDocumentsTheirKeyTableWithOptionsAndDefaults() {
    final Map<String, String> defaults = new LinkedHashMap<>();
    final Map<String, String> options = new LinkedHashMap<>();
    for (final List<String> row :
        MarkdownTable.rows(ANALYSTS_PAGE, "| key | option | default | meaning |")) {
      final String key = MarkdownTable.codes(row.get(0)).get(0);
      defaults.put(key, row.get(2).equals("(none)") ? "" : MarkdownTable.codes(row.get(2)).get(0));
      options.put(MarkdownTable.codes(row.get(1)).get(0), key);
    }
    assertThat(defaults).containsExactlyInAnyOrderEntriesOf(KafkaOptions.DEFAULTS);
    assertThat(options).containsExactlyInAnyOrderEntriesOf(KafkaOptions.KEYS_BY_OPTION);
    for (final String command : List.of("replay", "report", "export")) {
      final CommandLine line = Casewatch.commandLine().getSubcommands().get(command);
      options
          .keySet()
          .forEach(
              option ->
                  assertThat(line.getCommandSpec().findOption(option))
                      .as("%s %s", command, option)
                      .isNotNull());
      assertThat(line.getCommandSpec().findOption("--config")).as(command).isNotNull();
    }
  }

  @Test
  void anAnalystsFileIsOverriddenByTheEnvironmentAndTheEnvironmentByAnOption(
      @TempDir final Path dir) throws IOException {
    final Path file = analystsFile(dir);
    final CommandLine casewatch = Casewatch.commandLine();
    casewatch.parseArgs("replay", "--out", "x", "--registry-url", "http://typed:8081");
    final ReplayCommand replay = casewatch.getSubcommands().get("replay").getCommand();

    final Map<String, String> settings =
        replay.kafka.settings(
            Optional.of(file),
            Map.of(
                "CASEWATCH_BOOTSTRAP_SERVERS", "from-environment:9092",
                "CASEWATCH_REGISTRY_URL", "http://from-environment:8081"));

    assertThat(settings)
        .containsEntry("casewatch.bootstrap.servers", "from-environment:9092")
        .containsEntry("casewatch.registry.url", "http://typed:8081")
        .containsEntry("casewatch.topics.prefix", "file-")
        .containsEntry("casewatch.kafka.config", "");
  }

  @Test
  void anAnalystsFileWithProblemsIsAUsageErrorNamingEach(@TempDir final Path dir)
      throws IOException {
    final Path file = dir.resolve("analyst.properties");
    Files.writeString(
        file, "casewatch.bootstrap.server=kafka:9092\ncasewatch.registry.url=registry:8081\n");

    final CliRun run = casewatch("report", "--year", "2016", "--config", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "unknown setting 'casewatch.bootstrap.server'",
            "casewatch.registry.url must be an http(s) URL, was 'registry:8081'");
  }

  @Test
  void anAnalystsAuditNamesTheSettingsInForceNotTheOptionsDefaults(@TempDir final Path dir)
      throws IOException {
    final Path file = analystsFile(dir);
    final CommandLine casewatch = Casewatch.commandLine();
    casewatch.parseArgs("report", "--year", "2016", "--config", file.toString());
    final ReportCommand report = casewatch.getSubcommands().get("report").getCommand();
    // As AnalystAudit.record does: the settings are read on the command line as called, first.
    report.kafka.settings();

    assertThat(
            AnalystAudit.options(
                picocli.CommandLine.Model.CommandSpec.forAnnotatedObject(report), report.kafka))
        .containsEntry("bootstrap-servers", "from-file:9092")
        .containsEntry("registry-url", "http://from-file:8081")
        .containsEntry("topics-prefix", "file-")
        .containsEntry("year", "2016")
        .doesNotContainKey("kafka-config");
  }

  /** A --config file setting the analysts' Kafka, registry and topic prefix. */
  private static Path analystsFile(final Path dir) throws IOException {
    final Path file = dir.resolve("analyst.properties");
    Files.writeString(
        file,
        "casewatch.bootstrap.servers=from-file:9092\ncasewatch.topics.prefix=file-\n"
            + "casewatch.registry.url=http://from-file:8081\n");
    return file;
  }
}
