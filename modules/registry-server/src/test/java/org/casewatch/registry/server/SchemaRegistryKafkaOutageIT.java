package org.casewatch.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.casewatch.model.CaseEvent;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.registry.client.RegistryUnreachableException;
import org.casewatch.registry.client.SchemaRegistryClient;
import org.casewatch.testkit.kafka.KafkaBroker;
import org.junit.jupiter.api.Test;

/**
 * The embedded registry while Kafka is gone: a schema it knows is still answered, and new
 * registrations fail within the registry's timeout each, however many arrive together, instead of
 * queueing behind each other (a queue of requests whose clients had given up kept the registry from
 * registering anything for as long as a broker was down in the fault runs of issue 14). Uses a
 * broker of its own, since it stops it.
 */
class SchemaRegistryKafkaOutageIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final int TOGETHER = 6;

  @Test
  void knownSchemasAreAnsweredAndNewOnesFailWithinTheTimeoutEach() throws Exception {
    try (KafkaBroker broker = KafkaBroker.start();
        EmbeddedSchemaRegistry registry =
            EmbeddedSchemaRegistry.start(
                EmbeddedRegistryConfig.of(broker.bootstrapServers())
                    .withHost("localhost")
                    .withPort(0)
                    .withTimeout(TIMEOUT))) {
      final SchemaRegistryClient client =
          new HttpSchemaRegistryClient(
              RegistryClientConfig.of(registry.url())
                  .withMaxRetries(0)
                  .withRequestTimeout(Duration.ofSeconds(60)));
      final int known = client.register("casewatch.events.kz-value", CaseEvent.getClassSchema());

      broker.stopBroker();

      final SchemaRegistryClient another =
          new HttpSchemaRegistryClient(
              RegistryClientConfig.of(registry.url())
                  .withMaxRetries(0)
                  .withRequestTimeout(Duration.ofSeconds(60)));
      final ExecutorService clients = Executors.newFixedThreadPool(TOGETHER);
      try {
        final List<Future<Duration>> answers = new ArrayList<>();
        for (int i = 0; i < TOGETHER; i++) {
          final Schema schema =
              SchemaBuilder.record("Probe" + i)
                  .namespace("org.casewatch.test")
                  .fields()
                  .requiredString("id")
                  .endRecord();
          final String subject = "probe-" + i + "-value";
          answers.add(
              clients.submit(
                  () -> {
                    final long start = System.nanoTime();
                    assertThatThrownBy(() -> another.register(subject, schema))
                        .isInstanceOf(RegistryUnreachableException.class);
                    return Duration.ofNanos(System.nanoTime() - start);
                  }));
        }
        for (final Future<Duration> answer : answers) {
          assertThat(answer.get())
              .as("the wait of one of %d registrations sent together", TOGETHER)
              .isLessThan(TIMEOUT.multipliedBy(3));
        }
      } finally {
        clients.shutdownNow();
      }
      assertThat(another.register("casewatch.events.kz-value", CaseEvent.getClassSchema()))
          .as("a registration it already has, with Kafka down")
          .isEqualTo(known);
    }
  }
}
