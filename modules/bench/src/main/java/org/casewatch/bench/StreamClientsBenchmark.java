package org.casewatch.bench;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.core.ConditionTimeoutException;
import org.casewatch.access.AccessFile;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.Topics;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.registry.serde.AvroSerializer;
import org.casewatch.registry.server.EmbeddedSchemaRegistry;
import org.casewatch.service.CasewatchService;
import org.casewatch.testkit.CaseEvents;
import org.casewatch.testkit.kafka.KafkaBroker;

/**
 * Many concurrent SSE clients on one service instance: {@code clients} streams open, then a
 * reprisal every 200 ms for the measured time; for each alert and each client, the time from the
 * event's acknowledgement by the broker to the alert read by that client. Prints percentiles over
 * all deliveries, the slowest client's, and the heap in use; asserts nothing.
 *
 * <p>Run (see docs/performance.md for the class path): {@code java -cp ...
 * org.casewatch.bench.StreamClientsBenchmark 1000 30} (clients, measured seconds).
 */
public final class StreamClientsBenchmark {

  public static void main(final String[] args) throws Exception {
    final int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    final Path dir = Files.createTempDirectory("casewatch-bench-streams");
    try (KafkaBroker broker = KafkaBroker.start()) {
      ServiceTopics.create(broker.bootstrapServers());
      final Path access = dir.resolve("coalitions.yaml");
      final String coordinator = AccessFile.addCoordinatorToken(access, "regional-desk").token();
      try (EmbeddedSchemaRegistry registry = ServiceTopics.registry(broker.bootstrapServers());
          CasewatchService service =
              CasewatchService.start(
                  ServiceTopics.serviceConfig(
                      broker.bootstrapServers(),
                      registry.url(),
                      access,
                      dir,
                      Map.of(
                          "casewatch.stream.max.clients",
                          Integer.toString(clients),
                          "casewatch.stream.max.clients.per.token",
                          Integer.toString(clients))));
          KafkaProducer<String, CaseEvent> producer = producer(broker, registry)) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> service.state() == KafkaStreams.State.RUNNING);
        final URI stream = URI.create("http://localhost:" + service.port() + "/v1/alerts/stream");
        final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        final Map<String, Long> published = new ConcurrentHashMap<>();
        final List<Long> deliveries = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, Long> slowest = new ConcurrentHashMap<>();
        final AtomicInteger connected = new AtomicInteger();
        final long openBegan = System.nanoTime();
        for (int i = 0; i < clients; i++) {
          final int client = i;
          final Thread reader =
              new Thread(
                  () ->
                      read(
                          http,
                          stream,
                          coordinator,
                          connected,
                          line -> {
                            final long now = System.nanoTime();
                            final int at = line.indexOf("\"caseId\":\"");
                            if (at >= 0 && line.contains("\"rule\":\"RETALIATION\"")) {
                              final String caseId =
                                  line.substring(at + 10, line.indexOf('"', at + 10));
                              final Long sent = published.get(caseId);
                              if (sent != null) {
                                deliveries.add(now - sent);
                                slowest.merge(client, now - sent, Math::max);
                              }
                            }
                          }),
                  "bench-stream-" + i);
          reader.setDaemon(true);
          reader.start();
        }
        await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> connected.get() == clients);
        System.out.printf(
            "%,d streams open in %.1f s%n", clients, (System.nanoTime() - openBegan) / 1e9);
        final int alerts = seconds * 5;
        final Instant day = CaseEvents.on("2016-03-01");
        final AtomicInteger sent = new AtomicInteger();
        final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        final ScheduledFuture<?> pacing =
            pace.scheduleAtFixedRate(
                () -> {
                  final int n = sent.incrementAndGet();
                  if (n > alerts) {
                    return;
                  }
                  final String caseId = "KZ-2016-" + n;
                  final CaseEvents.CaseBuilder kase = CaseEvents.aCase(caseId);
                  final CaseEvent complaint = kase.complaintFiled(day);
                  final String topic = Topics.events(complaint.getCountry());
                  try {
                    producer.send(new ProducerRecord<>(topic, caseId, complaint)).get();
                    producer
                        .send(
                            new ProducerRecord<>(
                                topic,
                                caseId,
                                kase.reprisal(
                                    day.plus(Duration.ofDays(8)), ReprisalKind.DETENTION)))
                        .get();
                    published.put(caseId, System.nanoTime());
                  } catch (Exception e) {
                    System.out.println("publishing failed: " + e);
                  }
                },
                0,
                200,
                TimeUnit.MILLISECONDS);
        await()
            .atMost(Duration.ofSeconds(seconds + 30L))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> sent.get() > alerts);
        pacing.cancel(false);
        pace.shutdown();
        final long expected = (long) alerts * clients;
        try {
          await()
              .atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofMillis(200))
              .until(() -> deliveries.size() >= expected);
        } catch (ConditionTimeoutException e) {
          System.out.printf(
              "only %,d of %,d deliveries came within 2 minutes%n", deliveries.size(), expected);
        }
        final List<Long> sorted = new ArrayList<>(deliveries);
        Collections.sort(sorted);
        final List<Long> worst = new ArrayList<>(slowest.values());
        Collections.sort(worst);
        final Runtime runtime = Runtime.getRuntime();
        System.out.printf(
            "%,d alerts x %,d streams = %,d deliveries: event acknowledged -> alert read, p50 %.0f"
                + " ms, p99 %.0f ms, max %.0f ms; the slowest stream's worst %.0f ms; heap in use"
                + " %,d MB (service, broker and clients in one JVM); %d live threads; %d cores%n",
            alerts,
            clients,
            sorted.size(),
            at(sorted, 0.5),
            at(sorted, 0.99),
            sorted.get(sorted.size() - 1) / 1e6,
            worst.get(worst.size() - 1) / 1e6,
            (runtime.totalMemory() - runtime.freeMemory()) >> 20,
            Thread.activeCount(),
            runtime.availableProcessors());
      }
    }
  }

  private interface Lines {
    void line(String line);
  }

  private static void read(
      final HttpClient http,
      final URI stream,
      final String token,
      final AtomicInteger connected,
      final Lines lines) {
    try {
      final HttpResponse<InputStream> response =
          http.send(
              HttpRequest.newBuilder(stream)
                  .header("Authorization", "Bearer " + token)
                  .header("Accept", "text/event-stream")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        System.out.println("stream answered " + response.statusCode());
        return;
      }
      connected.incrementAndGet();
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.line(line);
        }
      }
    } catch (Exception e) {
      if (!Thread.currentThread().isInterrupted()) {
        System.out.println("stream ended: " + e);
      }
    }
  }

  private static KafkaProducer<String, CaseEvent> producer(
      final KafkaBroker broker, final EmbeddedSchemaRegistry registry) {
    final Map<String, Object> settings = new HashMap<>();
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    return new KafkaProducer<>(
        settings,
        new StringSerializer(),
        new AvroSerializer<>(
            new HttpSchemaRegistryClient(RegistryClientConfig.of(registry.url())), true, false));
  }

  private static double at(final List<Long> sorted, final double quantile) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1))
        / 1e6;
  }
}
