package org.casewatch.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.casewatch.gateway.GatewayConfig;
import org.casewatch.gateway.GatewayServer;
import org.casewatch.model.KafkaClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the coalition-facing HTTP gateway until interrupted. Its settings are {@link
 * GatewayConfig#DEFAULTS}, then {@code --config}, then {@code CASEWATCH_*} environment variables,
 * then these options; each option's default shown in the help is the key table's.
 */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    defaultValueProvider = GatewayCommand.KeyTableDefaults.class,
    description = "Run the HTTP gateway coalition systems publish events to (POST /v1/events).")
final class GatewayCommand implements Callable<Integer> {

  /** The setting each option sets, in the gateway's key table. */
  static final Map<String, String> KEYS_BY_OPTION =
      KeyTable.serverKeysAnd(
          Map.of(
              "--kafka-timeout", "casewatch.gateway.kafka.timeout",
              "--rate-limit", "casewatch.gateway.rate.limit",
              "--rate-burst", "casewatch.gateway.rate.burst"));

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A properties file with casewatch.* settings; environment variables (CASEWATCH_HTTP_PORT,"
              + " ...) override it, and these options override both. Every key is in"
              + " docs/ingestion.md.")
  Path config;

  @Mixin HttpServerOptions http;

  @Mixin KafkaConnectionOptions kafka;

  @Mixin AccessFileOption access;

  @Option(
      names = "--kafka-timeout",
      description =
          "How long to wait for Kafka before answering 503, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration kafkaTimeout;

  @Option(
      names = "--rate-limit",
      description =
          "Events per second one coalition may publish; 0 turns it off (default:"
              + " ${DEFAULT-VALUE}).")
  double rateLimit;

  @Option(
      names = "--rate-burst",
      description =
          "Events one coalition may publish at once after a quiet spell (default:"
              + " ${DEFAULT-VALUE}).")
  int rateBurst;

  @Override
  public Integer call() throws InterruptedException {
    final GatewayConfig config;
    try {
      config =
          GatewayConfig.from(
              settings(
                  Optional.ofNullable(this.config),
                  System.getenv(),
                  given(spec.commandLine()),
                  System.getProperty(KafkaClientConfig.SETTING, "")));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      System.err.println(e.getMessage());
      return 2;
    }
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

  /** The settings in force ({@link KeyTable#settings}) over the gateway's key table. */
  static Map<String, String> settings(
      final Optional<Path> file,
      final Map<String, String> environment,
      final Map<String, String> flags,
      final String kafkaConfigProperty) {
    return KeyTable.settings(GatewayConfig.DEFAULTS, file, environment, flags, kafkaConfigProperty);
  }

  /** The settings the command line gives, by key: only options typed on it. */
  static Map<String, String> given(final CommandLine commandLine) {
    return KeyTable.given(commandLine, KEYS_BY_OPTION);
  }

  /** The defaults the help shows: the gateway's key table, for the options that set a key. */
  static final class KeyTableDefaults extends KeyTable.Defaults {

    KeyTableDefaults() {
      super(KEYS_BY_OPTION, GatewayConfig.DEFAULTS);
    }
  }
}
