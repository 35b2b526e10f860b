package org.casewatch.cli;

import org.casewatch.model.KafkaClientConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where Kafka, the registry and the event topics are, for the analysts' commands. */
final class KafkaOptions {

  @Mixin KafkaConnectionOptions connection;

  @Option(
      names = "--topics-prefix",
      defaultValue = "",
      description = "Prefix of the event topics, if the cluster uses one.")
  String topicsPrefix;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  String bootstrapServers() {
    return connection.bootstrapServers;
  }

  String registryUrl() {
    return connection.registryUrl;
  }

  /**
   * The Kafka client file's settings; a file that cannot be used is a usage error, with the reason.
   */
  KafkaClientConfig kafkaClient() {
    try {
      return connection.kafkaClient();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }
}
