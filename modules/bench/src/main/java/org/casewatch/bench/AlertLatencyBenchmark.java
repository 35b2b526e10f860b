package org.casewatch.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.core.ConditionTimeoutException;
import org.casewatch.access.AccessFile;
import org.casewatch.gateway.GatewayConfig;
import org.casewatch.gateway.GatewayServer;
import org.casewatch.gateway.RateLimit;
import org.casewatch.model.Country;
import org.casewatch.model.Topics;
import org.casewatch.registry.server.EmbeddedSchemaRegistry;
import org.casewatch.service.CasewatchService;
import org.casewatch.testkit.kafka.KafkaBroker;

/**
 * Alert latency under load, all in this JVM on real HTTP: a broker, the registry, the gateway and
 * the coordinator service. A background of {@code rate} events/s is posted through the gateway
 * while 20 new cases a second each post a complaint and a reprisal; for each, the time from the
 * gateway's 202 to its RETALIATION alert on the service's SSE stream is measured, and, as the raw
 * Kafka figure of the same run, the time from the 202 to the reprisal read off its event topic by a
 * plain consumer. Prints percentiles; asserts nothing.
 *
 * <p>Run (see docs/performance.md for the class path): {@code java -cp ...
 * org.casewatch.bench.AlertLatencyBenchmark 2000 60} (background events/s, measured seconds).
 */
