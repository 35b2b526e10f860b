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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the coordinator service until interrupted (Ctrl-C or SIGTERM close it gracefully). Its
 * settings are {@link ServiceConfig#DEFAULTS}, then {@code --config}, then {@code CASEWATCH_*}
 * environment variables, then these options, as the gateway's are; each option's default shown in
 * the help is the key table's.
 */
@Command(
    name = "service",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ServiceCommand.KeyTableDefaults.class,
    description =
        "Run the coordinator service: live topology, query API, alert stream, dashboard, health,"
            + " metrics.")
final class ServiceCommand implements Callable<Integer> {

  /** The setting each option sets, in the service's key table. */
  static final Map<String, String> KEYS_BY_OPTION =
      KeyTable.serverKeysAnd(
          Map.of("--rules", "casewatch.rules.file", "--state-dir", "casewatch.state.dir"));

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A properties file with casewatch.* settings; environment variables (CASEWATCH_HTTP_PORT,"
              + " ...) override it, and these options override both. Every key is in"
              + " docs/service.md.")
  Path config;

  @Mixin HttpServerOptions http;

  @Mixin KafkaConnectionOptions kafka;

  @Mixin AccessFileOption access;

  @Option(
      names = "--rules",
      paramLabel = "FILE",
      description = "A rule table laid over the defaults (default: the defaults alone).")
  Path rules;

  @Option(
      names = "--state-dir",
      description = "Where the topology keeps its state stores (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Override
  public Integer call() throws InterruptedException {
    final ServiceConfig settings;
    try {
      settings =
          ServiceConfig.from(
              KeyTable.settings(
                  ServiceConfig.DEFAULTS,
                  Optional.ofNullable(config),
                  System.getenv(),
                  KeyTable.given(spec.commandLine(), KEYS_BY_OPTION),
                  System.getProperty(KafkaClientConfig.SETTING, "")));
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

  /** The defaults the help shows: the service's key table, for the options that set a key. */
  static final class KeyTableDefaults extends KeyTable.Defaults {

    KeyTableDefaults() {
      super(KEYS_BY_OPTION, ServiceConfig.DEFAULTS);
    }
  }
}
