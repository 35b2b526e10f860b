package org.casewatch.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.casewatch.model.KafkaClientConfig;
import org.casewatch.service.CasewatchService;
import org.casewatch.service.ServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the coordinator service until interrupted (Ctrl-C or SIGTERM close it gracefully). */
@Command(
    name = "service",
    mixinStandardHelpOptions = true,
    description =
        "Run the coordinator service: live topology, query API, alert stream, dashboard, health,"
            + " metrics.")
final class ServiceCommand implements Callable<Integer> {

  @Option(
      names = "--config",
      description =
          "A properties file with casewatch.* settings; environment variables (CASEWATCH_HTTP_PORT,"
              + " ...) override it. Every key and its default is in docs/service.md.")
  Path config;

  @Option(
      names = KafkaClientConfig.OPTION,
      paramLabel = "FILE",
      description =
          "A Kafka client properties file (security.protocol, sasl.mechanism, sasl.jaas.config,"
              + " ssl.*), over casewatch.kafka.config of --config and CASEWATCH_KAFKA_CONFIG;"
              + " owner-only (chmod 600) if it holds a password.")
  Path kafkaConfig;

  @Override
  public Integer call() throws InterruptedException {
    final ServiceConfig settings;
    try {
      // The option names the same setting as CASEWATCH_KAFKA_CONFIG, and wins over it and the file.
      settings =
          ServiceConfig.load(
              Optional.ofNullable(config),
              System.getenv(),
              kafkaConfig == null
                  ? Map.of()
                  : Map.of(KafkaClientConfig.SETTING, kafkaConfig.toString()));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    final CountDownLatch stopped = new CountDownLatch(1);
    final CasewatchService service = CasewatchService.start(settings);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  stopped.countDown();
                },
                "service-shutdown"));
    System.out.println(
        "casewatch service on "
            + settings.security().scheme()
            + "://localhost:"
            + service.port()
            + "/ (Ctrl-C stops it)");
    stopped.await();
    return 0;
  }
}
