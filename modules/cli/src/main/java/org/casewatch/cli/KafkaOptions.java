package org.casewatch.cli;

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
}
