package org.casewatch.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casewatch.http.Settings;
import org.casewatch.model.KafkaClientConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where Kafka, the registry and the event topics are, for the analysts' commands ({@code replay},
 * {@code report}, {@code export}). Their settings are read as every process's are ({@link
 * KeyTable}): {@link #DEFAULTS}, then {@code --config}, then {@code CASEWATCH_*} environment
 * variables, then the options typed.
 */
final class KafkaOptions {

  /** The analysts' key table: every key their commands read, with its default. */
  static final Map<String, String> DEFAULTS = defaults();

  /** The setting each option sets. */
  static final Map<String, String> KEYS_BY_OPTION =
      Map.of(
          "--bootstrap-servers",
          "casewatch.bootstrap.servers",
          "--registry-url",
          "casewatch.registry.url",
          KafkaClientConfig.OPTION,
          KafkaClientConfig.SETTING,
          "--topics-prefix",
          "casewatch.topics.prefix");

  private static Map<String, String> defaults() {
    final Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("casewatch.bootstrap.servers", "localhost:9092");
    defaults.put("casewatch.registry.url", "http://localhost:8081");
    defaults.put(KafkaClientConfig.SETTING, "");
    defaults.put("casewatch.topics.prefix", "");
    return Collections.unmodifiableMap(defaults);
  }

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A properties file with casewatch.* settings; environment variables"
              + " (CASEWATCH_BOOTSTRAP_SERVERS, ...) override it, and these options override both."
              + " Every key is in docs/analysts.md.")
  Path config;

  @Mixin KafkaConnectionOptions connection;

  @Option(
      names = "--topics-prefix",
      description = "Prefix of the event topics, if the cluster uses one.")
  String topicsPrefix;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  private Map<String, String> settings;

  String bootstrapServers() {
    return settings().get("casewatch.bootstrap.servers");
  }

  String registryUrl() {
    return settings().get("casewatch.registry.url");
  }

  String topicsPrefix() {
    return settings().get("casewatch.topics.prefix");
  }

  private KafkaClientConfig kafkaClient;

  /**
   * The Kafka client file's settings, read once (the audit reads them first, on the command line as
   * called); a file that cannot be used is a usage error, with the reason.
   */
  KafkaClientConfig kafkaClient() {
    if (kafkaClient == null) {
      kafkaClient = loadKafkaClient();
    }
    return kafkaClient;
  }

  private KafkaClientConfig loadKafkaClient() {
    final Optional<Path> file =
        Optional.of(settings().get(KafkaClientConfig.SETTING))
            .filter(path -> !path.isBlank())
            .map(Path::of);
    try {
      final KafkaClientConfig config = KafkaClientConfig.load(file);
      config.ignoredWarning().ifPresent(System.err::println);
      return config;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }

  /**
   * The settings in force, checked once: a key the table does not have, or a registry that is no
   * URL, is a usage error naming each problem.
   */
  Map<String, String> settings() {
    if (settings == null) {
      settings = settings(Optional.ofNullable(config), System.getenv());
    }
    return settings;
  }

  /** The settings in force over {@code file} and {@code environment}, with the options typed. */
  Map<String, String> settings(final Optional<Path> file, final Map<String, String> environment) {
    final Map<String, String> flags = KeyTable.given(command.commandLine(), KEYS_BY_OPTION);
    final Map<String, String> values;
    try {
      values =
          KeyTable.settings(
              DEFAULTS,
              file,
              environment,
              flags,
              System.getProperty(KafkaClientConfig.SETTING, ""));
    } catch (UncheckedIOException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
    final List<String> problems = new ArrayList<>();
    final Map<String, String> all = Settings.over(DEFAULTS, values, problems);
    Settings.required(all, List.of("casewatch.bootstrap.servers"), problems);
    Settings.httpUrl(all, "casewatch.registry.url", problems);
    if (!problems.isEmpty()) {
      throw new ParameterException(
          command.commandLine(), "Invalid settings: " + String.join("; ", problems));
    }
    return Collections.unmodifiableMap(all);
  }

  /** The defaults the help shows: the analysts' key table. */
  static final class Defaults extends KeyTable.Defaults {

    Defaults() {
      super(KEYS_BY_OPTION, DEFAULTS);
    }
  }
}
