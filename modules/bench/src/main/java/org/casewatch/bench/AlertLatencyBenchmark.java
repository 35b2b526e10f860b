package org.casewatch.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
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
 * gateway's 202 to its RETALIATION alert on the service's SSE stream is measured; so are the time
 * to the alert committed on the alerts topic (the service's part, without the stream) and, as the
 * raw Kafka figure of the same run, the time to both of the case's events read off their topic by a
 * plain consumer. A case seen late by a reader, or never, counts as slower than any seen. Prints
 * percentiles; asserts nothing.
 *
 * <p>Run (see docs/performance.md for the class path): {@code java -cp ...
 * org.casewatch.bench.AlertLatencyBenchmark 2000 60 old 20} (background events/s, measured seconds,
 * when the background complaints occurred: {@code old} or {@code recent}, see {@link Background};
 * warm-up seconds, 20 unless given). The background's caseIds are numbered up to about rate x
 * (warm-up + measured seconds), which must stay within a caseId's six digits. The latencies are
 * also printed per five seconds of the measured time, which shows whether a backlog left by the
 * warm-up was still draining.
 */
public final class AlertLatencyBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MEASURED_PER_SECOND = 20;
  private static final int BACKGROUND_BATCHES_PER_SECOND = 20;
  private static final int WARM_UP_SECONDS = 20;

  /** The latency of a case a reader never saw: slower than any it saw. */
  private static final long NEVER = Long.MAX_VALUE;

  /** The windows of the latency timeline printed at the end. */
  private static final Duration TIMELINE_WINDOW = Duration.ofSeconds(5);

  /** The measured cases' caseIds; the background's are KZ-2017-. */
  private static final String MEASURED_PREFIX = "KZ-2016-";

  public static void main(final String[] args) throws Exception {
    final int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    final int measuredSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    final Background background =
        args.length > 2 ? Background.valueOf(args[2].toUpperCase(Locale.ROOT)) : Background.OLD;
    final Duration warmUp =
        Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : WARM_UP_SECONDS);
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
        final long warmUpEnds = System.nanoTime() + warmUp.toNanos();
        await()
            .atMost(warmUp.plusSeconds(5))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> System.nanoTime() > warmUpEnds);
        run.startMeasuring();
        final ProducerWrites before = ProducerWrites.sentSoFar(ProducerWrites.STREAM_THREADS);
        final long readBefore =
            ConsumerReads.soFar(ProducerWrites.STREAM_THREADS, Topics.EVENTS_PREFIX);
        final long ends = System.nanoTime() + Duration.ofSeconds(measuredSeconds).toNanos();
        await()
            .atMost(Duration.ofSeconds(measuredSeconds + 5L))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> System.nanoTime() > ends);
        final double measuredFor = run.stopMeasuring();
        final ProducerWrites written =
            ProducerWrites.sentSoFar(ProducerWrites.STREAM_THREADS).since(before);
        final long eventsRead =
            ConsumerReads.soFar(ProducerWrites.STREAM_THREADS, Topics.EVENTS_PREFIX) - readBefore;
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
              "not every measured case was seen by every reader within 30 s of the end: those count"
                  + " as never");
        }
        posting.shutdownNow();
        // Not interrupted: a consumer interrupted while closing logs its close as failed.
        run.stopReading();
        stream.interrupt();
        topic.join(Duration.ofSeconds(30).toMillis());
        alertsTopic.join(Duration.ofSeconds(30).toMillis());
        run.print(rate, warmUp, measuredFor);
        written.print(
            "the service's broker writes while measuring, per event acknowledged",
            run.acknowledged());
        // While the service drains a backlog it takes in more events than were acknowledged.
        written.print("the same, per event the service read in that time", eventsRead);
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

    /**
     * What each reader saw first of each measured case, by caseId, whenever it came (a reader may
     * see it a moment before the posting thread has noted the 202): matched with the 202s at the
     * end.
     */
    private final Map<String, Long> onStream = new ConcurrentHashMap<>();

    private final Map<String, Long> committed = new ConcurrentHashMap<>();
    private final Map<String, Long> onEventTopic = new ConcurrentHashMap<>();
    private long measuringSince;
    private final AtomicLong alertsWhileMeasuring = new AtomicLong();
    private final AtomicInteger streamResumes = new AtomicInteger();
    private volatile boolean closed;
    private volatile boolean stopReading;

    Run(final URI gateway, final String token, final Background background) {
      this.gateway = gateway;
      this.token = token;
      this.background = background;
    }

    long acknowledged() {
      return acknowledged.get();
    }

    void startMeasuring() {
      acknowledged.set(0);
      alertsWhileMeasuring.set(0);
      measuringSince = System.nanoTime();
      measuring.set(true);
    }

    /** The seconds measured. */
    double stopMeasuring() {
      measuring.set(false);
      closed = true;
      return (System.nanoTime() - measuringSince) / 1e9;
    }

    void stopReading() {
      stopReading = true;
    }

    boolean allSeen() {
      return onStream.keySet().containsAll(accepted.keySet())
          && committed.keySet().containsAll(accepted.keySet())
          && onEventTopic.keySet().containsAll(accepted.keySet());
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
      final String caseId = MEASURED_PREFIX + cases.incrementAndGet();
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
                // As a browser's EventSource does: a stream the service ends is resumed from the
                // id of the last event it completed.
                String lastEventId = null;
                while (!stopReading) {
                  try {
                    final HttpRequest.Builder request =
                        HttpRequest.newBuilder(stream)
                            .header("Authorization", "Bearer " + coordinator)
                            .header("Accept", "text/event-stream");
                    if (lastEventId != null) {
                      request.header("Last-Event-ID", lastEventId);
                      streamResumes.incrementAndGet();
                    }
                    final HttpResponse<InputStream> response =
                        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                    if (response.statusCode() != 200) {
                      System.out.println("alert stream refused: HTTP " + response.statusCode());
                      return;
                    }
                    lastEventId = relay(response.body(), lastEventId);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  } catch (Exception e) {
                    if (!stopReading) {
                      System.out.println("alert stream failed: " + e);
                    }
                    return;
                  }
                }
              },
              "bench-sse");
      reader.setDaemon(true);
      reader.start();
      return reader;
    }

    /** Reads one stream's events until it ends; the id of the last event it completed. */
    private String relay(final InputStream body, final String resumedFrom) throws IOException {
      String lastEventId = resumedFrom;
      String id = null;
      JsonNode alert = null;
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith("id:")) {
            id = line.substring(3).strip();
          } else if (line.startsWith("data:")) {
            alert = JSON.readTree(line.substring(5));
          } else if (line.isEmpty()) {
            if (alert != null) {
              alertRead(alert, System.nanoTime());
            }
            if (id != null) {
              lastEventId = id;
            }
            id = null;
            alert = null;
          }
        }
      }
      return lastEventId;
    }

    private void alertRead(final JsonNode alert, final long now) {
      if (measuring.get()) {
        alertsWhileMeasuring.incrementAndGet();
      }
      final String caseId = alert.path("caseId").asText();
      if (caseId.startsWith(MEASURED_PREFIX) && alert.path("rule").asText().equals("RETALIATION")) {
        onStream.putIfAbsent(caseId, now);
      }
    }

    /**
     * Reads the Kazakh event topic: when both of a measured case's events (its complaint and its
     * reprisal) are there for any consumer.
     */
    Thread readEvents(final String bootstrap) {
      return readTopic(
          bootstrap,
          Topics.events(Country.KZ),
          Map.of(),
          new ByteArrayDeserializer(),
          bytes -> true,
          2,
          onEventTopic,
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
          1,
          committed,
          "bench-alerts-consumer");
    }

    /**
     * Notes in {@code seen} when the {@code awaited}-th record of each measured case that {@code
     * matching} accepts was read from {@code topicName}.
     */
    private <V> Thread readTopic(
        final String bootstrap,
        final String topicName,
        final Map<String, Object> extra,
        final Deserializer<V> values,
        final Predicate<V> matching,
        final int awaited,
        final Map<String, Long> seen,
        final String name) {
      final Thread reader =
          new Thread(
              () -> {
                final Map<String, Object> settings = new HashMap<>(extra);
                settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                settings.put(ConsumerConfig.GROUP_ID_CONFIG, name);
                settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
                final Map<String, Integer> read = new HashMap<>();
                try (KafkaConsumer<String, V> consumer =
                    new KafkaConsumer<>(settings, new StringDeserializer(), values)) {
                  consumer.subscribe(List.of(topicName));
                  while (!stopReading) {
                    for (final ConsumerRecord<String, V> record :
                        consumer.poll(Duration.ofMillis(50))) {
                      final long now = System.nanoTime();
                      if (record.key().startsWith(MEASURED_PREFIX)
                          && matching.test(record.value())
                          && read.merge(record.key(), 1, Integer::sum) == awaited) {
                        seen.putIfAbsent(record.key(), now);
                      }
                    }
                  }
                }
              },
              name);
      reader.setDaemon(true);
      reader.start();
      return reader;
    }

    void print(final int rate, final Duration warmUp, final double measuredFor) {
      System.out.printf(
          "load: %,.0f events/s acknowledged by the gateway while measuring %.0f s after a warm-up"
              + " of %d s (asked: %,d background"
              + " complaints occurred on %s + %d measured); %,.0f alerts/s on the SSE stream, which"
              + " the service ended and the client resumed %d times; %d cores%n",
          acknowledged.get() / measuredFor,
          measuredFor,
          warmUp.toSeconds(),
          rate,
          background.date(),
          2 * MEASURED_PER_SECOND,
          alertsWhileMeasuring.get() / measuredFor,
          streamResumes.get(),
          Runtime.getRuntime().availableProcessors());
      System.out.println(
          "alert latency, 202 -> RETALIATION on the SSE stream: " + percentiles(onStream));
      System.out.println(
          "the service alone, 202 -> RETALIATION committed on the alerts topic: "
              + percentiles(committed));
      System.out.println(
          "raw Kafka, 202 -> both events read by a plain consumer: " + percentiles(onEventTopic));
      System.out.println(
          "over time, 202 -> RETALIATION on the SSE stream, by when the 202 came: "
              + timeline(measuredFor));
    }

    /**
     * The SSE latencies per window of the measured time, by when each case's 202 came, with how
     * many came in it: a queue that grows and drains shows as windows that rise and fall, a stall
     * of the gateway as a window without 202s. The last window is only the end of the measured
     * time.
     */
    private String timeline(final double measuredFor) {
      final NavigableMap<Long, List<Long>> windows = new TreeMap<>();
      accepted.forEach(
          (caseId, at) ->
              windows
                  .computeIfAbsent(
                      Math.max(0, at - measuringSince) / TIMELINE_WINDOW.toNanos(),
                      window -> new ArrayList<>())
                  .add(latency(onStream, caseId, at)));
      final long seconds = TIMELINE_WINDOW.toSeconds();
      final long last = windows.isEmpty() ? -1 : windows.lastKey();
      final StringBuilder line = new StringBuilder();
      for (long window = 0; window <= last; window++) {
        final List<Long> nanos = windows.getOrDefault(window, List.of());
        line.append(String.format("%n  from %3d s: ", window * seconds));
        if (nanos.isEmpty()) {
          line.append("no 202");
          continue;
        }
        Collections.sort(nanos);
        final boolean partial = (window + 1) * seconds > measuredFor;
        line.append(
            String.format(
                "%,d cases, p50 %s, max %s%s",
                nanos.size(),
                millis(nanos.get(nanos.size() / 2)),
                millis(nanos.get(nanos.size() - 1)),
                partial ? String.format(" (to the end, at %.1f s)", measuredFor) : ""));
      }
      return line.toString();
    }

    private static String millis(final long nanos) {
      return nanos == NEVER ? "never" : String.format("%,.0f ms", nanos / 1e6);
    }

    /** From each measured case's 202 to when {@code seen} saw it; a reader may beat the 202. */
    private String percentiles(final Map<String, Long> seen) {
      final List<Long> nanos = new ArrayList<>();
      accepted.forEach(
          (caseId, at) -> {
            final long latency = latency(seen, caseId, at);
            if (latency != NEVER) {
              nanos.add(latency);
            }
          });
      return percentiles(nanos, accepted.size() - nanos.size());
    }

    /**
     * From the case's 202 at {@code at} to when {@code seen} saw it, in nanoseconds ({@link #NEVER}
     * if it did not): a reader may beat the 202.
     */
    private static long latency(final Map<String, Long> seen, final String caseId, final long at) {
      final Long when = seen.get(caseId);
      return when == null ? NEVER : Math.max(0, when - at);
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
