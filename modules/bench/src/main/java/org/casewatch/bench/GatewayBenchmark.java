package org.casewatch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.casewatch.access.AccessFile;
import org.casewatch.gateway.GatewayConfig;
import org.casewatch.gateway.GatewayServer;
import org.casewatch.gateway.RateLimit;
import org.casewatch.model.Country;
import org.casewatch.model.Topics;
import org.casewatch.registry.server.EmbeddedSchemaRegistry;
import org.casewatch.testkit.kafka.KafkaBroker;

/**
 * Gateway throughput for batches of 500 events on this machine: a real broker and registry in this
 * JVM, the gateway on real HTTP, clients posting batches concurrently. Prints events/s and batch
 * latencies; it asserts nothing (speed targets are not tests).
 *
 * <p>Run: {@code mvn -q -pl modules/bench -am install -DskipTests && mvn -q -pl modules/bench
 * exec:java -Dexec.args="200000 4"} (events, concurrent clients).
 */
public final class GatewayBenchmark {

  private static final int BATCH = 500;

  public static void main(final String[] args) throws Exception {
    final int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    final int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    final Path dir = Files.createTempDirectory("casewatch-bench");
    try (KafkaBroker broker = KafkaBroker.start()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        final String kazakhEvents = Topics.events(Country.KZ);
        admin
            .createTopics(
                List.of(
                    new NewTopic(kazakhEvents, 6, (short) 1)
                        .configs(Topics.settingsOf(kazakhEvents))))
            .all()
            .get();
      }
      final Path coalitions = dir.resolve("coalitions.yaml");
      final String token =
          AccessFile.addToken(coalitions, "kz-coalition", Optional.of(Country.KZ)).token();
      try (EmbeddedSchemaRegistry registry = ServiceTopics.registry(broker.bootstrapServers());
          GatewayServer gateway =
              GatewayServer.start(
                  GatewayConfig.defaults()
                      .withPort(0)
                      .withKafka(broker.bootstrapServers(), registry.url())
                      .withAccessFile(coalitions)
                      // Measures the gateway itself: one coalition at full speed, not its rate
                      // limit.
                      .withRateLimit(RateLimit.unlimited()))) {
        final URI endpoint = URI.create("http://localhost:" + gateway.port() + "/v1/events");
        final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        final AtomicInteger batchNumber = new AtomicInteger();
        final int warmUp = 20;
        for (int i = 0; i < warmUp; i++) {
          post(http, endpoint, token, batch(batchNumber.getAndIncrement()));
        }
        final int batches = events / BATCH;
        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        final ExecutorService pool = Executors.newFixedThreadPool(clients);
        final long began = System.nanoTime();
        final List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          work.add(
              pool.submit(
                  () -> {
                    for (int n = batchNumber.getAndIncrement();
                        n < warmUp + batches;
                        n = batchNumber.getAndIncrement()) {
                      final long start = System.nanoTime();
                      post(http, endpoint, token, batch(n));
                      latencies.add(System.nanoTime() - start);
                    }
                    return null;
                  }));
        }
        for (final Future<?> done : work) {
          done.get();
        }
        final double seconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        Collections.sort(latencies);
        System.out.printf(
            "gateway: %d events in %d batches of %d, %d clients, %.1f s: %.0f events/s; "
                + "batch latency p50 %.0f ms, p99 %.0f ms (%d cores)%n",
            batches * BATCH,
            batches,
            BATCH,
            clients,
            seconds,
            batches * BATCH / seconds,
            latencies.get(latencies.size() / 2) / 1e6,
            latencies.get((int) (latencies.size() * 0.99)) / 1e6,
            Runtime.getRuntime().availableProcessors());
      }
    }
  }

  private static String batch(final int number) {
    final StringBuilder body = new StringBuilder(BATCH * 160).append('[');
    for (int i = 0; i < BATCH; i++) {
      if (i > 0) {
        body.append(',');
      }
      final int caseNumber = (number * BATCH + i) % 100_000;
      body.append("{\"type\":\"COMPLAINT_FILED\",\"eventId\":\"bench-")
          .append(number)
          .append('-')
          .append(i)
          .append("\",\"caseId\":\"KZ-2016-")
          .append(caseNumber)
          .append(
              "\",\"occurredAt\":\"2016-03-02T09:30:00Z\",\"payload\":{\"authority\":\"PROSECUTOR\"}}");
    }
    return body.append(']').toString();
  }

  private static void post(
      final HttpClient http, final URI endpoint, final String token, final String body)
      throws Exception {
    final HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          "gateway answered " + response.statusCode() + ": " + response.body());
    }
  }
}
