package org.casewatch.demo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.casewatch.cli.SimulateCommand;
import org.casewatch.cli.simulate.AccessTokens;
import org.casewatch.cli.simulate.SimulationOptions;
import org.casewatch.cli.simulate.Simulator;
import org.casewatch.gateway.GatewayConfig;
import org.casewatch.gateway.GatewayServer;
import org.casewatch.model.KafkaClientConfig;
import org.casewatch.model.KafkaPrincipals;
import org.casewatch.registry.server.EmbeddedRegistryConfig;
import org.casewatch.registry.server.EmbeddedSchemaRegistry;
import org.casewatch.service.CasewatchService;
import org.casewatch.service.ServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Everything on one machine: a real KRaft broker, the embedded registry, the topics, the gateway,
 * the service and the simulator; Ctrl-C stops them all, the broker last.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run casewatch on this machine: a real Kafka broker (child JVM), the schema registry, the"
            + " topics, the gateway, the service with its dashboard, and the simulator publishing a"
            + " realistic history. Data stays in --data-dir, so a restart continues; Ctrl-C stops"
            + " everything.")
final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      description =
          "Where the broker's log, the service's state, the tokens and the "
              + "simulator's position are kept (default: .casewatch-demo in the repository).")
  Path dataDir;

  @Option(names = "--fresh", description = "Wipe the data directory first and start from zero.")
  boolean fresh;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description = "Kafka (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--controller-port",
      defaultValue = "9093",
      description = "The KRaft controller (default: ${DEFAULT-VALUE}).")
  int controllerPort;

  @Option(
      names = "--registry-port",
      defaultValue = "8081",
      description = "Schema registry (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(
      names = "--http-port",
      defaultValue = "8080",
      description = "Service, API and dashboard (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--gateway-port",
      defaultValue = "" + GatewayConfig.DEFAULT_PORT,
      description = "Gateway for coalition systems (default: ${DEFAULT-VALUE}).")
  int gatewayPort;

  @Mixin SimulationOptions simulation;

  @Option(
      names = "--tls",
      description =
          "Serve the gateway and the service over HTTPS with a self-signed certificate "
              + "for localhost (trust <data-dir>/tls/localhost.pem).")
  boolean tls;

  @Option(
      names = "--no-kafka-auth",
      description =
          "Run the broker without authentication and ACLs (anyone who reaches its port may read and"
              + " write everything). By default every component and coalition has a SASL/SCRAM"
              + " principal of its own, its credentials in"
              + " <data-dir>/clients/<principal>.properties.")
  boolean noKafkaAuth;

  private static final String MARKER = "CASEWATCH-DEMO";

  private final List<AutoCloseable> running = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    try {
      return run();
    } catch (IllegalStateException e) {
      System.err.println("casewatch demo: " + e.getMessage());
      return 2;
    }
  }

  private Integer run() throws Exception {
    final Path data = (dataDir != null ? dataDir : defaultDataDir()).toAbsolutePath().normalize();
    ChildBroker.stopOrphan(data)
        .ifPresent(
            pid ->
                System.out.println(
                    "Stopped a Kafka broker (pid " + pid + ") that an earlier demo left running."));
    final List<String> taken =
        new DemoPorts()
            .add("Kafka", "--kafka-port", kafkaPort)
            .add("the KRaft controller", "--controller-port", controllerPort)
            .add("the schema registry", "--registry-port", registryPort)
            .add("the service and dashboard", "--http-port", httpPort)
            .add("the gateway", "--gateway-port", gatewayPort)
            .taken();
    if (!taken.isEmpty()) {
      taken.forEach(System.err::println);
      return 2;
    }
    if (fresh) {
      wipe(data);
    }
    claim(data);
    if (!noKafkaAuth
        && Files.exists(data.resolve("kafka").resolve("data").resolve("meta.properties"))
        && !DemoCredentials.exist(data)) {
      throw new IllegalStateException(
          "the broker's storage in "
              + data
              + " was made without Kafka authentication, so it holds no admin credential; start"
              + " with --fresh (wipes the demo's data) or with --no-kafka-auth");
    }
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopAll();
                  stopped.countDown();
                },
                "casewatch-demo-shutdown"));

    final String bootstrap = "localhost:" + kafkaPort;
    final Optional<DemoCredentials> credentials =
        noKafkaAuth ? Optional.empty() : Optional.of(DemoCredentials.createOrRead(data, bootstrap));
    System.out.println(
        "Starting Kafka (KRaft, one node) on "
            + bootstrap
            + (noKafkaAuth
                ? " without authentication (--no-kafka-auth) ..."
                : " with SASL/SCRAM and ACLs ..."));
    final ChildBroker broker = new ChildBroker(data, kafkaPort, controllerPort, credentials);
    running.add(broker);
    broker.start();
    if (credentials.isPresent()) {
      credentials.get().apply(bootstrap);
    }
    final EmbeddedSchemaRegistry registry =
        EmbeddedSchemaRegistry.start(
            EmbeddedRegistryConfig.of(broker.bootstrapServers())
                .withHost("localhost")
                .withPort(registryPort)
                .withKafkaProperties(clientProperties(credentials, KafkaPrincipals.REGISTRY)));
    running.add(registry);
    DemoTopics.create(broker.bootstrapServers(), broker.adminProperties());

    final Path coalitions = data.resolve("coalitions.yaml");
    final AccessTokens tokens =
        AccessTokens.issueOrRead(coalitions, data.resolve("tokens.properties"), "demo-coordinator");
    // This machine only, like the broker and the registry: the demo is not a deployment.
    final DemoSecurity security = DemoSecurity.of(tls, data);
    final GatewayServer gateway =
        GatewayServer.start(
            GatewayConfig.defaults()
                .withPort(gatewayPort)
                .withHost("localhost")
                .withKafka(broker.bootstrapServers(), registry.url())
                .withAccessFile(coalitions)
                .withKafkaProperties(clientProperties(credentials, KafkaPrincipals.GATEWAY))
                .withSecurity(security.server()));
    running.add(gateway);
    final Map<String, String> serviceSettings =
        new HashMap<>(
            security.serviceSettings(
                Map.of(
                    "casewatch.bootstrap.servers", broker.bootstrapServers(),
                    "casewatch.registry.url", registry.url(),
                    "casewatch.http.port", Integer.toString(httpPort),
                    "casewatch.http.host", "localhost",
                    "casewatch.state.dir", data.resolve("service-state").toString(),
                    "casewatch.streams.standby.replicas", "0",
                    "casewatch.auth.file", coalitions.toString())));
    credentials.ifPresent(
        given ->
            serviceSettings.put(
                KafkaClientConfig.SETTING, given.fileOf(KafkaPrincipals.SERVICE).toString()));
    final CasewatchService service = CasewatchService.start(ServiceConfig.from(serviceSettings));
    running.add(service);

    final Thread simulator =
        simulator(security.scheme() + "://localhost:" + gateway.port(), tokens, data);
    // Added last, so stopped first: nothing is published into a gateway that is closing.
    running.add(
        () -> {
          simulator.interrupt();
          simulator.join(10_000);
        });
    simulator.start();
    printReady(
        security.scheme(),
        data,
        tokens,
        registry.url(),
        broker.bootstrapServers(),
        gateway.port(),
        service.port(),
        credentials);
    stopped.await();
    return 0;
  }

  private Thread simulator(final String gatewayUrl, final AccessTokens tokens, final Path data) {
    final Simulator simulator =
        new Simulator(
            gatewayUrl,
            tokens.coalitions(),
            simulation.seed(),
            Optional.of(data.resolve("simulator.properties")),
            Clock.systemUTC());
    final Thread thread =
        new Thread(
            () -> {
              try {
                SimulateCommand.run(
                    simulator,
                    simulation.rate(),
                    simulation.liveCases(),
                    Duration.ofDays(10),
                    System.out::println);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                System.err.println("Simulator stopped: " + e.getMessage());
              }
            },
            "casewatch-simulator");
    thread.setDaemon(true);
    return thread;
  }

  private static Map<String, Object> clientProperties(
      final Optional<DemoCredentials> credentials, final String principal) {
    return credentials.map(given -> given.clientProperties(principal)).orElse(Map.of());
  }

  private static void printReady(
      final String scheme,
      final Path data,
      final AccessTokens tokens,
      final String registryUrl,
      final String bootstrap,
      final int gatewayPort,
      final int httpPort,
      final Optional<DemoCredentials> credentials) {
    final double seconds =
        (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
    final StringBuilder out = new StringBuilder();
    out.append(String.format("%ncasewatch demo is ready (%.1f s)%n%n", seconds));
    out.append(
        String.format(
            "  Dashboard      %s://localhost:%d/?token=%s%n",
            scheme, httpPort, tokens.coordinator()));
    out.append(
        String.format(
            "  Query API      %s://localhost:%d/v1/countries  "
                + "(Authorization: Bearer <coordinator token>)%n",
            scheme, httpPort));
    out.append(
        String.format(
            "  Gateway        %s://localhost:%d/v1/events     "
                + "(Authorization: Bearer <a coalition's token>)%n",
            scheme, gatewayPort));
    out.append(
        String.format(
            "  Kafka          %s%s%n  Registry       %s%n",
            bootstrap,
            credentials.isPresent()
                ? "  (SASL/SCRAM-SHA-512 with ACLs)"
                : "  (no authentication: --no-kafka-auth)",
            registryUrl));
    credentials.ifPresent(
        given ->
            out.append(
                String.format(
                    "  Kafka clients  %s  (one owner-only file per principal; "
                        + "e.g. ./casewatch replay --kafka-config %s ...)%n",
                    given.dir(), given.fileOf(KafkaPrincipals.ANALYST))));
    out.append(String.format("  Data           %s  (./casewatch demo --fresh wipes it)%n%n", data));
    out.append(String.format("  Tokens (also in %s):%n", data.resolve("tokens.properties")));
    out.append(
        String.format(
            "    coordinator  %s%n    auditor      %s  (GET /v1/audit only)%n",
            tokens.coordinator(), tokens.auditor()));
    tokens
        .coalitions()
        .forEach((country, token) -> out.append(String.format("    %-12s %s%n", country, token)));
    out.append(String.format("%nCtrl-C stops everything.%n"));
    System.out.print(out);
  }

  /** Stops what was started, the simulator first and the broker last. */
  private synchronized void stopAll() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        System.err.println("While stopping: " + e);
      }
    }
    running.clear();
    System.out.println("casewatch demo stopped.");
  }

  private static Path defaultDataDir() {
    final String root = System.getenv("CASEWATCH_ROOT");
    return root == null ? Path.of(".casewatch-demo") : Path.of(root, ".casewatch-demo");
  }

  /**
   * Marks the data directory as the demo's, so that --fresh never wipes a directory it did not
   * create.
   */
  private static void claim(final Path data) throws IOException {
    if (Files.exists(data) && !Files.exists(data.resolve(MARKER)) && !isEmpty(data)) {
      throw new IllegalStateException(
          data + " is not empty and was not made by casewatch demo; choose another --data-dir");
    }
    Files.createDirectories(data);
    // Owner-only: it holds the broker's log (every case), the tokens and the Kafka credentials.
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    if (!Files.exists(data.resolve(MARKER))) {
      Files.writeString(
          data.resolve(MARKER),
          "Data of casewatch demo; ./casewatch demo --fresh wipes this directory.\n");
    }
  }

  private static boolean isEmpty(final Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void wipe(final Path data) throws IOException {
    if (!Files.exists(data)) {
      return;
    }
    if (!Files.exists(data.resolve(MARKER))) {
      throw new IllegalStateException(
          "--fresh would wipe "
              + data
              + ", which casewatch demo did not create; "
              + "remove it yourself or choose another --data-dir");
    }
    System.out.println("--fresh: wiping " + data);
    try (Stream<Path> paths = Files.walk(data)) {
      for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
