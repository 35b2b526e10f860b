package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.casewatch.access.CoalitionDirectory;
import org.casewatch.model.AuditAction;
import org.casewatch.model.AuditOutcome;
import org.casewatch.model.AuditRecord;
import org.casewatch.model.AuditRole;
import org.casewatch.model.ReprisalKind;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.HttpTestClient.Answer;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The audit of reads: every case-level read, refused ones included, is in casewatch.audit as soon
 * as it is answered; auditors read the audit and nothing else; coordinators cannot read the audit.
 */
@WithCasewatchKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceAuditIT {

  private static final String CASE = "KZ-2016-0001";

  private final CasewatchCluster cluster;
  private final ServiceFixture fixture;
  private final CasewatchService service;
  private final String coordinatorId;
  private final String auditorId;

  ServiceAuditIT(final CasewatchCluster cluster) throws IOException {
    this.cluster = cluster;
    fixture = new ServiceFixture(cluster);
    service = CasewatchService.start(fixture.config("audit"));
    coordinatorId = CoalitionDirectory.tokenIdOf(fixture.coordinatorToken()).orElseThrow();
    auditorId = CoalitionDirectory.tokenIdOf(fixture.auditorToken()).orElseThrow();
    fixture.publish(
        List.of(
            aCase(CASE).registered(on("2016-02-01")),
            aCase(CASE).complaintFiled(on("2016-02-03")),
            aCase(CASE)
                .reprisal(
                    on("2016-02-10"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT)));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(fixture.get(service, "/v1/cases/" + CASE).status()).isEqualTo(200));
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void aCaseReadIsRecordedWithWhoWhatWhenWhereAndTheResult() {
    assertThat(fixture.get(service, "/v1/cases/" + CASE).status()).isEqualTo(200);

    final AuditRecord record = last(fixture.auditRecords(), coordinatorId, AuditAction.CASE_READ);
    assertThat(record.getRole()).isEqualTo(AuditRole.COORDINATOR);
    assertThat(record.getCaseId()).isEqualTo(CASE);
    assertThat(record.getPath()).isEqualTo("/v1/cases/" + CASE);
    assertThat(record.getOutcome()).isEqualTo(AuditOutcome.OK);
    assertThat(record.getStatus()).isEqualTo(200);
    assertThat(record.getOrigin()).isNotBlank();
    assertThat(record.getInstance()).endsWith(":" + service.port());
    assertThat(record.getAt())
        .isCloseTo(
            java.time.Instant.now(),
            org.assertj.core.api.Assertions.within(60, java.time.temporal.ChronoUnit.SECONDS));
  }

  @Test
  void aPercentEncodedCaseReadIsRecordedUnderItsCaseId() {
    final String encoded =
        "%" + Integer.toHexString(CASE.charAt(0)) + CASE.substring(1).replace("-", "%2D");
    assertThat(fixture.get(service, "/v1/cases/" + encoded).status()).isEqualTo(200);

    final AuditRecord record = last(fixture.auditRecords(), coordinatorId, AuditAction.CASE_READ);
    assertThat(record.getPath()).isEqualTo("/v1/cases/" + encoded);
    assertThat(record.getCaseId()).isEqualTo(CASE);
  }

  @Test
  void everyAuditedRouteIsRecordedWithItsParameters() throws Exception {
    assertThat(fixture.get(service, "/v1/cases?country=KZ&limit=5").status()).isEqualTo(200);
    assertThat(fixture.get(service, "/v1/alerts?country=KZ").status()).isEqualTo(200);
    assertThat(fixture.get(service, "/v1/cases/KG-2016-0999").status())
        .as("no such case")
        .isEqualTo(404);
    final HttpResponse<InputStream> stream =
        fixture
            .client(service)
            .open(Access.STREAM + "?country=KZ&access_token=" + fixture.coordinatorToken());
    assertThat(stream.statusCode()).isEqualTo(200);
    stream.body().close();

    final List<AuditRecord> records = fixture.auditRecords();
    assertThat(last(records, coordinatorId, AuditAction.CASES_LIST).getParameters())
        .containsEntry("country", "KZ")
        .containsEntry("limit", "5");
    assertThat(last(records, coordinatorId, AuditAction.ALERTS_LIST).getParameters())
        .containsEntry("country", "KZ");
    final AuditRecord missing =
        records.stream()
            .filter(r -> "KG-2016-0999".equals(r.getCaseId()))
            .findFirst()
            .orElseThrow();
    assertThat(missing.getOutcome()).isEqualTo(AuditOutcome.FAILED);
    assertThat(missing.getStatus()).isEqualTo(404);
    final AuditRecord opened = last(records, coordinatorId, AuditAction.ALERT_STREAM);
    assertThat(opened.getParameters())
        .as("the token is a secret, never kept")
        .containsOnlyKeys("country");
    assertThat(opened.getStatus()).isEqualTo(200);
    fixture.assertEveryAuditedReadIsRecorded();
  }

  @Test
  void refusedAttemptsAreRecorded() {
    assertThat(fixture.get(service, "/v1/cases/" + CASE, null).status()).isEqualTo(401);
    assertThat(fixture.get(service, "/v1/cases/" + CASE, fixture.coalitionToken()).status())
        .isEqualTo(401);

    final List<AuditRecord> denied =
        fixture.auditRecords().stream()
            .filter(r -> r.getOutcome() == AuditOutcome.DENIED && CASE.equals(r.getCaseId()))
            .toList();
    assertThat(denied)
        .extracting(AuditRecord::getTokenId)
        .contains("none", CoalitionDirectory.tokenIdOf(fixture.coalitionToken()).orElseThrow());
    assertThat(denied)
        .extracting(AuditRecord::getRole)
        .contains(AuditRole.UNKNOWN, AuditRole.COALITION);
    fixture.assertEveryAuditedReadIsRecorded();
  }

  @Test
  void coordinatorsCannotReadTheAudit() {
    final Answer coordinator = fixture.get(service, "/v1/audit");
    assertThat(coordinator.status()).isEqualTo(403);
    assertThat(coordinator.json().path("message").asText()).contains("Only auditors");
    assertThat(fixture.get(service, "/v1/audit", fixture.coalitionToken()).status()).isEqualTo(403);
    assertThat(fixture.get(service, "/v1/audit", null).status()).isEqualTo(401);
    assertThat(last(fixture.auditRecords(), coordinatorId, AuditAction.AUDIT_READ).getOutcome())
        .isEqualTo(AuditOutcome.DENIED);
  }

  @Test
  void auditorsCannotReadCasesAlertsOrFigures() {
    for (final String path :
        List.of(
            "/v1/cases/" + CASE,
            "/v1/cases",
            "/v1/alerts",
            "/v1/countries",
            "/v1/countries/KZ",
            Access.STREAM)) {
      final Answer answer = fixture.get(service, path, fixture.auditorToken());
      assertThat(answer.status()).as(path).isEqualTo(403);
      assertThat(answer.json().path("message").asText()).as(path).contains("/v1/audit");
    }
    final AuditRecord refused = last(fixture.auditRecords(), auditorId, AuditAction.CASE_READ);
    assertThat(refused.getRole()).isEqualTo(AuditRole.AUDITOR);
    assertThat(refused.getOutcome()).isEqualTo(AuditOutcome.DENIED);
  }

  @Test
  void anAuditorPagesThroughACasesRecordsOldestFirstWithoutRepeats() {
    for (int i = 0; i < 5; i++) {
      assertThat(fixture.get(service, "/v1/cases/" + CASE).status()).isEqualTo(200);
    }
    final long expected =
        fixture.auditRecords().stream().filter(r -> CASE.equals(r.getCaseId())).count();

    final List<JsonNode> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      final Answer page =
          fixture.get(
              service,
              "/v1/audit?caseId=" + CASE + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
              fixture.auditorToken());
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().path("records").forEach(seen::add);
      assertThat(page.json().path("records").size()).isLessThanOrEqualTo(2);
      cursor =
          page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asText();
      pages++;
    } while (cursor != null && pages < 100);

    assertThat(seen).hasSize((int) expected);
    final Set<String> ids = new HashSet<>();
    seen.forEach(
        record -> assertThat(ids.add(record.path("auditId").asText())).as("no repeats").isTrue());
    assertThat(seen)
        .allSatisfy(record -> assertThat(record.path("caseId").asText()).isEqualTo(CASE));
    final List<String> times = seen.stream().map(record -> record.path("at").asText()).toList();
    assertThat(times)
        .isSortedAccordingTo(
            (a, b) -> java.time.Instant.parse(a).compareTo(java.time.Instant.parse(b)));
    assertThat(last(fixture.auditRecords(), auditorId, AuditAction.AUDIT_READ).getParameters())
        .as("reading the audit is itself audited")
        .containsEntry("caseId", CASE);
  }

  @Test
  void theAuditIsFilteredByTokenAndTime() {
    assertThat(fixture.get(service, "/v1/alerts").status()).isEqualTo(200);

    final Answer mine =
        fixture.get(
            service, "/v1/audit?tokenId=" + coordinatorId + "&limit=1000", fixture.auditorToken());
    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.json().path("records"))
        .isNotEmpty()
        .allSatisfy(record -> assertThat(record.path("tokenId").asText()).isEqualTo(coordinatorId));
    final Answer future =
        fixture.get(service, "/v1/audit?since=2999-01-01", fixture.auditorToken());
    assertThat(future.json().path("records")).isEmpty();
    assertThat(future.json().path("nextCursor").isNull()).isTrue();
  }

  @Test
  void aMalformedCursorOrLimitIs400() {
    final String forged =
        "a1."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("99:0".getBytes(StandardCharsets.US_ASCII));
    for (final String query :
        List.of(
            "cursor=nonsense",
            "cursor=a1.%21%21",
            "cursor=" + forged,
            "limit=0",
            "limit=1001",
            "limit=ten",
            "since=yesterday",
            "caseId=Petrov",
            "severity=HIGH",
            "since=%2B300000000-01-01T00:00:00Z",
            "since=-300000000-01-01T00:00:00Z")) {
      final Answer answer = fixture.get(service, "/v1/audit?" + query, fixture.auditorToken());
      assertThat(answer.status()).as(query).isEqualTo(400);
      assertThat(answer.json().path("message").asText()).as(query).isNotBlank();
    }
  }

  @Test
  void aReadThatCannotBeRecordedIsNotAnswered() throws Exception {
    final String before = fixture.get(service, "/v1/cases/" + CASE).body();
    assertThat(before).contains(CASE);
    recordsOfAtMost("100");
    try {
      // The broker applies a topic's new settings shortly after the change, not at once.
      final Answer refused =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> fixture.get(service, "/v1/cases/" + CASE),
                  answer -> answer.status() != 200);

      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.body()).doesNotContain("\"case\"").contains("audit");
      assertThat(refused.header("Retry-After")).isNotBlank();
      final Answer stream =
          fixture
              .client(service)
              .get(Access.STREAM + "?access_token=" + fixture.coordinatorToken());
      assertThat(stream.status()).as("the stream does not open unrecorded").isEqualTo(503);
    } finally {
      recordsOfAtMost("1048588");
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(fixture.get(service, "/v1/cases/" + CASE).status()).isEqualTo(200));
  }

  /**
   * Makes the audit topic refuse records larger than {@code bytes}: an audit that cannot be
   * written.
   */
  private void recordsOfAtMost(final String bytes) throws Exception {
    cluster
        .admin()
        .incrementalAlterConfigs(
            Map.of(
                new ConfigResource(ConfigResource.Type.TOPIC, fixture.auditTopic()),
                List.of(
                    new AlterConfigOp(
                        new ConfigEntry("max.message.bytes", bytes), AlterConfigOp.OpType.SET))))
        .all()
        .get(30, TimeUnit.SECONDS);
  }

  private static AuditRecord last(
      final List<AuditRecord> records, final String tokenId, final AuditAction action) {
    return records.stream()
        .filter(r -> r.getTokenId().equals(tokenId) && r.getAction() == action)
        .reduce((first, second) -> second)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + action + " record for token " + tokenId + " in " + records));
  }
}
