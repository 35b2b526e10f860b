package org.casewatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.casewatch.gateway.GatewayConfig;
import org.casewatch.gateway.GatewayServer;
import org.casewatch.model.KafkaClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the coalition-facing HTTP gateway until interrupted. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
    description = "Run the HTTP gateway coalition systems publish events to (POST /v1/events).")
final class GatewayCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "0.0.0.0",
      description = "Address to listen on: 0.0.0.0 every interface, localhost this machine only (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--registry-url", defaultValue = "http://localhost:8081",
      description = "Schema registry (default: ${DEFAULT-VALUE}).")
  String registryUrl;

  @Option(names = "--coalitions", defaultValue = "coalitions.yaml",
      description = "Coalitions and hashed tokens, re-read when it changes (default: ${DEFAULT-VALUE}).")
  Path coalitions;

  @Option(names = "--kafka-timeout", defaultValue = "PT10S",
      description = "How long to wait for Kafka before answering 503, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration kafkaTimeout;

  @Option(names = KafkaClientConfig.OPTION, paramLabel = "FILE", description = KafkaOptions.KAFKA_CONFIG_DESCRIPTION)
  Path kafkaConfig;

  @Override
  public Integer call() throws InterruptedException {
    final KafkaClientConfig kafkaClient;
    try {
      kafkaClient = KafkaOptions.load(kafkaConfig);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    final GatewayConfig config = GatewayConfig.defaults().withPort(port).withHost(host).withKafka(bootstrapServers, registryUrl)
        .withCoalitionsFile(coalitions).withKafkaTimeout(kafkaTimeout).withKafkaProperties(kafkaClient.passed());
    final CountDownLatch stopped = new CountDownLatch(1);
    final GatewayServer gateway = GatewayServer.start(config);
    // Close inside the hook: the JVM may halt as soon as hooks finish, so flushing must happen here.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      stopped.countDown();
    }, "gateway-shutdown"));
    System.out.println("casewatch gateway on http://localhost:" + gateway.port() + "/v1/events (Ctrl-C stops it)");
    stopped.await();
    return 0;
  }
}
