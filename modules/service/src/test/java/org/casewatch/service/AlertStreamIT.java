package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.casewatch.json.AvroJson;
import org.casewatch.model.Alert;
import org.casewatch.model.ReprisalKind;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.HttpTestClient;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.Test;

/**
 * The live alert stream: a new alert within 2 s of its event; a reconnect resumes exactly where it
 * left off.
 */
@WithCasewatchKafka
class AlertStreamIT {

  private final CasewatchCluster cluster;

  AlertStreamIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  /** One SSE connection, read on a thread of its own. */
  static final class SseConnection implements AutoCloseable {
    record Event(String id, JsonNode data, long receivedNanos) {}

    final List<Event> events = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile BufferedReader lines;
    private volatile InputStream body;

    SseConnection(final int port, final String token, final String lastEventId) {
      final HttpTestClient client = HttpTestClient.localhost(port).as(token);
      reader = new Thread(() -> read(client, lastEventId), "sse-test-client");
      reader.setDaemon(true);
      reader.start();
    }

    private void read(final HttpTestClient client, final String lastEventId) {
      try {
        body =
            client
                .open(
                    "/v1/alerts/stream",
                    "Accept",
                    "text/event-stream",
                    "Last-Event-ID",
                    lastEventId)
                .body();
        lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String id = null;
        String data = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith("id:")) {
            id = line.substring(3).trim();
          } else if (line.startsWith("data:")) {
            data = line.substring(5).trim();
          } else if (line.isEmpty() && data != null) {
            events.add(new Event(id, ServiceFixture.JSON.readTree(data), System.nanoTime()));
            data = null;
          }
        }
      } catch (IOException | UncheckedIOException e) {
        // the test closed the connection
      } catch (IllegalStateException e) {
        if (!Thread.currentThread().isInterrupted()) {
          throw e;
        }
        // the test closed the connection before the stream opened
      }
    }

    boolean connected() {
      return lines != null;
    }

    @Override
    public void close() throws IOException {
      // Closing the response body (not the reader, whose lock readLine holds) ends the connection.
      if (body != null) {
        body.close();
      }
      reader.interrupt();
    }
  }

  /**
   * The alerts in {@code topic} after the positions of an SSE event id, read with read_committed.
   */
  private List<JsonNode> alertsAfter(final String topic, final String lastEventId) {
    final Map<String, Object> config = cluster.consumerConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    final List<JsonNode> alerts = new ArrayList<>();
    try (KafkaConsumer<String, Alert> consumer =
        new KafkaConsumer<>(
            config,
            new StringDeserializer(),
            AvroDeserializer.specific(cluster.registryClient(), Alert.class))) {
      final Map<TopicPartition, Long> from = new HashMap<>();
      for (final String pair : lastEventId.split(",")) {
        final String[] parts = pair.split(":");
        from.put(new TopicPartition(topic, Integer.parseInt(parts[0])), Long.parseLong(parts[1]));
      }
      consumer.assign(from.keySet());
      from.forEach(consumer::seek);
      final Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
      while (from.keySet().stream()
          .anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
        consumer
            .poll(Duration.ofMillis(100))
            .forEach(record -> alerts.add(AvroJson.toJson(record.value())));
      }
    }
    return alerts;
  }

  private static List<String> idsAndStatuses(final List<JsonNode> alerts) {
    return alerts.stream()
        .map(alert -> alert.path("alertId").asText() + " " + alert.path("status").asText())
        .sorted()
        .toList();
  }

  @Test
  void aNewAlertArrivesWithinTwoSecondsAndAReconnectGetsExactlyWhatItMissed() throws Exception {
    final ServiceFixture fixture = new ServiceFixture(cluster);
    try (CasewatchService service = CasewatchService.start(fixture.config("a"))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> service.state() == KafkaStreams.State.RUNNING);
      fixture.publish(List.of(aCase("KG-2016-0101").complaintFiled(on("2016-03-01"))));
      final String resumeFrom;
      try (SseConnection first =
          new SseConnection(service.port(), fixture.coordinatorToken(), null)) {
        await().atMost(Duration.ofSeconds(10)).until(first::connected);
        // The complaint's own STALLED_COMPLAINT alert may arrive first; wait for the stream to
        // settle.
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> fixture.get(service, "/v1/cases/KG-2016-0101").status() == 200);

        final long published = System.nanoTime();
        fixture.publish(
            List.of(
                aCase("KG-2016-0101")
                    .reprisal(on("2016-03-09"), ReprisalKind.PRESSURE_TO_WITHDRAW)));

        await()
            .atMost(Duration.ofSeconds(2))
            .until(
                () ->
                    first.events.stream()
                        .anyMatch(
                            event -> event.data().path("rule").asText().equals("RETALIATION")));
        final SseConnection.Event retaliation =
            first.events.stream()
                .filter(event -> event.data().path("rule").asText().equals("RETALIATION"))
                .findFirst()
                .orElseThrow();
        System.out.printf(
            "alert stream: RETALIATION seen %d ms after its event was published%n",
            (retaliation.receivedNanos() - published) / 1_000_000);
        resumeFrom = first.events.get(first.events.size() - 1).id();
      }

      fixture.publish(
          List.of(
              aCase("KG-2016-0101").reprisal(on("2016-03-20"), ReprisalKind.DETENTION),
              aCase("KG-2016-0102").complaintFiled(on("2016-03-01")),
              aCase("KG-2016-0102")
                  .reprisal(on("2016-03-05"), ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES)));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  fixture.get(service, "/v1/alerts?rule=RETALIATION").json().path("alerts").size()
                      == 3);

      try (SseConnection resumed =
          new SseConnection(service.port(), fixture.coordinatorToken(), resumeFrom)) {
        await().atMost(Duration.ofSeconds(10)).until(() -> resumed.events.size() >= 2);
        // Exactly what the topic holds after the resume position: no gap, no repeat.
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(
                            idsAndStatuses(
                                resumed.events.stream().map(SseConnection.Event::data).toList()))
                        .isEqualTo(idsAndStatuses(alertsAfter(fixture.alertsTopic(), resumeFrom))));
        assertThat(resumed.events)
            .extracting(
                event ->
                    event.data().path("caseId").asText() + " " + event.data().path("rule").asText())
            .contains("KG-2016-0101 RETALIATION", "KG-2016-0102 RETALIATION")
            .doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void aStreamResumingFromBeforeARecordThatIsNotAnAlertGetsPastIt() throws Exception {
    final ServiceFixture fixture = new ServiceFixture(cluster);
    // Not an alert: a stray producer's bytes on partition 0, before the instance (and its feed)
    // started.
    cluster.produce(
        List.of(
            new ProducerRecord<>(fixture.alertsTopic(), 0, "KZ-2016-0301", "not Avro".getBytes())),
        new ByteArraySerializer());
    // A case whose alerts go to partition 0 too, after those bytes.
    final String caseId =
        IntStream.range(300, 400)
            .mapToObj(n -> "KZ-2016-0" + n)
            .filter(
                id -> Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % 3 == 0)
            .findFirst()
            .orElseThrow();
    try (CasewatchService service = CasewatchService.start(fixture.config("a"))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> service.state() == KafkaStreams.State.RUNNING);
      fixture.publish(
          List.of(
              aCase(caseId).complaintFiled(on("2016-03-01")),
              aCase(caseId).reprisal(on("2016-03-09"), ReprisalKind.PRESSURE_TO_WITHDRAW)));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  fixture.get(service, "/v1/alerts?rule=RETALIATION").json().path("alerts").size()
                      == 1);

      // From the start of partition 0: the feed started past it, so the stream first reads from
      // there with a consumer of its own, and meets those bytes before the alert.
      try (SseConnection resumed =
          new SseConnection(service.port(), fixture.coordinatorToken(), "0:0,1:0,2:0")) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    resumed.events.stream()
                        .anyMatch(
                            event -> event.data().path("rule").asText().equals("RETALIATION")));
      }
    }
  }

  @Test
  void everyStreamIsFedByOneConsumerAndStreamsResumingFromBeforeTheInstanceStartedCatchUpAndJoinIt()
      throws Exception {
    final ServiceFixture fixture = new ServiceFixture(cluster);
    // The default settling (30 s): the streams compared below are sent only the reprisals' alerts,
    // none of the overdue complaints' while the comparison runs.
    final Map<String, String> manyStreams =
        Map.of(
            "casewatch.stream.max.clients.per.token", "30", "casewatch.live.settle.seconds", "30");
    final String lastSeen;
    try (CasewatchService service = CasewatchService.start(fixture.config("a", manyStreams))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> service.state() == KafkaStreams.State.RUNNING);
      try (SseConnection first =
          new SseConnection(service.port(), fixture.coordinatorToken(), null)) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> first.connected() && service.alertStreamConsumers() == 1);
        fixture.publish(
            List.of(
                aCase("TJ-2016-0201").complaintFiled(on("2016-03-01")),
                aCase("TJ-2016-0201")
                    .reprisal(on("2016-03-09"), ReprisalKind.PRESSURE_TO_WITHDRAW)));
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    first.events.stream()
                        .anyMatch(
                            event -> event.data().path("rule").asText().equals("RETALIATION")));
        // A stream without Last-Event-ID starts from now, not with the alerts the feed holds for
        // resumes.
        try (SseConnection late =
            new SseConnection(service.port(), fixture.coordinatorToken(), null)) {
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> late.connected() && service.openAlertStreams() == 2);
          fixture.publish(
              List.of(
                  aCase("TJ-2016-0202").complaintFiled(on("2016-03-01")),
                  aCase("TJ-2016-0202").reprisal(on("2016-03-12"), ReprisalKind.DETENTION)));
          for (final SseConnection stream : List.of(first, late)) {
            await()
                .atMost(Duration.ofSeconds(20))
                .until(
                    () ->
                        stream.events.stream()
                            .anyMatch(
                                event ->
                                    event.data().path("caseId").asText().equals("TJ-2016-0202")
                                        && event
                                            .data()
                                            .path("rule")
                                            .asText()
                                            .equals("RETALIATION")));
          }
          assertThat(late.events)
              .noneMatch(
                  event ->
                      event.data().path("caseId").asText().equals("TJ-2016-0201")
                          && event.data().path("rule").asText().equals("RETALIATION"));
        }
        lastSeen = first.events.get(first.events.size() - 1).id();
      }
    }
    // The next instance's feed starts at the end of the topic: these two must read up to it first.
    try (CasewatchService service = CasewatchService.start(fixture.config("a", manyStreams))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> service.state() == KafkaStreams.State.RUNNING);
      final String fromTheStart = fromTheStart(fixture.alertsTopic());
      final List<SseConnection> streams = new ArrayList<>();
      try {
        final SseConnection resumed =
            new SseConnection(service.port(), fixture.coordinatorToken(), lastSeen);
        final SseConnection fromStart =
            new SseConnection(service.port(), fixture.coordinatorToken(), fromTheStart);
        streams.add(resumed);
        streams.add(fromStart);
        for (int i = 0; i < 24; i++) {
          streams.add(new SseConnection(service.port(), fixture.coordinatorToken(), null));
        }
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  assertThat(service.openAlertStreams()).isEqualTo(26);
                  assertThat(service.alertStreamConsumers()).isEqualTo(1);
                });

        fixture.publish(
            List.of(aCase("TJ-2016-0201").reprisal(on("2016-03-20"), ReprisalKind.DETENTION)));
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    fixture.get(service, "/v1/alerts?rule=RETALIATION").json().path("alerts").size()
                        == 3);
        // Each resumed stream got exactly what the topic holds after its position, once each.
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () -> {
                  assertThat(
                          idsAndStatuses(
                              fromStart.events.stream().map(SseConnection.Event::data).toList()))
                      .isEqualTo(idsAndStatuses(alertsAfter(fixture.alertsTopic(), fromTheStart)));
                  assertThat(
                          idsAndStatuses(
                              resumed.events.stream().map(SseConnection.Event::data).toList()))
                      .isEqualTo(idsAndStatuses(alertsAfter(fixture.alertsTopic(), lastSeen)));
                });
        final List<String> all =
            idsAndStatuses(fromStart.events.stream().map(SseConnection.Event::data).toList());
        for (final SseConnection stream : streams.subList(2, streams.size())) {
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () ->
                      stream.events.stream()
                          .anyMatch(
                              event ->
                                  event.data().path("rule").asText().equals("RETALIATION")
                                      && event
                                          .data()
                                          .path("at")
                                          .asText()
                                          .startsWith("2016-03-20")));
          final List<String> received =
              idsAndStatuses(stream.events.stream().map(SseConnection.Event::data).toList());
          assertThat(received).doesNotHaveDuplicates();
          assertThat(all).containsAll(received);
          // A stream without Last-Event-ID starts from now: not with the alerts held for resumes.
          assertThat(stream.events)
              .noneMatch(event -> event.data().path("at").asText().startsWith("2016-03-09"));
        }
        // Each stream's last id resumes after everything it was sent, whichever way it was fed.
        for (final SseConnection stream : streams) {
          assertThat(
                  alertsAfter(
                      fixture.alertsTopic(), stream.events.get(stream.events.size() - 1).id()))
              .isEmpty();
        }
      } finally {
        for (final SseConnection stream : streams) {
          stream.close();
        }
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> service.openAlertStreams() == 0);
      assertThat(service.alertStreamConsumers()).isEqualTo(1);
    }
  }

  /** An SSE id that resumes from the first alert of every partition of {@code topic}. */
  private String fromTheStart(final String topic) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            cluster.consumerConfig(), new StringDeserializer(), new StringDeserializer())) {
      final Map<Integer, Long> start = new TreeMap<>();
      consumer.partitionsFor(topic).forEach(info -> start.put(info.partition(), 0L));
      return AlertStream.encode(start);
    }
  }
}
