package org.casewatch.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.casewatch.model.KafkaClientConfig;
import picocli.CommandLine.Option;

/** Where Kafka and the registry are, for the analysts' commands. */
final class KafkaOptions {

  @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--registry-url", defaultValue = "http://localhost:8081",
      description = "Schema registry (default: ${DEFAULT-VALUE}).")
  String registryUrl;

  @Option(names = "--topics-prefix", defaultValue = "", description = "Prefix of the event topics, if the cluster uses one.")
  String topicsPrefix;

  @Option(names = KafkaClientConfig.OPTION, paramLabel = "FILE", description = KAFKA_CONFIG_DESCRIPTION)
  Path kafkaConfig;

  /** What every command says about {@code --kafka-config}. */
  static final String KAFKA_CONFIG_DESCRIPTION = "A Kafka client properties file (security.protocol, sasl.mechanism, "
      + "sasl.jaas.config, ssl.*): its security.*, sasl.* and ssl.* keys go to every Kafka client; owner-only "
      + "(chmod 600) if it holds a password. Default: the file named by -Dcasewatch.kafka.config, else none.";

  /** The file's settings, from the option or else the {@code casewatch.kafka.config} system property; says what it ignores. */
  KafkaClientConfig kafkaClient() {
    return load(kafkaConfig);
  }

  static KafkaClientConfig load(final Path option) {
    final Optional<Path> file = Optional.ofNullable(option)
        .or(() -> Optional.ofNullable(System.getProperty(KafkaClientConfig.SETTING)).filter(s -> !s.isBlank()).map(Path::of));
    final KafkaClientConfig config = KafkaClientConfig.load(file);
    config.ignoredWarning().ifPresent(System.err::println);
    return config;
  }
}
