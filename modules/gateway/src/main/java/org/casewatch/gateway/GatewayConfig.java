package org.casewatch.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casewatch.http.ServerSecurity;
import org.casewatch.http.Settings;
import org.casewatch.http.TlsCertificate;
import org.casewatch.model.KafkaClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final Logger log = LoggerFactory.getLogger(GatewayConfig.class);

  /** Kafka's producer settings take the timeout in int milliseconds; a transaction's is 15 min. */
  private static final Duration MAX_KAFKA_TIMEOUT = Duration.ofMinutes(10);

  /** A request is read whole before it is parsed: 64 MiB at most. */
  private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

  private static final double MAX_RATE = 1_000_000;

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

  /**
   * Every key the gateway reads with its default, in the order docs/ingestion.md documents them.
   * Defaults, then a file ({@code casewatch gateway --config}), then environment variables, then
   * the command's options: see {@link Settings}. The keys the gateway shares with the service mean
   * the same in both.
   */
  public static final Map<String, String> DEFAULTS = keyTable();

  private static Map<String, String> keyTable() {
    final Map<String, String> keys = new LinkedHashMap<>();
    keys.put("casewatch.http.port", String.valueOf(DEFAULT_PORT));
    keys.put("casewatch.http.host", "0.0.0.0");
    keys.put("casewatch.bootstrap.servers", "localhost:9092");
    keys.put("casewatch.registry.url", "http://localhost:8081");
    keys.put(KafkaClientConfig.SETTING, "");
    keys.put("casewatch.auth.file", "coalitions.yaml");
    keys.put("casewatch.gateway.kafka.timeout", "PT10S");
    keys.put("casewatch.gateway.max.body.bytes", String.valueOf(5 * 1024 * 1024));
    keys.put("casewatch.gateway.max.batch.events", "1000");
    keys.put("casewatch.gateway.rate.limit", "1000");
    keys.put("casewatch.gateway.rate.burst", "10000");
    keys.put("casewatch.http.tls.cert", "");
    keys.put("casewatch.http.tls.key", "");
    keys.put("casewatch.http.tls.keystore", "");
    keys.put("casewatch.http.tls.keystore.password", "");
    keys.put("casewatch.http.allowed.hosts", "");
    return Collections.unmodifiableMap(keys);
  }

  /**
   * The gateway's configuration from its defaults, {@code file} if given, the environment's {@code
   * CASEWATCH_*} variables and {@code flags} (keys set on the command line), each over the one
   * before.
   *
   * @throws IllegalArgumentException listing every problem, each with its key
   */
  public static GatewayConfig load(
      final Optional<Path> file,
      final Map<String, String> environment,
      final Map<String, String> flags) {
    return from(Settings.layered(DEFAULTS, file, environment, flags));
  }

  /**
   * Builds and checks a configuration from key/value pairs over the defaults; unknown keys are
   * refused.
   *
   * @throws IllegalArgumentException listing every problem, each with its key
   */
  public static GatewayConfig from(final Map<String, String> values) {
    final List<String> problems = new ArrayList<>();
    final Map<String, String> all = Settings.over(DEFAULTS, values, problems);
    final int port = Settings.integer(all, "casewatch.http.port", 0, 65_535, problems);
    Settings.required(
        all,
        List.of(
            "casewatch.http.host",
            "casewatch.bootstrap.servers",
            "casewatch.registry.url",
            "casewatch.auth.file"),
        problems);
    Settings.httpUrl(all, "casewatch.registry.url", problems);
    Duration kafkaTimeout = Duration.ofSeconds(10);
    try {
      kafkaTimeout = Duration.parse(all.get("casewatch.gateway.kafka.timeout").trim());
      if (kafkaTimeout.compareTo(Duration.ofSeconds(1)) < 0
          || kafkaTimeout.compareTo(MAX_KAFKA_TIMEOUT) > 0) {
        problems.add(
            "casewatch.gateway.kafka.timeout (--kafka-timeout) must be between PT1S and "
                + MAX_KAFKA_TIMEOUT
                + " (Kafka's producer and transaction timeouts follow it), was "
                + kafkaTimeout);
      }
    } catch (DateTimeParseException e) {
      problems.add(
          "casewatch.gateway.kafka.timeout (--kafka-timeout) must be an ISO-8601 duration like"
              + " PT10S, was '"
              + all.get("casewatch.gateway.kafka.timeout")
              + "'");
    }
    final int maxBody =
        Settings.integer(all, "casewatch.gateway.max.body.bytes", 1, MAX_BODY_BYTES, problems);
    final int maxBatch =
        Settings.integer(all, "casewatch.gateway.max.batch.events", 1, 1_000_000, problems);
    double rate = 0;
    try {
      rate = Double.parseDouble(all.get("casewatch.gateway.rate.limit"));
      if (!(rate >= 0 && rate <= MAX_RATE)) {
        problems.add(
            "casewatch.gateway.rate.limit (--rate-limit) must be between 0 (no limit) and "
                + (long) MAX_RATE
                + " events per second, was "
                + all.get("casewatch.gateway.rate.limit"));
      }
    } catch (NumberFormatException e) {
      problems.add(
          "casewatch.gateway.rate.limit (--rate-limit) must be a number of events per second, was '"
              + all.get("casewatch.gateway.rate.limit")
              + "'");
    }
    final int burst =
        Settings.integer(all, "casewatch.gateway.rate.burst", 1, Integer.MAX_VALUE, problems);
    final boolean sizesRead =
        problems.stream()
            .noneMatch(
                problem ->
                    problem.startsWith("casewatch.gateway.rate.burst")
                        || problem.startsWith("casewatch.gateway.max.batch.events"));
    if (rate > 0 && sizesRead && burst < maxBatch) {
      problems.add(
          "casewatch.gateway.rate.burst (--rate-burst, "
              + burst
              + ") must hold a whole batch (casewatch.gateway.max.batch.events, "
              + maxBatch
              + "), or no full batch could ever pass: raise the burst or lower the batch size");
    }
    Map<String, Object> kafkaProperties = Map.of();
    final Optional<Path> kafkaConfig = Settings.path(all, KafkaClientConfig.SETTING);
    if (kafkaConfig.isPresent()) {
      try {
        final KafkaClientConfig client = KafkaClientConfig.load(kafkaConfig.get());
        client.ignoredWarning().ifPresent(log::warn);
        kafkaProperties = client.passed();
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    ServerSecurity security = ServerSecurity.none();
    try {
      security =
          new ServerSecurity(
              TlsCertificate.from(
                  Settings.path(all, "casewatch.http.tls.cert"),
                  Settings.path(all, "casewatch.http.tls.key"),
                  Settings.path(all, "casewatch.http.tls.keystore"),
                  all.get("casewatch.http.tls.keystore.password")),
              ServerSecurity.hostList(all.get("casewatch.http.allowed.hosts")));
    } catch (IllegalArgumentException e) {
      problems.add("casewatch.http.tls.*: " + e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid casewatch gateway configuration:\n  - " + String.join("\n  - ", problems));
    }
    return new GatewayConfig(
        port,
        all.get("casewatch.http.host").trim(),
        all.get("casewatch.bootstrap.servers").trim(),
        all.get("casewatch.registry.url").trim(),
        Path.of(all.get("casewatch.auth.file").trim()),
        maxBody,
        maxBatch,
        kafkaTimeout,
        kafkaProperties,
        security,
        new RateLimit(rate, burst));
  }

  /** The key table's defaults, as a configuration. */
  public static GatewayConfig defaults() {
    return from(Map.of());
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