public final class AlertLatencyBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MEASURED_PER_SECOND = 20;
  private static final int BACKGROUND_BATCHES_PER_SECOND = 20;
  private static final Duration WARM_UP = Duration.ofSeconds(20);

  public static void main(final String[] args) throws Exception {
    final int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    final int measuredSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    final Path dir = Files.createTempDirectory("casewatch-bench-latency");
    try (KafkaBroker broker = KafkaBroker.start()) {
      ServiceTopics.create(broker.bootstrapServers());
      final Path access = dir.resolve("coalitions.yaml");
      final String coalition =
          AccessFile.addToken(access, "kz-coalition", Optional.of(Country.KZ)).token();
      final String coordinator = AccessFile.addCoordinatorToken(access, "regional-desk").token();
      try (EmbeddedSchemaRegistry registry = ServiceTopics.registry(broker.bootstrapServers());
          GatewayServer gateway =
              GatewayServer.start(
                  GatewayConfig.defaults()
                      .withPort(0)
                      .withKafka(broker.bootstrapServers(), registry.url())
                      .withAccessFile(access)
                      .withRateLimit(RateLimit.unlimited()));
          CasewatchService service =
              CasewatchService.start(
                  ServiceTopics.serviceConfig(
                      broker.bootstrapServers(), registry.url(), access, dir, Map.of()))) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> service.state() == KafkaStreams.State.RUNNING);
        final Run run =
            new Run(URI.create("http://localhost:" + gateway.port() + "/v1/events"), coalition);
        final Thread stream =
            run.readAlerts(
                URI.create("http://localhost:" + service.port() + "/v1/alerts/stream"),
                coordinator);
        final Thread topic = run.readEvents(broker.bootstrapServers());
        final ScheduledExecutorService schedule = Executors.newScheduledThreadPool(2);
        final ExecutorService posting = Executors.newFixedThreadPool(6);
        final int batch = rate / BACKGROUND_BATCHES_PER_SECOND;
        // Posts are run, not submitted: post() prints its failures, and anything else a post throws
        // reaches the pool's uncaught-exception handler instead of a future nobody reads.
        final ScheduledFuture<?> backgroundTicks =
            schedule.scheduleAtFixedRate(
                () -> posting.execute(() -> run.background(batch)),
                0,
                1000 / BACKGROUND_BATCHES_PER_SECOND,
                TimeUnit.MILLISECONDS);
        final ScheduledFuture<?> measuredTicks =
            schedule.scheduleAtFixedRate(
                () -> posting.execute(run::measuredCase),
                0,
                1000 / MEASURED_PER_SECOND,
                TimeUnit.MILLISECONDS);
        final long warmUpEnds = System.nanoTime() + WARM_UP.toNanos();
        await()
            .atMost(WARM_UP.plusSeconds(5))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> System.nanoTime() > warmUpEnds);
        run.startMeasuring();
        final long ends = System.nanoTime() + Duration.ofSeconds(measuredSeconds).toNanos();
        await()
            .atMost(Duration.ofSeconds(measuredSeconds + 5L))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> System.nanoTime() > ends);
        final long acknowledged = run.stopMeasuring();
        backgroundTicks.cancel(false);
        measuredTicks.cancel(false);
        schedule.shutdownNow();
        // The last cases' alerts may still be on their way.
        try {
          await()
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(200))
              .until(run::allSeen);
        } catch (ConditionTimeoutException e) {
          System.out.println(
              "not every measured case's alert came within 30 s of the end: they are left out");
        }
        posting.shutdownNow();
        stream.interrupt();
        topic.interrupt();
        run.print(acknowledged / (double) measuredSeconds, rate);
      }
    }
  }

  /** The posting, the two readers and what they measured. */
  private static final class Run {
    private final HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI gateway;
    private final String token;
    private final AtomicInteger cases = new AtomicInteger();
    private final AtomicInteger batches = new AtomicInteger();
    private final AtomicBoolean measuring = new AtomicBoolean();
    private final AtomicLong acknowledged = new AtomicLong();

    /** Measured cases whose 202 came, by caseId: when it came. */
    private final Map<String, Long> accepted = new ConcurrentHashMap<>();

    private final List<Long> alertLatencies = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> topicLatencies = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Boolean> alerted = new ConcurrentHashMap<>();
    private volatile boolean closed;

    Run(final URI gateway, final String token) {
      this.gateway = gateway;
      this.token = token;
    }

    void startMeasuring() {
      measuring.set(true);
      acknowledged.set(0);
    }

    long stopMeasuring() {
      measuring.set(false);
      closed = true;
      return acknowledged.get();
    }

    boolean allSeen() {
      return accepted.keySet().stream().allMatch(alerted::containsKey);
    }

    /** {@code size} complaints of background cases, each its own. */
    void background(final int size) {
      if (size == 0) {
        return;
      }
      final int number = batches.incrementAndGet();
      final StringBuilder body = new StringBuilder(size * 170).append('[');
      for (int i = 0; i < size; i++) {
        body.append(i == 0 ? "" : ",")
            .append(
                event(
                    "COMPLAINT_FILED",
                    "bg-" + number + "-" + i,
                    "KZ-2017-" + (number * size + i),
                    "2017-03-02",
                    "{\"authority\":\"PROSECUTOR\"}"));
      }
      if (post(body.append(']').toString()) && measuring.get()) {
        acknowledged.addAndGet(size);
      }
    }

    /**
     * A new case's complaint and reprisal, in one batch: its RETALIATION alert is what is awaited.
     */
    void measuredCase() {
      if (closed) {
        return;
      }
      final String caseId = "KZ-2016-" + cases.incrementAndGet();
      final String body =
          "["
              + event(
                  "COMPLAINT_FILED",
                  caseId + "-1",
                  caseId,
                  "2016-03-02",
                  "{\"authority\":\"PROSECUTOR\"}")
              + ","
              + event(
                  "REPRISAL_REPORTED",
                  caseId + "-2",
                  caseId,
                  "2016-03-09",
                  "{\"kind\":\"THREAT_OF_FALSE_REPORT_CHARGES\",\"agency\":\"POLICE\"}")
              + "]";
      final boolean counted = measuring.get();
      if (post(body)) {
        final long at = System.nanoTime();
        if (counted) {
          accepted.put(caseId, at);
          acknowledged.addAndGet(2);
        }
      }
    }

    private static String event(
        final String type,
        final String eventId,
        final String caseId,
        final String date,
        final String payload) {
      return "{\"type\":\""
          + type
          + "\",\"eventId\":\""
          + eventId
          + "\",\"caseId\":\""
          + caseId
          + "\",\"occurredAt\":\""
          + date
          + "\",\"payload\":"
          + payload
          + "}";
    }

    private boolean post(final String body) {
      try {
        final HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(gateway)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
          System.out.println("gateway answered " + response.statusCode() + ": " + response.body());
        }
        return response.statusCode() == 202;
      } catch (Exception e) {
        System.out.println("post failed: " + e);
        return false;
      }
    }

    /** Reads the SSE stream: each measured case's first RETALIATION alert. */
    Thread readAlerts(final URI stream, final String coordinator) {
      final Thread reader =
          new Thread(
              () -> {
                try {
                  final HttpResponse<InputStream> response =
                      http.send(
                          HttpRequest.newBuilder(stream)
                              .header("Authorization", "Bearer " + coordinator)
                              .header("Accept", "text/event-stream")
                              .build(),
                          HttpResponse.BodyHandlers.ofInputStream());
                  try (BufferedReader lines =
                      new BufferedReader(
                          new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                      if (line.startsWith("data:")) {
                        final long now = System.nanoTime();
                        final JsonNode alert = JSON.readTree(line.substring(5));
                        final String caseId = alert.path("caseId").asText();
                        final Long at = accepted.get(caseId);
                        if (at != null
                            && alert.path("rule").asText().equals("RETALIATION")
                            && alerted.putIfAbsent(caseId, true) == null) {
                          alertLatencies.add(now - at);
                        }
                      }
                    }
                  }
                } catch (Exception e) {
                  if (!Thread.currentThread().isInterrupted()) {
                    System.out.println("alert stream ended: " + e);
                  }
                }
              },
              "bench-sse");
      reader.setDaemon(true);
      reader.start();
      return reader;
    }

    /**
     * Reads the Kazakh event topic: when each measured case's reprisal is there for any consumer.
     */
    Thread readEvents(final String bootstrap) {
      final Thread reader =
          new Thread(
              () -> {
                final Map<String, Object> settings = new HashMap<>();
                settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                settings.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-raw");
                settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
                final Map<String, Long> seen = new HashMap<>();
                try (KafkaConsumer<String, byte[]> consumer =
                    new KafkaConsumer<>(
                        settings, new StringDeserializer(), new ByteArrayDeserializer())) {
                  consumer.subscribe(List.of(Topics.events(Country.KZ)));
                  while (!Thread.currentThread().isInterrupted()) {
                    for (final ConsumerRecord<String, byte[]> record :
                        consumer.poll(Duration.ofMillis(50))) {
                      final long now = System.nanoTime();
                      // The batch's 202 may be read a moment after its records: they are matched on
                      // the next poll too.
                      if (record.key().startsWith("KZ-2016-")) {
                        seen.putIfAbsent(record.key(), now);
                      }
                    }
                    for (final var entry : List.copyOf(seen.entrySet())) {
                      final Long at = accepted.get(entry.getKey());
                      if (at != null) {
                        topicLatencies.add(Math.max(0, entry.getValue() - at));
                        seen.remove(entry.getKey());
                      }
                    }
                  }
                } catch (org.apache.kafka.common.errors.InterruptException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "bench-raw-consumer");
      reader.setDaemon(true);
      reader.start();
      return reader;
    }

    void print(final double acknowledgedPerSecond, final int rate) {
      System.out.printf(
          "load: %,.0f events/s acknowledged by the gateway while measuring (asked: %,d background"
              + " + %d measured); %d cores%n",
          acknowledgedPerSecond,
          rate,
          2 * MEASURED_PER_SECOND,
          Runtime.getRuntime().availableProcessors());
      System.out.println(
          "alert latency, 202 -> RETALIATION on the SSE stream: " + percentiles(alertLatencies));
      System.out.println(
          "raw Kafka, 202 -> the event read by a plain consumer: " + percentiles(topicLatencies));
    }

    private static String percentiles(final List<Long> nanos) {
      final List<Long> sorted = new ArrayList<>(nanos);
      Collections.sort(sorted);
      if (sorted.isEmpty()) {
        return "no samples";
      }
      return String.format(
          "%d samples, p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms",
          sorted.size(),
          at(sorted, 0.50),
          at(sorted, 0.90),
          at(sorted, 0.99),
          sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double at(final List<Long> sorted, final double quantile) {
      return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1))
          / 1e6;
    }
  }
}
