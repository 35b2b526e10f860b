package org.casewatch.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster of one or three nodes (each broker and controller), every node a child JVM
 * running {@code kafka.Kafka} on its own log directory, formatted once. With three nodes it is what
 * production should run: replication factor 3 and {@code min.insync.replicas=2} for every topic,
 * Streams' internal ones and Kafka's own (offsets, transactions), so one node may die at any moment
 * and nothing acknowledged is lost. {@link #kill} and {@link #start} take a node down and bring it
 * back on the same log directory.
 */
final class KraftCluster implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final int size;
  private final Path dir;
  private final List<Integer> ports = new ArrayList<>();
  private final List<Integer> controllerPorts = new ArrayList<>();
  private final List<ChildJvm> nodes = new ArrayList<>();

  KraftCluster(final int size, final Path dir, final Path logging, final Path logs) {
    if (size != 1 && size != 3) {
      throw new IllegalArgumentException("a cluster of 1 or 3 nodes, not " + size);
    }
    this.size = size;
    this.dir = dir;
    for (int node = 0; node < size; node++) {
      ports.add(FreePorts.next());
      controllerPorts.add(FreePorts.next());
    }
    for (int node = 0; node < size; node++) {
      nodes.add(
          new ChildJvm(
              "broker-" + (node + 1),
              List.of(
                  "-Xms128m",
                  "-Xmx512m",
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-Dlogback.configurationFile=" + logging),
              "kafka.Kafka",
              List.of(config(node).toString()),
              logs.resolve("broker-" + (node + 1) + ".log")));
    }
  }

  int size() {
    return size;
  }

  /** The replication factor of every topic: 3 on three nodes, else 1. */
  short replicationFactor() {
    return (short) (size == 3 ? 3 : 1);
  }

  /** {@code min.insync.replicas}: 2 on three nodes (acks=all then survives one node), else 1. */
  int minInSync() {
    return size == 3 ? 2 : 1;
  }

  String bootstrapServers() {
    return ports.stream().map(port -> "localhost:" + port).collect(Collectors.joining(","));
  }

  List<ChildJvm> nodes() {
    return List.copyOf(nodes);
  }

  /** Formats every node's storage (once, with one cluster id) and starts them all. */
  void start() {
    final String clusterId = Uuid.randomUuid().toString();
    for (int node = 0; node < size; node++) {
      writeConfig(node);
      format(node, clusterId);
    }
    nodes.forEach(ChildJvm::start);
    awaitReady(size);
  }

  /** SIGKILL of one node (0-based). */
  void kill(final int node) {
    nodes.get(node).kill();
  }

  /** Starts a node that was killed, on the log directory it had. */
  void start(final int node) {
    nodes.get(node).start();
  }

  void killAll() {
    nodes.forEach(ChildJvm::kill);
  }

  void startAll() {
    nodes.stream().filter(node -> !node.alive()).forEach(ChildJvm::start);
  }

  /** Waits until {@code brokers} brokers are registered and answering. */
  void awaitReady(final int brokers) {
    final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    // Only then an admin client: one asking closed ports logs a warning every few milliseconds.
    while (ports.stream().filter(KraftCluster::listening).count() < brokers) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Fewer than "
                + brokers
                + " Kafka nodes listened within "
                + READY_TIMEOUT
                + "; see "
                + nodes.get(0).log().getParent());
      }
      try {
        Pause.briefly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000))) {
      while (true) {
        try {
          if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= brokers) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          // not yet
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "The Kafka cluster did not have "
                  + brokers
                  + " brokers within "
                  + READY_TIMEOUT
                  + "; see "
                  + nodes.get(0).log().getParent());
        }
        Pause.briefly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static boolean listening(final int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("localhost", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private Path config(final int node) {
    return dir.resolve("broker-" + (node + 1)).resolve("server.properties");
  }

  private void writeConfig(final int node) {
    final String voters =
        IntStream.range(0, size)
            .mapToObj(i -> (i + 1) + "@localhost:" + controllerPorts.get(i))
            .collect(Collectors.joining(","));
    final String properties =
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=" + (node + 1),
            "listeners=PLAINTEXT://localhost:"
                + ports.get(node)
                + ",CONTROLLER://localhost:"
                + controllerPorts.get(node),
            "advertised.listeners=PLAINTEXT://localhost:" + ports.get(node),
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "inter.broker.listener.name=PLAINTEXT",
            "controller.listener.names=CONTROLLER",
            "controller.quorum.voters=" + voters,
            "log.dirs=" + dir.resolve("broker-" + (node + 1)).resolve("data"),
            "num.partitions=3",
            "default.replication.factor=" + replicationFactor(),
            "min.insync.replicas=" + minInSync(),
            "offsets.topic.replication.factor=" + replicationFactor(),
            "offsets.topic.num.partitions=5",
            "transaction.state.log.replication.factor=" + replicationFactor(),
            "transaction.state.log.min.isr=" + minInSync(),
            "transaction.state.log.num.partitions=5",
            "unclean.leader.election.enable=false",
            "group.initial.rebalance.delay.ms=0",
            "log.retention.ms=-1",
            "auto.create.topics.enable=false",
            "");
    try {
      Files.createDirectories(config(node).getParent());
      Files.writeString(config(node), properties, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void format(final int node, final String clusterId) {
    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exit;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exit =
          StorageTool.execute(
              new String[] {
                "format",
                "--config",
                config(node).toString(),
                "--cluster-id",
                clusterId,
                "--ignore-formatted"
              },
              out);
    } catch (RuntimeException e) {
      output.writeBytes(e.toString().getBytes(StandardCharsets.UTF_8));
      exit = 1;
    }
    if (exit != 0) {
      throw new IllegalStateException(
          "Formatting broker-"
              + (node + 1)
              + " failed: "
              + output.toString(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    nodes.forEach(ChildJvm::stop);
  }
}
