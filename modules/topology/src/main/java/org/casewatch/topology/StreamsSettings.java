package org.casewatch.topology;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings casewatch runs with, so every runner (service, replay, tests) gets
 * the same guarantees: exactly-once v2 unless told otherwise, and the topology optimisation the
 * topology is built with.
 */
public final class StreamsSettings {

  private StreamsSettings() {}

  /** Settings for {@code applicationId} on {@code bootstrapServers}, exactly-once. */
  public static Properties of(final String applicationId, final String bootstrapServers) {
    final Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    properties.putAll(CaseTopology.OPTIMIZATIONS);
    return properties;
  }

  /** The same with another processing guarantee, e.g. {@code at_least_once}. */
  public static Properties of(final String applicationId, final String bootstrapServers, final String guarantee) {
    final Properties properties = of(applicationId, bootstrapServers);
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    return properties;
  }
}
