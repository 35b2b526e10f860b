package org.casewatch.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.casewatch.model.KafkaPrincipals;

/**
 * A real single-node KRaft broker (broker and controller in one) in a child JVM running {@code
 * kafka.Kafka}, its log under the demo's data directory. Its pid is kept in a file, so a broker
 * left running by a demo that was killed is found and stopped by the next one.
 *
 * <p>Given credentials, it runs as production should: clients authenticate with SASL/SCRAM-SHA-512,
 * and the StandardAuthorizer allows only what an ACL grants ({@code
 * allow.everyone.if.no.acl.found=false}). The admin's SCRAM credential is written into the storage
 * when it is formatted; the broker's own listeners (inter-broker and controller, localhost) use
 * SASL/PLAIN and a password made at each start.
 */
final class ChildBroker implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final Optional<DemoCredentials> credentials;
  private final String brokerPassword = DemoCredentials.randomPassword();
  private Process process;
  private boolean closed;

  ChildBroker(
      final Path dataDir,
      final int port,
      final int controllerPort,
      final Optional<DemoCredentials> credentials) {
    this.dir = dataDir.resolve("kafka");
    this.port = port;
    this.controllerPort = controllerPort;
    this.credentials = credentials;
  }

  /** The settings of a client of the admin (a super user), or none without authentication. */
  Map<String, Object> adminProperties() {
    return credentials.map(given -> given.clientProperties(KafkaPrincipals.ADMIN)).orElse(Map.of());
  }

  String bootstrapServers() {
    return "localhost:" + port;
  }

  /**
   * Stops a broker an earlier demo with this data directory left running; says whether there was
   * one. The pid file holds the broker's pid and start time, so a reused pid is never mistaken for
   * it.
   */
  static Optional<Long> stopOrphan(final Path dataDir) {
    final Path pidFile = dataDir.resolve("kafka").resolve("broker.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    final String[] recorded;
    try {
      recorded = Files.readString(pidFile).trim().split("\\s+");
      Files.delete(pidFile);
    } catch (IOException e) {
      return Optional.empty();
    }
    final Optional<ProcessHandle> orphan =
        recorded.length < 2
            ? Optional.empty()
            : ProcessHandle.of(Long.parseLong(recorded[0]))
                .filter(ProcessHandle::isAlive)
                // Start times are derived from the boot time, which moves a little when the clock
                // is adjusted.
                .filter(
                    handle ->
                        handle
                            .info()
                            .startInstant()
                            .map(Instant::toEpochMilli)
                            .map(started -> Math.abs(started - Long.parseLong(recorded[1])) < 2_000)
                            .orElse(false));
    orphan.ifPresent(ChildBroker::stop);
    return orphan.map(ProcessHandle::pid);
  }

  void start() throws IOException, InterruptedException {
    Files.createDirectories(dir);
    final Path config = dir.resolve("server.properties");
    // It holds passwords (the controller's, the admin's): owner-only, like the data directory.
    Files.deleteIfExists(config);
    Files.createFile(
        config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(config, serverProperties(), StandardCharsets.UTF_8);
    final Path logging = dir.resolve("logback.xml");
    Files.writeString(logging, LOGGING, StandardCharsets.UTF_8);
    if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
      format(config);
    }
    launch(logging, config);
    awaitReady();
  }

  /**
   * Starts the broker unless the demo is already stopping; the pid file is written before anyone
   * can stop it.
   */
  private synchronized void launch(final Path logging, final Path config) throws IOException {
    if (closed) {
      throw new IllegalStateException("the demo is stopping");
    }
    process =
        java(
            List.of(
                "-Xms256m",
                "-Xmx768m",
                "-Dlogback.configurationFile=" + logging,
                "kafka.Kafka",
                config.toString()),
            dir.resolve("broker.log"));
    Files.writeString(
        dir.resolve("broker.pid"),
        process.pid() + " " + process.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
  }

  /**
   * Formats the storage in this JVM (not a child's command line, where other local users could read
   * the admin's password), adding the admin's SCRAM credential when authentication is on.
   */
  private void format(final Path config) throws IOException {
    final List<String> arguments =
        new ArrayList<>(
            List.of(
                "format",
                "--config",
                config.toString(),
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--standalone"));
    credentials.ifPresent(
        given ->
            arguments.addAll(
                List.of(
                    "--add-scram",
                    DemoCredentials.MECHANISM
                        + "=[name="
                        + KafkaPrincipals.ADMIN
                        + ",password="
                        + given.adminPassword()
                        + "]")));
    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exit;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exit = StorageTool.execute(arguments.toArray(String[]::new), out);
    } catch (RuntimeException e) {
      output.writeBytes(e.toString().getBytes(StandardCharsets.UTF_8));
      exit = 1;
    }
    Files.writeString(dir.resolve("format.log"), output.toString(StandardCharsets.UTF_8));
    if (exit != 0) {
      throw new IllegalStateException(
          "Formatting the broker's storage failed; see " + dir.resolve("format.log"));
    }
  }

  private void awaitReady() throws InterruptedException {
    final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    final Map<String, Object> settings = new HashMap<>(adminProperties());
    settings.putAll(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            5_000,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            5_000));
    try (Admin admin = Admin.create(settings)) {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "The Kafka broker stopped at start-up (exit code "
                  + process.exitValue()
                  + "); see "
                  + dir.resolve("broker.log"));
        }
        try {
          admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          return;
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "The Kafka broker did not answer within "
                    + READY_TIMEOUT
                    + "; see "
                    + dir.resolve("broker.log"));
          }
          Thread.sleep(200);
        }
      }
    }
  }

  /**
   * A child JVM on this JVM's class path. It ignores SIGINT (the shell's trap; a JVM keeps an
   * ignored SIGINT ignored): Ctrl-C in a terminal reaches the whole process group, and the broker
   * must stay up until the service and gateway have closed; the demo stops it last, with SIGTERM.
   */
  private static Process java(final List<String> arguments, final Path log) throws IOException {
    final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    final List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "sh",
                "-c",
                "trap '' INT; exec \"$0\" \"$@\"",
                java,
                "-cp",
                System.getProperty("java.class.path")));
    command.addAll(arguments);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private String serverProperties() {
    return String.join(
        "\n",
        "# Written by casewatch demo on every start.",
        "process.roles=broker,controller",
        "node.id=1",
        credentials.isPresent() ? secured() : plaintext(),
        "controller.listener.names=CONTROLLER",
        "controller.quorum.bootstrap.servers=localhost:" + controllerPort,
        "log.dirs=" + dir.resolve("data"),
        "num.partitions=3",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=5",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=5",
        "group.initial.rebalance.delay.ms=0",
        // Events carry the time they happened (2016 and later): nothing is deleted by age.
        "log.retention.ms=-1",
        "auto.create.topics.enable=false",
        "");
  }

  private String plaintext() {
    return String.join(
        "\n",
        "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
        "advertised.listeners=PLAINTEXT://localhost:" + port,
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
  }

  /**
   * Clients on SASL/SCRAM; the broker to itself (inter-broker, on a listener of its own, localhost
   * on a port the system picks) and to its controller on SASL/PLAIN with a user of its own and a
   * password made at each start: KRaft controllers cannot check SCRAM.
   */
  private String secured() {
    final String plain =
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"broker\" "
            + "password=\""
            + brokerPassword
            + "\" user_broker=\""
            + brokerPassword
            + "\";";
    return String.join(
        "\n",
        "listeners=SASL_PLAINTEXT://localhost:"
            + port
            + ",BROKER://localhost:0,CONTROLLER://localhost:"
            + controllerPort,
        "advertised.listeners=SASL_PLAINTEXT://localhost:" + port + ",BROKER://localhost:0",
        "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
        "inter.broker.listener.name=BROKER",
        "sasl.enabled.mechanisms=" + DemoCredentials.MECHANISM,
        "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config="
            + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
        "sasl.mechanism.inter.broker.protocol=PLAIN",
        "listener.name.broker.sasl.enabled.mechanisms=PLAIN",
        "listener.name.broker.plain.sasl.jaas.config=" + plain,
        "sasl.mechanism.controller.protocol=PLAIN",
        "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
        "listener.name.controller.plain.sasl.jaas.config=" + plain,
        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "allow.everyone.if.no.acl.found=false",
        "super.users=User:" + KafkaPrincipals.ADMIN + ";User:broker");
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (process != null) {
      stop(process.toHandle());
      try {
        Files.deleteIfExists(dir.resolve("broker.pid"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Asks the broker to stop (SIGTERM: a controlled shutdown), then forces it after 30 s. */
  private static void stop(final ProcessHandle broker) {
    broker.destroy();
    try {
      broker.onExit().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      broker.destroyForcibly();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      broker.destroyForcibly();
      broker.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(gone -> broker).join();
    }
  }

  private static final String LOGGING =
      """
      <configuration>
        <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
        </appender>
        <logger name="kafka" level="WARN"/>
        <logger name="org.apache.kafka" level="WARN"/>
        <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
        <logger name="kafka.server.BrokerServer" level="INFO"/>
        <root level="WARN"><appender-ref ref="OUT"/></root>
      </configuration>
      """;
}
