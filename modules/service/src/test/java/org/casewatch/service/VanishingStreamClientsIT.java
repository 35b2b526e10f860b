package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: alert stream clients that go away without a goodbye, and a service that stops under
 * open streams, end each stream once: no stack trace logged over and over (a 1.4 GB test log of the
 * same NullPointerException), no reader thread, Kafka consumer or stream place left behind.
 */
@WithCasewatchKafka
class VanishingStreamClientsIT {

  private static final int CLIENTS = 200;

  private final CasewatchCluster cluster;

  VanishingStreamClientsIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void twoHundredClientsThatVanishWhileAlertsFlowLeaveNothingBehindAndNoRepeatedStackTrace()
      throws Exception {
    final ServiceFixture fixture = new ServiceFixture(cluster);
    final Set<Thread> readersBefore = alertStreamThreads();
    try (CasewatchService service = CasewatchService.start(fixture.config("a", roomFor(CLIENTS)));
        LogCapture log = LogCapture.attach();
        AlertFlow alerts = new AlertFlow(cluster, fixture.alertsTopic())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> service.state() == KafkaStreams.State.RUNNING);
      final long baseline = usedHeapAfterGc();

      final List<RawStreamClient> clients = connect(service, fixture);
      await().atMost(Duration.ofSeconds(120)).until(() -> service.openAlertStreams() == CLIENTS);
      alerts.every(Duration.ofMillis(20));
      // Half reset their connection, half close it plainly; neither says goodbye at the HTTP level.
      for (int i = 0; i < clients.size(); i++) {
        if (i % 2 == 0) {
          clients.get(i).vanish();
        } else {
          clients.get(i).close();
        }
      }

      // The next alert written to each dead connection ends its stream.
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertThat(service.openAlertStreams())
                    .as("alert streams with an open Kafka consumer")
                    .isZero();
                assertThat(service.admittedAlertStreams())
                    .as("alert streams holding a place under the caps")
                    .isZero();
                assertThat(newThreads(readersBefore))
                    .as("alert stream reader threads still alive")
                    .isEmpty();
              });
      assertThat(alerts.sent()).as("alerts flowed while the clients went away").isPositive();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(usedHeapAfterGc())
                      .as(
                          "heap used after GC, against %d MB before the clients came",
                          baseline >> 20)
                      .isLessThan(baseline + (64L << 20)));
      assertNoStackTraceRepeated(log);
      // The service still serves a new stream.
      try (RawStreamClient late =
          RawStreamClient.connect(service.port(), fixture.coordinatorToken(), 0)) {
        assertThat(late.statusLine()).contains("200");
      }
    }
  }

  @Test
  void aServiceStoppingUnderTwoHundredOpenStreamsEndsEachOnceAndLeavesNoReader() throws Exception {
    final ServiceFixture fixture = new ServiceFixture(cluster);
    final Set<Thread> readersBefore = alertStreamThreads();
    final List<RawStreamClient> clients;
    try (LogCapture log = LogCapture.attach();
        AlertFlow alerts = new AlertFlow(cluster, fixture.alertsTopic())) {
      try (CasewatchService service =
          CasewatchService.start(fixture.config("a", roomFor(CLIENTS)))) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> service.state() == KafkaStreams.State.RUNNING);
        clients = connect(service, fixture);
        await().atMost(Duration.ofSeconds(120)).until(() -> service.openAlertStreams() == CLIENTS);
        alerts.every(Duration.ofMillis(5));
        final int flowing = alerts.sent();
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.sent() > flowing + 50);
      }
      // Stopped while its readers were writing: each stream ended once, and quietly.
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(newThreads(readersBefore))
                      .as("alert stream reader threads still alive")
                      .isEmpty());
      assertNoStackTraceRepeated(log);
    }
    for (final RawStreamClient client : clients) {
      client.close();
    }
  }

  private static Map<String, String> roomFor(final int clients) {
    return Map.of(
        "casewatch.stream.max.clients",
        Integer.toString(clients + 8),
        "casewatch.stream.max.clients.per.token",
        Integer.toString(clients + 8));
  }

  private static List<RawStreamClient> connect(
      final CasewatchService service, final ServiceFixture fixture) throws Exception {
    final List<RawStreamClient> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      final RawStreamClient client =
          RawStreamClient.connect(service.port(), fixture.coordinatorToken(), 0);
      assertThat(client.statusLine()).as("stream %d opened", i).contains("200");
      clients.add(client);
    }
    return clients;
  }

  private static void assertNoStackTraceRepeated(final LogCapture log) {
    assertThat(log.repeatedStacks())
        .as(
            "stack traces logged more than once (of %d events logged; first ones: %s)",
            log.eventCount(), log.samples())
        .isEmpty();
    // Nor the same complaint over and over without a stack (Javalin's "SseClient has been
    // terminated", once per alert).
    for (final String component : List.of("io.javalin", "org.eclipse.jetty", "org.casewatch")) {
      assertThat(log.repeatedMessages(component))
          .as("messages from %s logged more than once", component)
          .isEmpty();
    }
  }

  private static Set<Thread> alertStreamThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("alert-stream-") && thread.isAlive())
        .collect(Collectors.toSet());
  }

  private static List<String> newThreads(final Set<Thread> before) {
    return alertStreamThreads().stream()
        .filter(thread -> !before.contains(thread))
        .map(thread -> thread.getName() + " " + thread.getState())
        .toList();
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
