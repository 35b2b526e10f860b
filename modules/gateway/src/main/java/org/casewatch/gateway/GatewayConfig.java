package org.casewatch.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.casewatch.http.ServerSecurity;

/**
 * How to run the gateway. Defaults run against a local stack.
 *
 * @param port HTTP port (default 8088, as in the demo and docker-compose.yml; 0 picks a free one)
 * @param host the address to listen on (default 0.0.0.0: every interface; localhost: this machine
 *     only)
 * @param bootstrapServers Kafka (default localhost:9092)
 * @param registryUrl schema registry (default http://localhost:8081)
 * @param accessFile the access file: who may publish, with hashed tokens (default coalitions.yaml)
 * @param maxBodyBytes larger requests get 413 (default 5 MiB)
 * @param maxBatchEvents larger batches get 413 (default 1000)
 * @param kafkaTimeout how long to wait for Kafka's acknowledgement before answering 503 (default 10
 *     s)
 * @param kafkaProperties extra producer settings, e.g. security
 * @param security HTTPS certificate and the Host names answered (default plain HTTP, any host)
 * @param rateLimit events per second and burst per coalition (default 1000/s, bursts of 10000)
 */
public record GatewayConfig(
    int port,
    String host,
    String bootstrapServers,
    String registryUrl,
    Path accessFile,
    long maxBodyBytes,
    int maxBatchEvents,
    Duration kafkaTimeout,
    Map<String, Object> kafkaProperties,
    ServerSecurity security,
    RateLimit rateLimit) {

  /**
   * The gateway's port unless told otherwise: here, in {@code casewatch gateway --port}, the {@code
   * --gateway} URL of import and simulate, the demo and docker-compose.yml. The service's is 8080.
   */
  public static final int DEFAULT_PORT = 8088;

  public GatewayConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("gateway port " + port + " is not a TCP port");
    }
    if (maxBatchEvents < 1 || maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBatchEvents and maxBodyBytes must be positive");
    }
    if (kafkaTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("kafkaTimeout must be at least 1 s, was " + kafkaTimeout);
    }
    kafkaProperties = Map.copyOf(kafkaProperties);
    if (rateLimit.limited() && rateLimit.burst() < maxBatchEvents) {
      throw new IllegalArgumentException(
          "the rate limit's burst ("
              + rateLimit.burst()
              + " events) must hold a whole batch ("
              + maxBatchEvents
              + " events), or no full batch could ever pass");
    }
  }

  public static GatewayConfig defaults() {
    return new GatewayConfig(
        DEFAULT_PORT,
        "0.0.0.0",
        "localhost:9092",
        "http://localhost:8081",
        Path.of("coalitions.yaml"),
        5L * 1024 * 1024,
        1000,
        Duration.ofSeconds(10),
        Map.of(),
        ServerSecurity.none(),
        RateLimit.defaults());
  }

  public GatewayConfig withPort(final int newPort) {
    return new GatewayConfig(
        newPort,
        host,
        bootstrapServers,
        registryUrl,
        accessFile,
        maxBodyBytes,
        maxBatchEvents,
        kafkaTimeout,
        kafkaProperties,
        security,
        rateLimit);
  }

  public GatewayConfig withHost(final String newHost) {
    return new GatewayConfig(
        port,
        newHost,
        bootstrapServers,
        registryUrl,
        accessFile,
        maxBodyBytes,
        maxBatchEvents,
        kafkaTimeout,
        kafkaProperties,
        security,
        rateLimit);
  }

  public GatewayConfig withKafka(final String newBootstrapServers, final String newRegistryUrl) {
    return new GatewayConfig(
        port,
        host,
        newBootstrapServers,
        newRegistryUrl,
        accessFile,
        maxBodyBytes,
        maxBatchEvents,
        kafkaTimeout,
        kafkaProperties,
        security,
        rateLimit);
  }

  public GatewayConfig withAccessFile(final Path file) {
    return new GatewayConfig(
        port,
        host,
        bootstrapServers,
        registryUrl,
        file,
        maxBodyBytes,
        maxBatchEvents,
        kafkaTimeout,
        kafkaProperties,
        security,
        rateLimit);
  }

  public GatewayConfig withLimits(final long newMaxBodyBytes, final int newMaxBatchEvents) {
    return new GatewayConfig(
        port,
        host,
        bootstrapServers,
        registryUrl,
        accessFile,
        newMaxBodyBytes,
        newMaxBatchEvents,
        kafkaTimeout,
        kafkaProperties,
        security,
        rateLimit);
  }

  /**
   * The same with {@code properties} (e.g. a {@code --kafka-config} file's security settings) for
   * its clients.
   */
  public GatewayConfig withKafkaProperties(final Map<String, Object> properties) {
    return new GatewayConfig(
        port,
        host,
        bootstrapServers,
        registryUrl,
        accessFile,
        maxBodyBytes,
        maxBatchEvents,
        kafkaTimeout,
        properties,
        security,
        rateLimit);
  }

  public GatewayConfig withKafkaTimeout(final Duration timeout) {
    return new GatewayConfig(
        port,
        host,
        bootstrapServers,
        registryUrl,
        accessFile,
        maxBodyBytes,
        maxBatchEvents,
        timeout,
        kafkaProperties,
        security,
        rateLimit);
  }

  public GatewayConfig withSecurity(final ServerSecurity newSecurity) {
    return new GatewayConfig(
        port,
        host,
        bootstrapServers,
        registryUrl,
        accessFile,
        maxBodyBytes,
        maxBatchEvents,
        kafkaTimeout,
        kafkaProperties,
        newSecurity,
        rateLimit);
  }

  public GatewayConfig withRateLimit(final RateLimit newRateLimit) {
    return new GatewayConfig(
        port,
        host,
        bootstrapServers,
        registryUrl,
        accessFile,
        maxBodyBytes,
        maxBatchEvents,
        kafkaTimeout,
        kafkaProperties,
        security,
        newRateLimit);
  }
}
