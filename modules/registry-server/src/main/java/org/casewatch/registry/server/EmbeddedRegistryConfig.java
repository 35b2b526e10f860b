package org.casewatch.registry.server;

import java.time.Duration;
import java.util.Map;
import org.casewatch.model.Topics;
import org.casewatch.registry.client.CompatibilityLevel;

/**
 * How to run the embedded registry.
 *
 * @param bootstrapServers the Kafka cluster that holds the schema log
 * @param host the interface to listen on (default {@code 0.0.0.0})
 * @param port the HTTP port (default 8081; 0 picks a free one)
 * @param topic the schema log topic (default {@code _schemas})
 * @param defaultCompatibility the global level until one is set (default BACKWARD)
 * @param timeout how long a Kafka read or write may take before the request fails (default 10 s)
 * @param kafkaProperties extra Kafka client settings, e.g. security
 */
public record EmbeddedRegistryConfig(
    String bootstrapServers,
    String host,
    int port,
    String topic,
    CompatibilityLevel defaultCompatibility,
    Duration timeout,
    Map<String, Object> kafkaProperties) {

  public static final int DEFAULT_PORT = 8081;

  public EmbeddedRegistryConfig {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "the embedded schema registry needs Kafka's bootstrap servers");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "registry port " + port + " is not a TCP port (0 picks a free one)");
    }
    kafkaProperties = Map.copyOf(kafkaProperties);
  }

  /** Defaults for everything but the Kafka cluster. */
  public static EmbeddedRegistryConfig of(final String bootstrapServers) {
    return new EmbeddedRegistryConfig(
        bootstrapServers,
        "0.0.0.0",
        DEFAULT_PORT,
        Topics.SCHEMAS,
        CompatibilityLevel.BACKWARD,
        Duration.ofSeconds(10),
        Map.of());
  }

  public EmbeddedRegistryConfig withPort(final int newPort) {
    return new EmbeddedRegistryConfig(
        bootstrapServers, host, newPort, topic, defaultCompatibility, timeout, kafkaProperties);
  }

  public EmbeddedRegistryConfig withHost(final String newHost) {
    return new EmbeddedRegistryConfig(
        bootstrapServers, newHost, port, topic, defaultCompatibility, timeout, kafkaProperties);
  }

  /**
   * The same with {@code properties} (e.g. a {@code --kafka-config} file's security settings) for
   * its clients.
   */
  public EmbeddedRegistryConfig withKafkaProperties(final Map<String, Object> properties) {
    return new EmbeddedRegistryConfig(
        bootstrapServers, host, port, topic, defaultCompatibility, timeout, properties);
  }

  public EmbeddedRegistryConfig withTopic(final String newTopic) {
    return new EmbeddedRegistryConfig(
        bootstrapServers, host, port, newTopic, defaultCompatibility, timeout, kafkaProperties);
  }

  /**
   * The same with {@code newTimeout} for each Kafka read or write a request makes, lock waits
   * included.
   */
  public EmbeddedRegistryConfig withTimeout(final Duration newTimeout) {
    return new EmbeddedRegistryConfig(
        bootstrapServers, host, port, topic, defaultCompatibility, newTimeout, kafkaProperties);
  }
}
