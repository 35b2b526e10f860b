package org.casewatch.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.casewatch.service.CasewatchService;
import org.casewatch.service.ServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the coordinator service until interrupted (Ctrl-C or SIGTERM close it gracefully). */
@Command(name = "service", mixinStandardHelpOptions = true,
    description = "Run the coordinator service: live topology, query API, alert stream, dashboard, health, metrics.")
final class ServiceCommand implements Callable<Integer> {

  @Option(names = "--config", description = "A properties file with casewatch.* settings; environment variables "
      + "(CASEWATCH_HTTP_PORT, ...) override it. Every key and its default is in the README.")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    final ServiceConfig settings;
    try {
      settings = ServiceConfig.load(Optional.ofNullable(config), System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    final CountDownLatch stopped = new CountDownLatch(1);
    final CasewatchService service = CasewatchService.start(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, "service-shutdown"));
    System.out.println("casewatch service on " + settings.security().scheme() + "://localhost:" + service.port()
        + "/ (Ctrl-C stops it)");
    stopped.await();
    return 0;
  }
}
