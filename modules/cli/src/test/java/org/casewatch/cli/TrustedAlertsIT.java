package org.casewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.aCase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.casewatch.access.AccessFile;
import org.casewatch.gateway.GatewayConfig;
import org.casewatch.gateway.GatewayServer;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;
import org.casewatch.model.Topics;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.registry.serde.AvroSerializer;
import org.casewatch.service.CasewatchService;
import org.casewatch.service.ServiceConfig;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.HttpTestClient;
import org.casewatch.testkit.HttpTestClient.Answer;
import org.casewatch.testkit.WithCasewatchKafka;
import org.casewatch.topology.deadletters.DeadLetter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts coordinators can trust, on a real broker, through the real gateway and a LIVE service: no
 * case can stop its partition, no record can poison a clock, and an archive import while another
 * country publishes live raises nothing for cases handled in time. The gateway writes the
 * contract's own topics, unprefixed, as ImportIT and HttpsIT do (on the broker of whichever test
 * JVM runs them): each uses case ids of its own.
 */
@WithCasewatchKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustedAlertsIT {

  /** Cases are judged once quiet for 3 s; checked every second. */
  private static final int SETTLE_SECONDS = 3;

  /** Well past settling and a check. */
  private static final Duration SETTLED = Duration.ofSeconds(10);

  private final CasewatchCluster cluster;
  private final GatewayServer gateway;
  private final CasewatchService service;
  private final Map<Country, String> tokens = new HashMap<>();
  private final HttpTestClient events;
  private final HttpTestClient coordinator;

  TrustedAlertsIT(final CasewatchCluster cluster, @TempDir final Path dir) throws IOException {
    this.cluster = cluster;
    cluster.createTopicsIfAbsent(3, Topics.allEvents().toArray(String[]::new));
    cluster.createTopicsIfAbsent(3, Topics.ALERTS, Topics.DEAD_LETTERS, Topics.ALERT_ACTIONS);
    cluster.createCompactedTopic(Topics.CASE_STATE, 3);
    cluster.createCompactedTopic(Topics.COUNTRY_STATS, 3);
    final Path access = dir.resolve("coalitions.yaml");
    for (final Country country : List.of(Country.KZ, Country.KG, Country.TJ)) {
      tokens.put(
          country,
          AccessFile.addToken(
                  access, country.name().toLowerCase() + "-coalition", Optional.of(country))
              .token());
    }
    final String coordinatorToken = AccessFile.addCoordinatorToken(access, "regional-desk").token();
    gateway =
        GatewayServer.start(
            GatewayConfig.defaults()
                .withPort(0)
                .withKafka(cluster.bootstrapServers(), cluster.registryUrl())
                .withAccessFile(access));
    final Map<String, String> config = new HashMap<>();
    config.put("casewatch.application.id", CasewatchCluster.uniqueName("trusted"));
    config.put("casewatch.bootstrap.servers", cluster.bootstrapServers());
    config.put("casewatch.registry.url", cluster.registryUrl());
    config.put("casewatch.http.port", "0");
    config.put("casewatch.state.dir", dir.resolve("state").toString());
    config.put("casewatch.streams.standby.replicas", "0");
    config.put("casewatch.auth.file", access.toString());
    config.put("casewatch.live.settle.seconds", String.valueOf(SETTLE_SECONDS));
    service = CasewatchService.start(ServiceConfig.from(config));
    events = HttpTestClient.localhost(gateway.port());
    coordinator = HttpTestClient.localhost(service.port()).as(coordinatorToken);
  }

  @AfterAll
  void stop() {
    service.close();
    gateway.close();
  }

  @Test
  void aCaseOfFiveThousandReprisalsIsCappedAndTheNextCaseIsServed() {
    for (int request = 0; request < 5; request++) {
      final StringBuilder batch = new StringBuilder("[");
      for (int i = 0; i < 1000; i++) {
        final int n = request * 1000 + i;
        batch
            .append(i == 0 ? "" : ",")
            .append("{\"type\":\"REPRISAL_REPORTED\",\"eventId\":\"tj-flood-")
            .append(n)
            .append("\",\"caseId\":\"TJ-2016-0500\",\"occurredAt\":\"2016-0")
            .append(1 + n % 9)
            .append("-1")
            .append(n % 10)
            .append("\",\"payload\":{\"kind\":\"PRESSURE_TO_WITHDRAW\",\"agency\":\"POLICE\"}}");
      }
      assertThat(post(Country.TJ, batch.append("]").toString()).status()).isEqualTo(202);
    }
    assertThat(
            post(
                    Country.TJ,
                    "{\"type\":\"CASE_REGISTERED\",\"eventId\":\"tj-next-1\",\"caseId\":\"TJ-2016-0501\","
                        + "\"occurredAt\":\"2016-10-01\",\"payload\":{\"allegation\":\"TORTURE\",\"placeOfDetention\":\"POLICE_STATION\","
                        + "\"perpetratorAgency\":\"POLICE\",\"victim\":{\"sex\":\"UNDISCLOSED\",\"ageBand\":\"AGE_UNKNOWN\","
                        + "\"returnedFromAbroad\":false}}}")
                .status())
        .isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(get("/v1/cases/TJ-2016-0501").status()).isEqualTo(200));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        deadLetters().stream()
                            .filter(
                                letter ->
                                    "case-too-large".equals(header(letter, DeadLetter.REASON_CODE)))
                            .count())
                    .isEqualTo(4000));
    // The case's state reaches the query API through the case-state topic, after the dead letters.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(get("/v1/cases/TJ-2016-0500").body())
                    .contains("\"eventCount\":1000", "CASE_TOO_LARGE"));
  }

  @Test
  void anEventFrom2099ProducedStraightToATopicIsDeadLetteredAndChangesNoAlert() {
    final Instant now = Instant.now();
    final CaseEvent pending = aCase("KZ-2026-0700").complaintFiled(now.minus(Duration.ofDays(1)));
    assertThat(
            post(
                    Country.KZ,
                    "{\"type\":\"COMPLAINT_FILED\",\"eventId\":\""
                        + pending.getEventId()
                        + "\",\"caseId\":\"KZ-2026-0700\",\"occurredAt\":\""
                        + pending.getOccurredAt()
                        + "\",\"payload\":{\"authority\":\"PROSECUTOR\"}}")
                .status())
        .isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(get("/v1/cases/KZ-2026-0700").status()).isEqualTo(200));

    final CaseEvent poison =
        aCase("KZ-2026-0701").registered(Instant.parse("2099-01-01T00:00:00Z"));
    cluster.produce(
        List.of(
            new ProducerRecord<>(
                Topics.events(Country.KZ),
                null,
                poison.getOccurredAt().toEpochMilli(),
                poison.getCaseId(),
                poison)),
        new AvroSerializer<>(cluster.registryClient(), true, false));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(deadLetters())
                    .anySatisfy(
                        letter -> {
                          assertThat(header(letter, DeadLetter.REASON_CODE))
                              .isEqualTo("future-dated");
                          assertThat(header(letter, DeadLetter.REASON))
                              .contains(poison.getEventId());
                        }));
    // Past settling and a check: the complaint of yesterday is still pending, whatever the 2099
    // record said.
    await()
        .during(SETTLED)
        .atMost(SETTLED.plusSeconds(15))
        .untilAsserted(
            () ->
                assertThat(alerts())
                    .as("alerts on KZ-2026 cases")
                    .noneMatch(alert -> alert.getCaseId().startsWith("KZ-2026-")));
    assertThat(get("/v1/cases/KZ-2026-0701").status()).isEqualTo(404);
  }

  @Test
  void anArchiveImportWhileAnotherCountryPublishesLiveRaisesNothingForTimelyCases() {
    final AtomicInteger published = new AtomicInteger();
    final ScheduledExecutorService kyrgyzstan = Executors.newSingleThreadScheduledExecutor();
    kyrgyzstan.scheduleAtFixedRate(
        () -> {
          final int n = published.incrementAndGet();
          post(
              Country.KG,
              "{\"type\":\"COMPLAINT_FILED\",\"eventId\":\"kg-live-"
                  + n
                  + "\",\"caseId\":\"KG-2026-"
                  + String.format("%04d", n)
                  + "\",\"occurredAt\":\""
                  + Instant.now()
                  + "\",\"payload\":{\"authority\":\"PROSECUTOR\"}}");
        },
        0,
        200,
        TimeUnit.MILLISECONDS);
    try {
      for (int i = 1; i <= 200; i++) {
        final String caseId = String.format("KZ-2016-%04d", 3000 + i);
        final LocalDate day = LocalDate.parse("2016-02-01").plusDays(i);
        assertThat(
                post(
                        Country.KZ,
                        "["
                            + event("CASE_REGISTERED", caseId, day, 1)
                            + ","
                            + event("COMPLAINT_FILED", caseId, day.plusDays(1), 2)
                            + ","
                            + event("INVESTIGATION_OPENED", caseId, day.plusDays(4), 3)
                            + "]")
                    .status())
            .isEqualTo(202);
      }
      // One archived case that did stall: the judgement ran, and found it.
      assertThat(
              post(
                      Country.KZ,
                      "["
                          + event(
                              "CASE_REGISTERED", "KZ-2016-3999", LocalDate.parse("2016-02-01"), 1)
                          + ","
                          + event(
                              "COMPLAINT_FILED", "KZ-2016-3999", LocalDate.parse("2016-02-02"), 2)
                          + "]")
                  .status())
          .isEqualTo(202);

      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () ->
                  assertThat(alerts())
                      .anySatisfy(
                          alert -> {
                            assertThat(alert.getCaseId()).isEqualTo("KZ-2016-3999");
                            assertThat(alert.getRule()).isEqualTo(RuleId.STALLED_COMPLAINT);
                          }));
      assertThat(published.get()).as("Kyrgyzstan published live all along").isGreaterThan(20);
      assertThat(alerts())
          .filteredOn(alert -> alert.getRule() == RuleId.STALLED_COMPLAINT)
          .filteredOn(
              alert ->
                  alert.getCaseId().startsWith("KZ-2016-3")
                      && !alert.getCaseId().equals("KZ-2016-3999"))
          .as("STALLED_COMPLAINT alerts for the 200 timely archived cases")
          .isEmpty();
    } finally {
      kyrgyzstan.shutdownNow();
    }
  }

  private static String event(
      final String type, final String caseId, final LocalDate day, final int n) {
    final String payload =
        switch (type) {
          case "CASE_REGISTERED" ->
              "{\"allegation\":\"TORTURE\",\"placeOfDetention\":\"POLICE_STATION\",\"perpetratorAgency\":"
                  + "\"POLICE\",\"victim\":{\"sex\":\"UNDISCLOSED\",\"ageBand\":\"AGE_UNKNOWN\",\"returnedFromAbroad\":false}}";
          case "COMPLAINT_FILED" -> "{\"authority\":\"PROSECUTOR\"}";
          default -> "{\"authority\":\"PROSECUTOR\",\"legalArticle\":\"CC-146\"}";
        };
    return "{\"type\":\""
        + type
        + "\",\"eventId\":\""
        + caseId
        + "-"
        + n
        + "\",\"caseId\":\""
        + caseId
        + "\",\"occurredAt\":\""
        + day
        + "\",\"payload\":"
        + payload
        + "}";
  }

  private Answer post(final Country country, final String body) {
    return events.as(tokens.get(country)).post("/v1/events", body);
  }

  private Answer get(final String path) {
    return coordinator.get(path);
  }

  private List<Alert> alerts() {
    return cluster
        .readAll(Topics.ALERTS, AvroDeserializer.specific(cluster.registryClient(), Alert.class))
        .stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  private List<ConsumerRecord<String, byte[]>> deadLetters() {
    return cluster.readAll(Topics.DEAD_LETTERS, new ByteArrayDeserializer());
  }

  private static String header(final ConsumerRecord<String, byte[]> record, final String name) {
    final Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
