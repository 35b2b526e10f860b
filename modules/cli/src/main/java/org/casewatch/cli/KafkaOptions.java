package org.casewatch.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.casewatch.model.KafkaClientConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where Kafka and the registry are, for the analysts' commands. */
final class KafkaOptions {

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "localhost:9092",
      description = "Kafka (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--registry-url",
      defaultValue = "http://localhost:8081",
      description = "Schema registry (default: ${DEFAULT-VALUE}).")
  String registryUrl;

  @Option(
      names = "--topics-prefix",
      defaultValue = "",
      description = "Prefix of the event topics, if the cluster uses one.")
  String topicsPrefix;

  @Option(
      names = KafkaClientConfig.OPTION,
      paramLabel = "FILE",
      description = KAFKA_CONFIG_DESCRIPTION)
  Path kafkaConfig;

  /** What every command says about {@code --kafka-config}. */
  static final String KAFKA_CONFIG_DESCRIPTION =
      "A Kafka client properties file (security.protocol, sasl.mechanism, "
          + "sasl.jaas.config, ssl.*): its security.*, sasl.* and ssl.* keys go to every Kafka client; owner-only "
          + "(chmod 600) if it holds a password. Default: the file named by -Dcasewatch.kafka.config, else none.";

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /**
   * The file's settings, from the option or else the {@code casewatch.kafka.config} system
   * property; says what it ignores. A file that cannot be used is a usage error, with the reason.
   */
  KafkaClientConfig kafkaClient() {
    try {
      return load(kafkaConfig);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }

  static KafkaClientConfig load(final Path option) {
    final Optional<Path> file =
        Optional.ofNullable(option)
            .or(
                () ->
                    Optional.ofNullable(System.getProperty(KafkaClientConfig.SETTING))
                        .filter(property -> !property.isBlank())
                        .map(Path::of));
    final KafkaClientConfig config = KafkaClientConfig.load(file);
    config.ignoredWarning().ifPresent(System.err::println);
    return config;
  }
}
