package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.ReprisalKind;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.HttpTestClient.Answer;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every endpoint of the query API and its status codes, against a real broker. */
@WithCasewatchKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceApiIT {

  private final ServiceFixture fixture;
  private final CasewatchService service;

  ServiceApiIT(final CasewatchCluster cluster) throws IOException {
    fixture = new ServiceFixture(cluster);
    service = CasewatchService.start(fixture.config("a"));
    final List<CaseEvent> history = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      final String caseId = String.format("KZ-2016-%04d", i);
      history.add(aCase(caseId).registered(on("2016-02-01")));
      history.add(aCase(caseId).complaintFiled(on("2016-02-03")));
    }
    history.add(
        aCase("KZ-2016-0001")
            .reprisal(on("2016-02-10"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT));
    history.add(aCase("TJ-2016-0005").registered(on("2016-03-01")));
    history.add(aCase("TJ-2016-0005").compensationAwarded(on("2016-10-01"), 150_000, "TJS"));
    fixture.publish(history);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        fixture
                            .get(service, "/v1/countries/KZ")
                            .json()
                            .path("complaintsStalledNow")
                            .asInt())
                    .isEqualTo(12));
  }

  @AfterAll
  void stop() {
    try {
      fixture.assertEveryAuditedReadIsRecorded();
    } finally {
      service.close();
    }
  }

  @Test
  void countriesListsAllFiveWithLiveFigures() {
    final Answer answer = fixture.get(service, "/v1/countries");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json())
        .extracting(node -> node.path("country").asText())
        .containsExactly("KZ", "KG", "TJ", "TM", "UZ");
    final JsonNode kazakhstan = answer.json().get(0);
    assertThat(kazakhstan.path("casesRegistered").asInt()).isEqualTo(12);
    assertThat(kazakhstan.path("casesRegisteredByYear").path("2016").asInt()).isEqualTo(12);
    assertThat(kazakhstan.path("casesWithReprisals").asInt()).isEqualTo(1);
    assertThat(kazakhstan.path("openAlertsByRule").path("RETALIATION").asInt()).isEqualTo(1);
    assertThat(kazakhstan.has("daysToInvestigationHistogram")).isFalse();
    assertThat(answer.json().get(2).path("compensations").asInt()).isEqualTo(1);
    assertThat(answer.json().get(3).path("casesRegistered").asInt())
        .as("no cases yet: zeros")
        .isZero();
  }

  @Test
  void oneCountryByCodeAndAnUnknownOneIs404() {
    assertThat(fixture.get(service, "/v1/countries/tj").json().path("country").asText())
        .isEqualTo("TJ");
    final Answer unknown = fixture.get(service, "/v1/countries/RU");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("message").asText()).contains("KZ, KG, TJ, TM and UZ");
  }

  @Test
  void aCaseWithItsAlertsAndAnUnknownCaseIs404() {
    final Answer answer = fixture.get(service, "/v1/cases/KZ-2016-0001");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("case").path("stage").asText()).isEqualTo("COMPLAINT_FILED");
    assertThat(answer.json().path("alerts"))
        .extracting(alert -> alert.path("rule").asText())
        .as(
            "the rules this history is about; the v2 rules may find more (a missing forensic"
                + " examination)")
        .filteredOn(rule -> List.of("STALLED_COMPLAINT", "RETALIATION").contains(rule))
        .containsExactlyInAnyOrder("STALLED_COMPLAINT", "RETALIATION");
    assertThat(fixture.get(service, "/v1/cases/KZ-2016-9999").status()).isEqualTo(404);
    assertThat(fixture.get(service, "/v1/cases/not-a-case").status()).isEqualTo(404);
  }

  @Test
  void alertsAreFilteredAndPagedNewestFirstWithoutRepeats() {
    final Answer retaliation = fixture.get(service, "/v1/alerts?country=KZ&rule=RETALIATION");
    assertThat(retaliation.json().path("alerts"))
        .singleElement()
        .satisfies(alert -> assertThat(alert.path("severity").asText()).isEqualTo("HIGH"));

    final Set<String> seen = new HashSet<>();
    final List<String> times = new ArrayList<>();
    String cursor = "";
    int pages = 0;
    do {
      final JsonNode page =
          fixture
              .get(
                  service,
                  "/v1/alerts?country=KZ&rule=STALLED_COMPLAINT,RETALIATION&limit=5"
                      + (cursor.isEmpty() ? "" : "&cursor=" + cursor))
              .json();
      page.path("alerts")
          .forEach(
              alert -> {
                assertThat(seen.add(alert.path("alertId").asText())).as("no alert twice").isTrue();
                times.add(alert.path("at").asText());
              });
      cursor = page.path("nextCursor").asText("");
      pages++;
    } while (!cursor.isEmpty() && pages < 10);

    assertThat(seen).hasSize(13);
    assertThat(pages).isEqualTo(3);
    assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(fixture.get(service, "/v1/alerts?rule=NOPE").status()).isEqualTo(400);
  }

  @Test
  void readingNeedsACoordinatorTokenWhenAuthIsOn() {
    final Answer none = fixture.get(service, "/v1/countries", null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(fixture.get(service, "/v1/countries", "cw_000000000000_" + "C".repeat(43)).status())
        .isEqualTo(401);
    assertThat(
            fixture
                .get(service, "/v1/countries?access_token=" + fixture.coordinatorToken(), null)
                .status())
        .as("tokens in URLs only for the alert stream")
        .isEqualTo(401);
    assertThat(fixture.get(service, "/v1/countries", fixture.coalitionToken()).status())
        .as("a coalition's write token does not read")
        .isEqualTo(401);
    assertThat(fixture.get(service, "/internal/v1/alerts", null).status()).isEqualTo(401);
    assertThat(fixture.get(service, "/health", null).status()).isEqualTo(200);
  }

  @Test
  void healthFollowsTheStreamsStateAndMetricsArePrometheus() {
    final Answer ready = fixture.get(service, "/health/ready", null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().path("streams").asText()).isEqualTo("RUNNING");

    fixture.get(service, "/v1/countries");
    final Answer metrics = fixture.get(service, "/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains(
            "kafka_stream_",
            "casewatch_http_requests_seconds_count{method=\"GET\",route=\"/v1/countries\",status=\"200\"}",
            "jvm_memory_used_bytes");
  }

  @Test
  void withoutKafkaQueriesAre503WithRetryAfterWhileTheServiceStaysAlive() throws IOException {
    final Map<String, String> values = new HashMap<>();
    values.put("casewatch.bootstrap.servers", "localhost:1");
    values.put("casewatch.registry.url", "http://localhost:1");
    values.put("casewatch.http.port", "0");
    values.put("casewatch.auth.enabled", "false");
    values.put("casewatch.http.host", "127.0.0.1");
    values.put("casewatch.state.dir", Files.createTempDirectory("casewatch-down").toString());
    try (CasewatchService down = CasewatchService.start(ServiceConfig.from(values))) {
      final Answer answer = fixture.get(down, "/v1/countries/KZ", null);
      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.header("Retry-After")).isEqualTo("1");
      assertThat(fixture.get(down, "/health/ready", null).status()).isEqualTo(503);
      assertThat(fixture.get(down, "/health", null).status()).isEqualTo(200);
    }
  }
}
