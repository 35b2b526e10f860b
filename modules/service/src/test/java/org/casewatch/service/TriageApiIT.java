package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.casewatch.access.CoalitionDirectory;
import org.casewatch.model.AlertAction;
import org.casewatch.model.AlertActionType;
import org.casewatch.model.AuditAction;
import org.casewatch.model.AuditOutcome;
import org.casewatch.model.AuditRecord;
import org.casewatch.model.ReprisalKind;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.HttpTestClient.Answer;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Coordinators act on alerts through {@code POST /v1/alerts/{alertId}/actions}: only triage tokens
 * may, every attempt leaves its audit record, an accepted action is in casewatch.alert-actions and
 * folded into the alert's triage, and a closed alert leaves the country's open counts.
 */
@WithCasewatchKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriageApiIT {

  private static final String ACKNOWLEDGED_CASE = "KZ-2016-0101";
  private static final String CLOSED_CASE = "KG-2016-0102";
  private static final String REFUSALS_CASE = "TJ-2016-0103";

  private final ServiceFixture fixture;
  private final CasewatchService service;

  TriageApiIT(final CasewatchCluster cluster) throws IOException {
    fixture = new ServiceFixture(cluster);
    service = CasewatchService.start(fixture.config("triage"));
    final List<org.casewatch.model.CaseEvent> events = new ArrayList<>();
    for (final String caseId : List.of(ACKNOWLEDGED_CASE, CLOSED_CASE, REFUSALS_CASE)) {
      events.add(aCase(caseId).registered(on("2016-02-01")));
      events.add(aCase(caseId).complaintFiled(on("2016-02-03")));
      events.add(
          aCase(caseId)
              .reprisal(on("2016-02-10"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT));
    }
    fixture.publish(events);
    for (final String caseId : List.of(ACKNOWLEDGED_CASE, CLOSED_CASE, REFUSALS_CASE)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(retaliation(caseId)).isNotNull());
    }
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void onlyATriageTokenActsAndEveryAttemptIsAudited() {
    final String path = actions(ACKNOWLEDGED_CASE);
    final String body = "{\"caseId\": \"" + ACKNOWLEDGED_CASE + "\", \"type\": \"ACKNOWLEDGED\"}";

    assertThat(fixture.post(service, path, null, body).status()).as("no token").isEqualTo(401);
    assertThat(fixture.post(service, path, fixture.coalitionToken(), body).status())
        .as("a coalition's")
        .isEqualTo(401);
    assertThat(fixture.post(service, path, fixture.auditorToken(), body).status())
        .as("an auditor's")
        .isEqualTo(403);
    final Answer readOnly = fixture.post(service, path, fixture.coordinatorToken(), body);
    assertThat(readOnly.status()).as("a read-only coordinator's").isEqualTo(403);
    assertThat(readOnly.json().path("message").asText()).contains("--triage");
    assertThat(fixture.post(service, path + "/", fixture.coordinatorToken(), body).status())
        .as("a read-only coordinator's, the same route with a trailing slash")
        .isEqualTo(403);
    assertThat(actionsOf(ACKNOWLEDGED_CASE)).as("nothing written for a refused request").isEmpty();

    final Answer accepted = fixture.post(service, path, fixture.triageToken(), body);
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.json().path("triage").path("state").asText()).isEqualTo("ACKNOWLEDGED");

    final String triageTokenId = CoalitionDirectory.tokenIdOf(fixture.triageToken()).orElseThrow();
    assertThat(actionsOf(ACKNOWLEDGED_CASE))
        .singleElement()
        .satisfies(
            action -> {
              assertThat(action.getType()).isEqualTo(AlertActionType.ACKNOWLEDGED);
              assertThat(action.getCaseId()).isEqualTo(ACKNOWLEDGED_CASE);
              assertThat(action.getCoordinator()).isEqualTo("bishkek-desk");
              assertThat(action.getTokenId()).isEqualTo(triageTokenId);
            });
    // The audit topic has partitions (by token): its records are in order per token only.
    final List<AuditRecord> audited =
        fixture.auditRecords().stream()
            .filter(
                record ->
                    record.getAction() == AuditAction.ALERT_ACTION && record.getPath().equals(path))
            .toList();
    // The trailing slash's attempt is recorded under the route's path.
    assertThat(audited)
        .extracting(AuditRecord::getStatus)
        .containsExactlyInAnyOrder(401, 401, 403, 403, 403, 202);
    assertThat(audited)
        .filteredOn(record -> record.getStatus() != 202)
        .allMatch(record -> record.getOutcome() == AuditOutcome.DENIED);
    assertThat(audited)
        .filteredOn(record -> record.getStatus() == 202)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.getTokenId()).isEqualTo(triageTokenId);
              assertThat(record.getCaseId()).isEqualTo(ACKNOWLEDGED_CASE);
              assertThat(record.getParameters())
                  .containsEntry("type", "ACKNOWLEDGED")
                  .containsEntry("caseId", ACKNOWLEDGED_CASE);
              assertThat(record.getOutcome()).isEqualTo(AuditOutcome.OK);
            });

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(retaliation(ACKNOWLEDGED_CASE).path("triage").path("state").asText())
                    .isEqualTo("ACKNOWLEDGED"));
    assertThat(retaliation(ACKNOWLEDGED_CASE).path("triage").path("lastActionBy").asText())
        .isEqualTo("bishkek-desk");
    assertThat(alertIds("/v1/alerts?triage=ACKNOWLEDGED")).contains(alertId(ACKNOWLEDGED_CASE));
    assertThat(alertIds("/v1/alerts?triage=NEW"))
        .doesNotContain(alertId(ACKNOWLEDGED_CASE))
        .contains(alertId(REFUSALS_CASE));
  }

  @Test
  void aClosedAlertLeavesItsCountrysOpenCountsUntilReopened() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(openRetaliations("KG")).isEqualTo(1));
    assertThat(act(CLOSED_CASE, "\"type\": \"ASSIGNED\", \"to\": \"regional-desk\"").status())
        .isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(alertIds("/v1/alerts?assignee=regional-desk"))
                    .containsExactly(alertId(CLOSED_CASE)));
    assertThat(act(CLOSED_CASE, "\"type\": \"CLOSED\", \"reason\": \"HANDLED\"").status())
        .isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(openRetaliations("KG")).isZero());
    final Answer again = act(CLOSED_CASE, "\"type\": \"CLOSED\", \"reason\": \"DUPLICATE\"");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("message").asText()).contains("was closed (HANDLED)", "reopen it");

    final String metrics = fixture.get(service, "/metrics").body();
    assertThat(metrics)
        .contains(
            "casewatch_alert_time_to_acknowledge_seconds_count{country=\"KG\",rule=\"RETALIATION\"}"
                + " 1\n",
            "casewatch_alert_time_to_close_seconds_count{country=\"KG\",rule=\"RETALIATION\"} 1\n",
            // The reprisal of 2016-02-10 waited years: beyond the last bucket, a year.
            "casewatch_alert_time_to_close_seconds_bucket{country=\"KG\",rule=\"RETALIATION\",le=\"3.1536E7\"}"
                + " 0\n");

    assertThat(act(CLOSED_CASE, "\"type\": \"REOPENED\"").status()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(openRetaliations("KG")).isEqualTo(1));
    assertThat(retaliation(CLOSED_CASE).path("triage").path("assignee").asText())
        .isEqualTo("regional-desk");
  }

  @Test
  void aBadOrMisdirectedActionIsRefusedWithWhatIsWrong() {
    final Answer unknownAlert =
        fixture.post(
            service,
            "/v1/alerts/0b5a4c2e-0000-4000-8000-000000000000/actions",
            fixture.triageToken(),
            "{\"caseId\": \"" + REFUSALS_CASE + "\", \"type\": \"ACKNOWLEDGED\"}");
    assertThat(unknownAlert.status()).isEqualTo(404);
    assertThat(unknownAlert.json().path("message").asText()).contains("has no alert");

    final Answer note =
        act(REFUSALS_CASE, "\"type\": \"ACKNOWLEDGED\", \"note\": \"spoke to A. B.\"");
    assertThat(note.status()).isEqualTo(400);
    assertThat(note.json().path("message").asText())
        .contains("field 'note' is not part of an action");

    final Answer twice = act(REFUSALS_CASE, "\"type\": \"ACKNOWLEDGED\", \"type\": \"CLOSED\"");
    assertThat(twice.status()).as("a field given twice").isEqualTo(400);
    final Answer trailing =
        fixture.post(
            service,
            actions(REFUSALS_CASE),
            fixture.triageToken(),
            "{\"caseId\": \""
                + REFUSALS_CASE
                + "\", \"type\": \"ACKNOWLEDGED\"} {\"note\": \"A. B.\"}");
    assertThat(trailing.status()).as("a second object after the first").isEqualTo(400);

    final Answer badType = act(REFUSALS_CASE, "\"type\": \"ESCALATED\"");
    assertThat(badType.status()).isEqualTo(400);
    assertThat(badType.json().path("allowed"))
        .extracting(JsonNode::asText)
        .contains("ACKNOWLEDGED", "REOPENED");

    final Answer stranger = act(REFUSALS_CASE, "\"type\": \"ASSIGNED\", \"to\": \"nobody-here\"");
    assertThat(stranger.status()).isEqualTo(400);
    assertThat(stranger.json().path("message").asText())
        .contains("not a coordinator in the access file");

    final Answer missingField = act(REFUSALS_CASE, "\"type\": \"CLOSED\"");
    assertThat(missingField.status()).isEqualTo(400);
    assertThat(missingField.json().path("message").asText()).contains("CLOSED takes 'reason'");

    final Answer reopenOpen = act(REFUSALS_CASE, "\"type\": \"REOPENED\"");
    assertThat(reopenOpen.status()).isEqualTo(409);
    assertThat(actionsOf(REFUSALS_CASE)).isEmpty();
    assertThat(fixture.auditRecords())
        .filteredOn(
            record ->
                record.getAction() == AuditAction.ALERT_ACTION
                    && REFUSALS_CASE.equals(record.getCaseId()))
        .extracting(AuditRecord::getStatus)
        .as("refused requests are on record under their case")
        .contains(400, 404, 409);
    assertThat(retaliation(REFUSALS_CASE).path("triage").isNull()).isTrue();
  }

  @Test
  void aCasesEventsAreReadOldestFirstAndTheReadIsOnRecord() {
    final Answer answer = fixture.get(service, "/v1/cases/" + REFUSALS_CASE + "/events");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("events"))
        .extracting(event -> event.path("type").asText())
        .containsExactly("CASE_REGISTERED", "COMPLAINT_FILED", "REPRISAL_REPORTED");
    assertThat(answer.json().path("events").get(2).path("payload").path("kind").asText())
        .isEqualTo("CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT");
    assertThat(fixture.get(service, "/v1/cases/TJ-2016-0999/events").status()).isEqualTo(404);
    assertThat(fixture.auditRecords())
        .filteredOn(record -> record.getPath().equals("/v1/cases/" + REFUSALS_CASE + "/events"))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.getAction()).isEqualTo(AuditAction.CASE_READ);
              assertThat(record.getCaseId()).isEqualTo(REFUSALS_CASE);
            });
    fixture.assertEveryAuditedReadIsRecorded();
  }

  private List<AlertAction> actionsOf(final String caseId) {
    return fixture.alertActions().stream()
        .filter(action -> action.getCaseId().equals(caseId))
        .toList();
  }

  private Answer act(final String caseId, final String fields) {
    return fixture.post(
        service,
        actions(caseId),
        fixture.triageToken(),
        "{\"caseId\": \"" + caseId + "\", " + fields + "}");
  }

  private String actions(final String caseId) {
    return "/v1/alerts/" + alertId(caseId) + "/actions";
  }

  private String alertId(final String caseId) {
    return retaliation(caseId).path("alertId").asText();
  }

  /** The case's RETALIATION alert as the API shows it, or null while there is none. */
  private JsonNode retaliation(final String caseId) {
    final Answer answer = fixture.get(service, "/v1/cases/" + caseId);
    if (answer.status() != 200) {
      return null;
    }
    for (final JsonNode alert : answer.json().path("alerts")) {
      if (alert.path("rule").asText().equals("RETALIATION")) {
        return alert;
      }
    }
    return null;
  }

  private List<String> alertIds(final String path) {
    final Answer answer = fixture.get(service, path);
    assertThat(answer.status()).as(path).isEqualTo(200);
    final List<String> ids = new ArrayList<>();
    answer.json().path("alerts").forEach(alert -> ids.add(alert.path("alertId").asText()));
    return ids;
  }

  private long openRetaliations(final String country) {
    return fixture
        .get(service, "/v1/countries/" + country)
        .json()
        .path("openAlertsByRule")
        .path("RETALIATION")
        .asLong();
  }
}
