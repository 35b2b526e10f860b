package org.casewatch.cli;

import java.nio.file.Path;
import org.casewatch.model.KafkaClientConfig;
import picocli.CommandLine.Option;

/**
 * Where Kafka and the registry are, and how to authenticate to Kafka: the options every command
 * that talks to Kafka shares (the gateway, the service, and through {@link KafkaOptions} the
 * analysts' commands). Their defaults are each command's key table's; the command reads their
 * values from its layered settings ({@link KeyTable}), not from these fields.
 */
final class KafkaConnectionOptions {

  /** What every command says about {@code --kafka-config}. */
  static final String KAFKA_CONFIG_DESCRIPTION =
      "A Kafka client properties file (security.protocol, sasl.mechanism, sasl.jaas.config, ssl.*):"
          + " its security.*, sasl.* and ssl.* keys go to every Kafka client; owner-only (chmod"
          + " 600) if it holds a password. Default: the file named by -Dcasewatch.kafka.config,"
          + " else none.";

  @Option(names = "--bootstrap-servers", description = "Kafka (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--registry-url", description = "Schema registry (default: ${DEFAULT-VALUE}).")
  String registryUrl;

  @Option(
      names = KafkaClientConfig.OPTION,
      paramLabel = "FILE",
      description = KAFKA_CONFIG_DESCRIPTION)
  Path kafkaConfig;
}
