package org.casewatch.faults;

import java.util.concurrent.CountDownLatch;
import org.casewatch.registry.server.EmbeddedRegistryConfig;
import org.casewatch.registry.server.EmbeddedSchemaRegistry;

/** The embedded schema registry as a process of its own: {@code RegistryMain BOOTSTRAP PORT}. */
public final class RegistryMain {

  private RegistryMain() {}

  public static void main(final String[] args) throws InterruptedException {
    final EmbeddedSchemaRegistry registry =
        EmbeddedSchemaRegistry.start(
            EmbeddedRegistryConfig.of(args[0])
                .withHost("localhost")
                .withPort(Integer.parseInt(args[1])));
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  registry.close();
                  stopped.countDown();
                },
                "registry-shutdown"));
    stopped.await();
  }
}
