package org.casewatch.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.casewatch.cli.simulate.AccessTokens;
import org.casewatch.model.Topics;

/**
 * casewatch as it runs in production, every piece a process of its own: the Kafka cluster, the
 * schema registry, the gateway and one or two instances of the service (one application id, a
 * standby copy of each store on the other instance), all on this machine's loopback.
 */
final class Deployment implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final String LOGGING =
      """
      <configuration>
        <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
        </appender>
        <root level="WARN"><appender-ref ref="OUT"/></root>
      </configuration>
      """;

  private final Path dir;
  private final KraftCluster kafka;
  private final int registryPort = FreePorts.next();
  private final int gatewayPort = FreePorts.next();
  private final ChildJvm registry;
  private final ChildJvm gateway;
  private final List<ChildJvm> services = new ArrayList<>();
  private final List<Integer> servicePorts = new ArrayList<>();
  private final AccessTokens tokens;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * Kills the children if this JVM ends before {@link #close} (a test run interrupted, Ctrl-C on
   * the benchmark).
   */
  private final Thread orphans = new Thread(this::killAll, "fault-run-children");

  /**
   * @param brokers 1 or 3 Kafka nodes
   * @param instances service instances (1 or 2)
   * @param sessionTimeout how long the other instances wait for one that vanished
   * @param processingGuarantee {@code exactly_once_v2}, or {@code at_least_once} to show what it
   *     costs
   */
  Deployment(
      final Path dir,
      final int brokers,
      final int instances,
      final Duration sessionTimeout,
      final String processingGuarantee) {
    this.dir = dir;
    // Each run from nothing: a broker formatted by an earlier run would hold its topics and its
    // events.
    wipe(dir);
    final Path logging = write(dir.resolve("logback.xml"), LOGGING);
    this.kafka = new KraftCluster(brokers, dir.resolve("kafka"), logging, dir.resolve("logs"));
    final List<String> jvm =
        List.of(
            "-Xms64m",
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Dlogback.configurationFile=" + logging);
    this.registry =
        new ChildJvm(
            "registry",
            jvm,
            RegistryMain.class.getName(),
            List.of(kafka.bootstrapServers(), Integer.toString(registryPort)),
            logs().resolve("registry.log"));
    try {
      Files.createDirectories(dir);
      this.tokens =
          AccessTokens.issueOrRead(
              dir.resolve("coalitions.yaml"),
              dir.resolve("tokens.properties"),
              "fault-coordinator");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.gateway =
        new ChildJvm(
            "gateway",
            jvm,
            "org.casewatch.cli.Casewatch",
            List.of(
                "gateway",
                "--port",
                Integer.toString(gatewayPort),
                "--host",
                "localhost",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--registry-url",
                registryUrl(),
                "--coalitions",
                dir.resolve("coalitions.yaml").toString()),
            logs().resolve("gateway.log"));
    final String peerSecret =
        Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
    for (int instance = 1; instance <= instances; instance++) {
      final int port = FreePorts.next();
      servicePorts.add(port);
      final Properties config = new Properties();
      config.putAll(
          Map.of(
              "casewatch.bootstrap.servers",
              kafka.bootstrapServers(),
              "casewatch.registry.url",
              registryUrl(),
              "casewatch.http.port",
              Integer.toString(port),
              "casewatch.http.host",
              "localhost",
              "casewatch.state.dir",
              dir.resolve("service-" + instance).resolve("state").toString(),
              "casewatch.streams.standby.replicas",
              Integer.toString(instances - 1),
              "casewatch.streams.session.timeout.ms",
              Long.toString(sessionTimeout.toMillis()),
              "casewatch.processing.guarantee",
              processingGuarantee,
              "casewatch.auth.file",
              dir.resolve("coalitions.yaml").toString(),
              "casewatch.peer.secret",
              peerSecret));
      final Path file = dir.resolve("service-" + instance).resolve("service.properties");
      try {
        Files.createDirectories(file.getParent());
        try (var out = Files.newBufferedWriter(file)) {
          config.store(out, "casewatch service " + instance + " of a fault run");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      services.add(
          new ChildJvm(
              "service-" + instance,
              jvm,
              "org.casewatch.cli.Casewatch",
              List.of("service", "--config", file.toString()),
              logs().resolve("service-" + instance + ".log")));
    }
  }

  /**
   * Starts everything, topics first, and waits until the gateway answers and every instance is
   * ready.
   */
  void start() {
    Runtime.getRuntime().addShutdownHook(orphans);
    kafka.start();
    createTopics();
    // The JVMs start together: none needs another to start, only to serve.
    registry.start();
    gateway.start();
    services.forEach(ChildJvm::start);
    awaitRegistry();
    awaitGateway();
    for (int instance = 0; instance < services.size(); instance++) {
      awaitReady(instance);
    }
  }

  /** Waits until the schema registry answers. */
  void awaitRegistry() {
    awaitStatus(registryUrl() + "/subjects", 200, registry);
  }

  /** Waits until the gateway takes events: {@code /health/ready} answers 200. */
  void awaitGateway() {
    awaitStatus(gatewayUrl() + "/health/ready", 200, gateway);
  }

  /** Waits until the gateway's HTTP server answers at all, ready or not. */
  void awaitGatewayAnswers() {
    awaitHttp(gatewayUrl() + "/health", "the gateway");
  }

  /** The gateway's {@code /health/ready} status right now (-1 when nothing answers). */
  int gatewayReadiness() {
    return status(gatewayUrl() + "/health/ready");
  }

  private void createTopics() {
    final List<String> names = Topics.all();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      final List<NewTopic> topics =
          names.stream()
              .map(
                  name -> {
                    final Map<String, String> settings = new HashMap<>(Topics.settingsOf(name));
                    settings.put(
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                        Integer.toString(kafka.minInSync()));
                    return new NewTopic(name, 3, kafka.replicationFactor()).configs(settings);
                  })
              .toList();
      admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Could not create the topics", e);
    }
  }

  /**
   * Waits until instance {@code index} (0-based) answers {@code /health/ready} with 200; returns
   * how long that took.
   */
  Duration awaitReady(final int index) {
    final long started = System.nanoTime();
    awaitStatus(serviceUrl(index) + "/health/ready", 200, services.get(index));
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** Whether instance {@code index} answers {@code /health/ready} with 200 right now. */
  boolean ready(final int index) {
    return status(serviceUrl(index) + "/health/ready") == 200;
  }

  private void awaitHttp(final String url, final String what) {
    final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (status(url) <= 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Waited " + READY_TIMEOUT + " for " + what + " at " + url + "; see " + logs());
      }
      pause();
    }
  }

  private void awaitStatus(final String url, final int expected, final ChildJvm process) {
    final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (status(url) != expected) {
      if (!process.alive()) {
        throw new IllegalStateException(process.name() + " exited; see " + process.log());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Waited "
                + READY_TIMEOUT
                + " for "
                + process.name()
                + " at "
                + url
                + "; see "
                + process.log());
      }
      pause();
    }
  }

  /** The HTTP status of a GET, or -1 when nothing answers. */
  int status(final String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A GET with the coordinator's token: the body, or an exception saying what came back. */
  String read(final int instance, final String path) {
    try {
      final HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(serviceUrl(instance) + path))
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", "Bearer " + tokens.coordinator())
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " of service-" + (instance + 1), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void pause() {
    try {
      Pause.briefly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  KraftCluster kafka() {
    return kafka;
  }

  ChildJvm registry() {
    return registry;
  }

  ChildJvm gateway() {
    return gateway;
  }

  ChildJvm service(final int index) {
    return services.get(index);
  }

  int instances() {
    return services.size();
  }

  AccessTokens tokens() {
    return tokens;
  }

  String registryUrl() {
    return "http://localhost:" + registryPort;
  }

  String gatewayUrl() {
    return "http://localhost:" + gatewayPort;
  }

  String serviceUrl(final int index) {
    return "http://localhost:" + servicePorts.get(index);
  }

  Path logs() {
    return dir.resolve("logs");
  }

  /** Every process, for the log scan. */
  List<ChildJvm> processes() {
    final List<ChildJvm> all = new ArrayList<>(kafka.nodes());
    all.add(registry);
    all.add(gateway);
    all.addAll(services);
    return all;
  }

  private static Path write(final Path file, final String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills every process: a run is over, nothing needs a graceful end. */
  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(orphans);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down, and the hook is doing this
    }
  }

  private void killAll() {
    for (final ChildJvm process : processes()) {
      try {
        process.kill();
      } catch (RuntimeException e) {
        System.err.println("Could not kill " + process.name() + ": " + e.getMessage());
      }
    }
  }

  private static void wipe(final Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (final Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not wipe the run directory " + dir, e);
    }
  }
}
