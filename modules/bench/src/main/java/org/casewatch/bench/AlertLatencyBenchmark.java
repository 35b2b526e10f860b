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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.core.ConditionTimeoutException;
import org.casewatch.access.AccessFile;
import org.casewatch.gateway.GatewayConfig;
import org.casewatch.gateway.GatewayServer;
import org.casewatch.gateway.RateLimit;
import org.casewatch.model.Alert;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;
import org.casewatch.model.Topics;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.registry.serde.AvroDeserializer;
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
 * org.casewatch.bench.AlertLatencyBenchmark 2000 60 old} (background events/s, measured seconds,
 * when the background complaints occurred: {@code old} or {@code recent}, see {@link Background}).
 */
public final class AlertLatencyBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MEASURED_PER_SECOND = 20;
  private static final int BACKGROUND_BATCHES_PER_SECOND = 20;
  private static final Duration WARM_UP = Duration.ofSeconds(20);

  public static void main(final String[] args) throws Exception {
    final int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    final int measuredSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    final Background background =
        args.length > 2 ? Background.valueOf(args[2].toUpperCase(Locale.ROOT)) : Background.OLD;
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
            new Run(
                URI.create("http://localhost:" + gateway.port() + "/v1/events"),
                coalition,
                background);
        final Thread stream =
            run.readAlerts(
                URI.create("http://localhost:" + service.port() + "/v1/alerts/stream"),
                coordinator);
        final Thread topic = run.readEvents(broker.bootstrapServers());
        final Thread alertsTopic = run.readAlertsTopic(broker.bootstrapServers(), registry.url());
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
              "not every measured case's alert came within 30 s of the end: those count as never");
        }
        posting.shutdownNow();
        stream.interrupt();
        // Not interrupted: a consumer interrupted while closing logs its close as failed.
        run.stopReading();
        topic.join(Duration.ofSeconds(30).toMillis());
        alertsTopic.join(Duration.ofSeconds(30).toMillis());
        run.print(acknowledged / (double) measuredSeconds, rate, measuredSeconds);
      }
    }
  }

  /**
   * When the background complaints occurred: long ago, so every deadline is past and each raises
   * alerts at once (the worst case, and the figures measured before 2026-12-02), or in the last
   * days, as a coalition's live system reports them.
   */
  enum Background {
    OLD,
    RECENT;

    String date() {
      return this == OLD ? "2017-03-02" : LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
    }
  }

  /** The posting, the two readers and what they measured. */
  private static final class Run {
    private final HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI gateway;
    private final String token;
    private final Background background;
    private final AtomicInteger cases = new AtomicInteger();
    private final AtomicInteger batches = new AtomicInteger();
    private final AtomicBoolean measuring = new AtomicBoolean();
    private final AtomicLong acknowledged = new AtomicLong();

    /** Measured cases whose 202 came, by caseId: when it came. */
    private final Map<String, Long> accepted = new ConcurrentHashMap<>();

    private final List<Long> alertLatencies = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> topicLatencies = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> committedAlertLatencies =
        Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Boolean> alerted = new ConcurrentHashMap<>();
    private final AtomicLong alertsWhileMeasuring = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean stopReading;

    Run(final URI gateway, final String token, final Background background) {
      this.gateway = gateway;
      this.token = token;
      this.background = background;
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

    void stopReading() {
      stopReading = true;
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
                    background.date(),
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
                        if (measuring.get()) {
                          alertsWhileMeasuring.incrementAndGet();
                        }
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
      return readTopic(
          bootstrap,
          Topics.events(Country.KZ),
          Map.of(),
          new ByteArrayDeserializer(),
          bytes -> true,
          topicLatencies,
          "bench-raw-consumer");
    }

    /**
     * Reads the alerts topic as committed, with no SSE in between: when each measured case's
     * RETALIATION alert is there, which tells the service's processing from its serving of streams.
     */
    Thread readAlertsTopic(final String bootstrap, final String registryUrl) {
      return readTopic(
          bootstrap,
          Topics.ALERTS,
          Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
          AvroDeserializer.specific(
              new HttpSchemaRegistryClient(RegistryClientConfig.of(registryUrl)), Alert.class),
          alert -> alert.getRule() == RuleId.RETALIATION,
          committedAlertLatencies,
          "bench-alerts-consumer");
    }

    private <V> Thread readTopic(
        final String bootstrap,
        final String topicName,
        final Map<String, Object> extra,
        final Deserializer<V> values,
        final Predicate<V> awaited,
        final List<Long> latencies,
        final String name) {
      final Thread reader =
          new Thread(
              () -> {
                final Map<String, Object> settings = new HashMap<>(extra);
                settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                settings.put(ConsumerConfig.GROUP_ID_CONFIG, name);
                settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
                final Map<String, Long> seen = new HashMap<>();
                try (KafkaConsumer<String, V> consumer =
                    new KafkaConsumer<>(settings, new StringDeserializer(), values)) {
                  consumer.subscribe(List.of(topicName));
                  while (!stopReading) {
                    for (final ConsumerRecord<String, V> record :
                        consumer.poll(Duration.ofMillis(50))) {
                      final long now = System.nanoTime();
                      // The batch's 202 may be read a moment after its records: they are matched on
                      // the next poll too.
                      if (record.key().startsWith("KZ-2016-") && awaited.test(record.value())) {
                        seen.putIfAbsent(record.key(), now);
                      }
                    }
                    for (final var entry : List.copyOf(seen.entrySet())) {
                      final Long at = accepted.get(entry.getKey());
                      if (at != null) {
                        latencies.add(Math.max(0, entry.getValue() - at));
                        seen.put(entry.getKey(), Long.MAX_VALUE);
                      }
                    }
                    seen.values().removeIf(at -> at == Long.MAX_VALUE);
                  }
                }
              },
              name);
      reader.setDaemon(true);
      reader.start();
      return reader;
    }

    void print(final double acknowledgedPerSecond, final int rate, final int measuredSeconds) {
      System.out.printf(
          "load: %,.0f events/s acknowledged by the gateway while measuring (asked: %,d background"
              + " complaints occurred on %s + %d measured); %,.0f alerts/s on the SSE stream; %d"
              + " cores%n",
          acknowledgedPerSecond,
          rate,
          background.date(),
          2 * MEASURED_PER_SECOND,
          alertsWhileMeasuring.get() / (double) measuredSeconds,
          Runtime.getRuntime().availableProcessors());
      final long missing = accepted.size() - alertLatencies.size();
      System.out.println(
          "alert latency, 202 -> RETALIATION on the SSE stream: "
              + percentiles(alertLatencies, missing));
      System.out.println(
          "the service alone, 202 -> RETALIATION committed on the alerts topic: "
              + percentiles(
                  committedAlertLatencies, accepted.size() - committedAlertLatencies.size()));
      System.out.println(
          "raw Kafka, 202 -> the event read by a plain consumer: "
              + percentiles(topicLatencies, accepted.size() - topicLatencies.size()));
    }

    /**
     * Percentiles over every measured case: one whose alert never came counts as slower than any
     * that did, so leaving it out cannot make the figures look better.
     */
    private static String percentiles(final List<Long> nanos, final long missing) {
      final List<Long> sorted = new ArrayList<>(nanos);
      Collections.sort(sorted);
      if (sorted.isEmpty()) {
        return "no samples, " + missing + " never came";
      }
      final long all = sorted.size() + missing;
      return String.format(
          "%,d of %,d came (%,d never did), p50 %s, p90 %s, p99 %s, max %s",
          sorted.size(),
          all,
          missing,
          at(sorted, all, 0.50),
          at(sorted, all, 0.90),
          at(sorted, all, 0.99),
          missing > 0 ? "never" : String.format("%.0f ms", sorted.get(sorted.size() - 1) / 1e6));
    }

    private static String at(final List<Long> sorted, final long all, final double quantile) {
      final int rank = (int) Math.ceil(quantile * all) - 1;
      return rank >= sorted.size()
          ? "never (a case's alert did not come)"
          : String.format("%.0f ms", sorted.get(rank) / 1e6);
    }
  }
}
