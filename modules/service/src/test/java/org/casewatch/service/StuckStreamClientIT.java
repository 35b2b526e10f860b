package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.Test;

/**
 * A stream client that connects and then never reads (a frozen tab, a stalled proxy) fills its TCP
 * window and blocks the server's writes to it. That must cost only its own stream: other clients
 * still get new alerts at once, the topology keeps processing, and the blocked write gives up after
 * the stream write timeout, which ends the stream and frees its place.
 */
@WithCasewatchKafka
class StuckStreamClientIT {

  /**
   * Alerts of 50 KB: 16 MB in all, more than a socket's buffers on both ends hold for a client that
   * does not read.
   */
  private static final int BURST = 320;

  private static final int ALERT_BYTES = 50_000;

  private final CasewatchCluster cluster;

  StuckStreamClientIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void aClientThatNeverReadsSlowsNeitherTheOtherClientsNorTheTopology() throws Exception {
    final ServiceFixture fixture = new ServiceFixture(cluster);
    // A write timeout longer than the test: the stuck client stays stuck throughout.
    try (CasewatchService service =
            CasewatchService.start(
                fixture.config("a", Map.of("casewatch.stream.write.timeout.seconds", "3600")));
        AlertFlow alerts = new AlertFlow(cluster, fixture.alertsTopic());
        RawStreamClient stuck =
            RawStreamClient.connect(service.port(), fixture.coordinatorToken(), 4096);
        AlertStreamIT.SseConnection reading =
            new AlertStreamIT.SseConnection(service.port(), fixture.coordinatorToken(), null)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> service.state() == KafkaStreams.State.RUNNING);
      assertThat(stuck.statusLine()).contains("200");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> reading.connected() && service.openAlertStreams() == 2);

      blockTheStuckClient(alerts, reading);

      // Another client still gets a new alert at once.
      final long published = System.nanoTime();
      alerts.send(AlertFlow.alert("marker-1", "after the burst"));
      await().atMost(Duration.ofSeconds(2)).until(() -> received(reading, "marker-1"));
      System.out.printf(
          "alert stream: with a stuck client, a new alert reached another client in %d ms%n",
          (System.nanoTime() - published) / 1_000_000);
      // The topology keeps processing: a new case is in the figures.
      fixture.publish(List.of(aCase("KZ-2016-0777").complaintFiled(on("2016-03-01"))));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> fixture.get(service, "/v1/cases/KZ-2016-0777").status() == 200);
      assertThat(service.admittedAlertStreams())
          .as("the stuck client's stream is still open, blocked")
          .isEqualTo(2);

      // When the stuck client finally goes, the blocked write fails and its stream ends.
      stuck.vanish();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(service.admittedAlertStreams()).isEqualTo(1);
                assertThat(service.openAlertStreams()).isEqualTo(1);
              });
    }
  }

  @Test
  void aWriteBlockedByAClientThatNeverReadsGivesUpAfterTheWriteTimeoutAndFreesItsPlace()
      throws Exception {
    final ServiceFixture fixture = new ServiceFixture(cluster);
    try (CasewatchService service =
            CasewatchService.start(
                fixture.config(
                    "a",
                    Map.of(
                        "casewatch.stream.write.timeout.seconds",
                        "2",
                        "casewatch.stream.max.clients",
                        "2")));
        LogCapture log = LogCapture.attach();
        AlertFlow alerts = new AlertFlow(cluster, fixture.alertsTopic());
        RawStreamClient stuck =
            RawStreamClient.connect(service.port(), fixture.coordinatorToken(), 4096);
        AlertStreamIT.SseConnection reading =
            new AlertStreamIT.SseConnection(service.port(), fixture.coordinatorToken(), null)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> service.state() == KafkaStreams.State.RUNNING);
      assertThat(stuck.statusLine()).contains("200");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> reading.connected() && service.openAlertStreams() == 2);
      try (RawStreamClient third =
          RawStreamClient.connect(service.port(), fixture.coordinatorToken(), 0)) {
        assertThat(third.statusLine()).as("both places taken").contains("429");
      }

      blockTheStuckClient(alerts, reading);

      // The stuck client is still connected, but its stream ended and gave its place back (well
      // before the connection's own idle timeout of 30 s would have).
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> {
                assertThat(service.admittedAlertStreams()).isEqualTo(1);
                assertThat(service.openAlertStreams()).isEqualTo(1);
              });
      try (RawStreamClient next =
          RawStreamClient.connect(service.port(), fixture.coordinatorToken(), 0)) {
        assertThat(next.statusLine()).as("the freed place").contains("200");
      }
      alerts.send(AlertFlow.alert("marker-2", "after the stuck stream ended"));
      await().atMost(Duration.ofSeconds(2)).until(() -> received(reading, "marker-2"));
      assertThat(log.repeatedStacks())
          .as("stack traces logged more than once (first events: %s)", log.samples())
          .isEmpty();
    }
  }

  /** Sends more than the stuck client's connection can hold; the reading client gets it all. */
  private static void blockTheStuckClient(
      final AlertFlow alerts, final AlertStreamIT.SseConnection reading) {
    alerts.burst(BURST, ALERT_BYTES);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                reading.events.stream()
                        .filter(event -> event.data().path("alertId").asText().startsWith("burst-"))
                        .count()
                    == BURST);
  }

  private static boolean received(final AlertStreamIT.SseConnection reading, final String alertId) {
    return reading.events.stream()
        .anyMatch(event -> event.data().path("alertId").asText().equals(alertId));
  }
}
