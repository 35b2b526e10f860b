package org.casewatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.casewatch.gateway.GatewayConfig;
import org.casewatch.gateway.GatewayServer;
import org.casewatch.gateway.RateLimit;
import org.casewatch.http.ServerSecurity;
import org.casewatch.http.TlsCertificate;
import org.casewatch.model.KafkaClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the coalition-facing HTTP gateway until interrupted. */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = "Run the HTTP gateway coalition systems publish events to (POST /v1/events).")
final class GatewayCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "" + GatewayConfig.DEFAULT_PORT,
      description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "0.0.0.0",
      description =
          "Address to listen on: 0.0.0.0 every interface, localhost this machine only (default: ${DEFAULT-VALUE}).")
  String host;

  @Mixin KafkaConnectionOptions kafka;

  @Mixin AccessFileOption access;

  @Option(
      names = "--kafka-timeout",
      defaultValue = "PT10S",
      description =
          "How long to wait for Kafka before answering 503, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration kafkaTimeout;

  @Option(
      names = "--tls-cert",
      description = "PEM certificate chain to serve HTTPS with (with --tls-key).")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      description = "The certificate's unencrypted PKCS#8 PEM private key.")
  Path tlsKey;

  @Option(
      names = "--tls-keystore",
      description = "PKCS12 or JKS keystore to serve HTTPS with (instead of PEM files).")
  Path tlsKeystore;

  @Option(
      names = "--tls-keystore-password",
      defaultValue = "${env:CASEWATCH_HTTP_TLS_KEYSTORE_PASSWORD}",
      description = "The keystore's password (default: $CASEWATCH_HTTP_TLS_KEYSTORE_PASSWORD).")
  String tlsKeystorePassword;

  @Option(
      names = "--allowed-hosts",
      defaultValue = "",
      split = ",",
      description = "Host names requests may address, e.g. localhost,127.0.0.1 (default: any).")
  List<String> allowedHosts;

  @Option(
      names = "--rate-limit",
      defaultValue = "1000",
      description =
          "Events per second one coalition may publish; 0 turns it off (default: ${DEFAULT-VALUE}).")
  double rateLimit;

  @Option(
      names = "--rate-burst",
      defaultValue = "10000",
      description =
          "Events one coalition may publish at once after a quiet spell (default: ${DEFAULT-VALUE}).")
  int rateBurst;

  @Override
  public Integer call() throws InterruptedException {
    final KafkaClientConfig kafkaClient;
    try {
      kafkaClient = kafka.kafkaClient();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    final GatewayConfig config =
        GatewayConfig.defaults()
            .withPort(port)
            .withHost(host)
            .withKafka(kafka.bootstrapServers, kafka.registryUrl)
            .withAccessFile(access.file)
            .withKafkaTimeout(kafkaTimeout)
            .withKafkaProperties(kafkaClient.passed())
            .withSecurity(
                new ServerSecurity(
                    TlsCertificate.from(
                        Optional.ofNullable(tlsCert),
                        Optional.ofNullable(tlsKey),
                        Optional.ofNullable(tlsKeystore),
                        Optional.ofNullable(tlsKeystorePassword).orElse("")),
                    allowedHosts))
            .withRateLimit(new RateLimit(rateLimit, rateBurst));
    final CountDownLatch stopped = new CountDownLatch(1);
    final GatewayServer gateway = GatewayServer.start(config);
    // Close inside the hook: the JVM may halt as soon as hooks finish, so flushing must happen
    // here.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.close();
                  stopped.countDown();
                },
                "gateway-shutdown"));
    System.out.println(
        "casewatch gateway on "
            + config.security().scheme()
            + "://localhost:"
            + gateway.port()
            + "/v1/events (Ctrl-C stops it)");
    stopped.await();
    return 0;
  }
}
