package org.casewatch.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.casewatch.model.KafkaClientConfig;
import picocli.CommandLine.Option;

/**
 * Where Kafka and the registry are, and how to authenticate to Kafka: the options every command
 * that talks to Kafka shares (the gateway, and through {@link KafkaOptions} the analysts'
 * commands).
 */
final class KafkaConnectionOptions {

  /** What every command says about {@code --kafka-config}. */
  static final String KAFKA_CONFIG_DESCRIPTION =
      "A Kafka client properties file (security.protocol, sasl.mechanism, sasl.jaas.config, ssl.*):"
          + " its security.*, sasl.* and ssl.* keys go to every Kafka client; owner-only (chmod"
          + " 600) if it holds a password. Default: the file named by -Dcasewatch.kafka.config,"
          + " else none.";

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
      names = KafkaClientConfig.OPTION,
      paramLabel = "FILE",
      description = KAFKA_CONFIG_DESCRIPTION)
  Path kafkaConfig;

  /**
   * The file's settings, from the option or else the {@code casewatch.kafka.config} system
   * property; says what it ignores.
   *
   * @throws IllegalArgumentException if the file cannot be used, with the reason
   */
  KafkaClientConfig kafkaClient() {
    final Optional<Path> file =
        Optional.ofNullable(kafkaConfig)
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
