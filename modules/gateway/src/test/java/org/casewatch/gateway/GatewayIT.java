package org.casewatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.gateway.Events.array;
import static org.casewatch.gateway.Events.compensation;
import static org.casewatch.gateway.Events.complaint;
import static org.casewatch.gateway.Events.event;
import static org.casewatch.gateway.Events.newCaseId;
import static org.casewatch.gateway.Events.registered;
import static org.casewatch.gateway.Events.retraction;
import static org.casewatch.gateway.GatewayClient.statuses;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.casewatch.access.AccessFile;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.CompensationPaid;
import org.casewatch.model.Country;
import org.casewatch.model.DecisionAppealed;
import org.casewatch.model.EventRetracted;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.InvestigationResumed;
import org.casewatch.model.PlaceOfDetention;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.Sex;
import org.casewatch.model.TermExtended;
import org.casewatch.model.Topics;
import org.casewatch.model.UnBody;
import org.casewatch.model.UnCommunication;
import org.casewatch.model.UnStage;
import org.casewatch.model.VictimProfile;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.HttpTestClient.Answer;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every answer of POST /v1/events, against a real broker and registry. */
@WithCasewatchKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayIT {

  private final CasewatchCluster cluster;
  private final Path coalitions;
  private final String kazakhToken;
  private final String kyrgyzToken;
  private final GatewayServer gateway;
  private final GatewayClient client;

  GatewayIT(final CasewatchCluster cluster, @TempDir final Path dir) {
    this.cluster = cluster;
    cluster.createTopicsIfAbsent(3, Topics.allEvents().toArray(String[]::new));
    this.coalitions = dir.resolve("coalitions.yaml");
    this.kazakhToken =
        AccessFile.addToken(coalitions, "kz-coalition", Optional.of(Country.KZ)).token();
    this.kyrgyzToken =
        AccessFile.addToken(coalitions, "kg-coalition", Optional.of(Country.KG)).token();
    this.gateway =
        GatewayServer.start(
            GatewayConfig.defaults()
                .withPort(0)
                .withKafka(cluster.bootstrapServers(), cluster.registryUrl())
                .withAccessFile(coalitions)
                .withLimits(64 * 1024, 50));
    this.client = new GatewayClient(gateway.port());
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void oneEventIsAcceptedOnlyOnceKafkaHasItAndReadsBackEqual() {
    final String caseId = newCaseId("KZ");
    final Instant sent = Instant.now();
    final Answer answer =
        client.post(kazakhToken, registered("e-" + caseId, caseId, "2016-02-20T09:30:00Z"));
    final Instant answered = Instant.now();

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.json().path("accepted").asInt()).isEqualTo(1);
    final var result = answer.json().path("results").get(0);
    assertThat(result.path("status").asText()).isEqualTo("accepted");
    assertThat(result.path("topic").asText()).isEqualTo("casewatch.events.kz");
    final CaseEvent stored = eventsOf(Country.KZ, caseId).get(0);
    assertThat(stored.getPayload())
        .isEqualTo(
            CaseRegistered.newBuilder()
                .setAllegation(Allegation.TORTURE)
                .setPlaceOfDetention(PlaceOfDetention.POLICE_STATION)
                .setPerpetratorAgency(Agency.POLICE)
                .setVictim(new VictimProfile(Sex.FEMALE, AgeBand.AGE_30_44, true))
                .build());
    assertThat(stored.getEventId()).isEqualTo("e-" + caseId);
    assertThat(stored.getCountry()).isEqualTo(Country.KZ);
    assertThat(stored.getCoalition())
        .as("the token decides the coalition")
        .isEqualTo("kz-coalition");
    assertThat(stored.getOccurredAt()).isEqualTo(Instant.parse("2016-02-20T09:30:00Z"));
    assertThat(result.path("partition").asInt()).isGreaterThanOrEqualTo(0);
    assertThat(result.path("offset").asLong()).isGreaterThanOrEqualTo(0);
    final ConsumerRecord<String, CaseEvent> record = recordsOf(Country.KZ, caseId).get(0);
    assertThat(record.timestampType())
        .as("event topics are stamped by the broker")
        .isEqualTo(TimestampType.LOG_APPEND_TIME);
    assertThat(Instant.ofEpochMilli(record.timestamp()))
        .as("the record's timestamp is the event's arrival, not 2016")
        .isBetween(sent.minusSeconds(1), answered);
  }

  @Test
  void aDateIsTheStartOfThatLocalDayAndARetractionIsAnEventLikeAnyOther() {
    final String caseId = newCaseId("KZ");
    final Answer answer =
        client.post(
            kazakhToken,
            array(
                complaint("c-" + caseId, caseId, "2016-03-02"),
                retraction("r-" + caseId, caseId, "c-" + caseId),
                retraction("s-" + caseId, caseId, "s-" + caseId)));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(statuses(answer)).containsExactly("accepted", "accepted", "rejected");
    assertThat(answer.json().path("results").get(2).path("errors").get(0).path("field").asText())
        .isEqualTo("payload.retractedEventId");
    assertThat(answer.json().path("results").get(2).path("errors").get(0).path("rule").asText())
        .isEqualTo("not-itself");
    final List<CaseEvent> stored = eventsOf(Country.KZ, caseId);
    assertThat(stored)
        .extracting(CaseEvent::getEventId)
        .containsExactlyInAnyOrder("c-" + caseId, "r-" + caseId);
    assertThat(stored)
        .filteredOn(event -> event.getEventId().equals("c-" + caseId))
        .singleElement()
        .extracting(CaseEvent::getOccurredAt)
        .as("2 March 2016 began at 00:00 in Almaty, UTC+06:00")
        .isEqualTo(Instant.parse("2016-03-01T18:00:00Z"));
    assertThat(stored)
        .filteredOn(event -> event.getEventId().equals("r-" + caseId))
        .singleElement()
        .extracting(CaseEvent::getPayload)
        .isEqualTo(new EventRetracted("c-" + caseId, RetractionReason.ENTERED_IN_ERROR));
  }

  @Test
  void aMixedBatchAcceptsTheValidEventsAndListsEachError() {
    final String caseId = newCaseId("KZ");
    final Answer answer =
        client.post(
            kazakhToken,
            array(
                complaint("c-" + caseId, caseId, "2016-03-02"),
                compensation("m-" + caseId, caseId, -5),
                "{\"type\":\"COMPLAINT_FILED\",\"eventId\":\"x-"
                    + caseId
                    + "\",\"caseId\":\""
                    + caseId
                    + "\",\"occurredAt\":\"yesterday\",\"payload\":{\"authority\":\"KGB\",\"name\":\"A."
                    + " B.\"}}",
                registered("r-" + caseId, caseId, "2016-03-01")));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(statuses(answer)).containsExactly("accepted", "rejected", "rejected", "accepted");
    assertThat(answer.json().path("results").get(1).path("errors").get(0).path("field").asText())
        .isEqualTo("payload.amountMinor");
    assertThat(answer.json().path("results").get(1).path("errors").get(0).path("rule").asText())
        .isEqualTo("not-negative");
    assertThat(answer.json().path("results").get(2).path("errors").findValuesAsText("field"))
        .contains("occurredAt", "payload.authority", "payload.name");
    assertThat(eventsOf(Country.KZ, caseId))
        .extracting(CaseEvent::getEventId)
        .containsExactlyInAnyOrder("c-" + caseId, "r-" + caseId);
  }

  @Test
  void eventsOfContractV2AreAcceptedNextToV1OnesAndTheirMistakesRejectedOneByOne() {
    final String caseId = newCaseId("KZ");
    final Answer answer =
        client.post(
            kazakhToken,
            array(
                complaint("c-" + caseId, caseId, "2016-03-02"),
                event(
                    "INVESTIGATION_CLOSED",
                    "x-" + caseId,
                    caseId,
                    "2016-03-10",
                    "{\"outcome\":\"REFUSED_TO_INITIATE\"}"),
                event(
                    "DECISION_APPEALED",
                    "a-" + caseId,
                    caseId,
                    "2016-03-15",
                    "{\"decisionEventId\":\"x-" + caseId + "\",\"authority\":\"COURT\"}"),
                event("TERM_EXTENDED", "t-" + caseId, caseId, "2016-05-01", "{\"days\":0}"),
                event("INVESTIGATION_RESUMED", "r-" + caseId, caseId, "2016-08-01", "{}"),
                event(
                    "FORENSIC_EXAMINATION",
                    "f-" + caseId,
                    caseId,
                    "2016-03-03",
                    "{\"stage\":\"DONE\",\"examiner\":\"STATE_BUREAU\"}"),
                event(
                    "UN_COMMUNICATION",
                    "u-" + caseId,
                    caseId,
                    "2016-10-03",
                    "{\"body\":\"COMMITTEE_AGAINST_TORTURE\",\"stage\":\"SUBMITTED\"}"),
                event(
                    "COMPENSATION_PAID",
                    "p-" + caseId,
                    caseId,
                    "2016-12-20",
                    "{\"amountMinor\":250000,\"currency\":\"KZT\"}"),
                event("TERM_EXTENDED", "e-" + caseId, caseId, "2016-05-02", "{\"days\":60}")));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(statuses(answer))
        .containsExactly(
            "accepted",
            "accepted",
            "accepted",
            "rejected",
            "accepted",
            "rejected",
            "accepted",
            "accepted",
            "accepted");
    final var days = answer.json().path("results").get(3);
    assertThat(days.path("index").asInt()).isEqualTo(3);
    assertThat(days.path("eventId").asText()).isEqualTo("t-" + caseId);
    assertThat(days.path("errors").get(0).path("field").asText()).isEqualTo("payload.days");
    assertThat(days.path("errors").get(0).path("rule").asText()).isEqualTo("range");
    final var stage = answer.json().path("results").get(5).path("errors").get(0);
    assertThat(stage.path("field").asText()).isEqualTo("payload.stage");
    assertThat(stage.path("message").asText()).contains("'DONE'", "REQUESTED, CONDUCTED, REFUSED");
    final Map<String, Object> stored =
        eventsOf(Country.KZ, caseId).stream()
            .collect(Collectors.toMap(CaseEvent::getEventId, CaseEvent::getPayload));
    assertThat(stored)
        .containsOnlyKeys(
            "c-" + caseId,
            "x-" + caseId,
            "a-" + caseId,
            "r-" + caseId,
            "u-" + caseId,
            "p-" + caseId,
            "e-" + caseId);
    assertThat(stored.get("x-" + caseId))
        .isEqualTo(new InvestigationClosed(InvestigationOutcome.REFUSED_TO_INITIATE));
    assertThat(stored.get("a-" + caseId))
        .isEqualTo(new DecisionAppealed("x-" + caseId, Authority.COURT));
    assertThat(stored.get("r-" + caseId)).isEqualTo(new InvestigationResumed());
    assertThat(stored.get("u-" + caseId))
        .isEqualTo(new UnCommunication(UnBody.COMMITTEE_AGAINST_TORTURE, UnStage.SUBMITTED));
    assertThat(stored.get("p-" + caseId)).isEqualTo(new CompensationPaid(250_000L, "KZT"));
    assertThat(stored.get("e-" + caseId)).isEqualTo(new TermExtended(60));
  }

  @Test
  void anAtomicBatchIsAllOrNothing() {
    final String caseId = newCaseId("KG");
    final Answer refused =
        client.post(
            kyrgyzToken,
            array(
                complaint("a1-" + caseId, caseId, "2016-03-02"),
                compensation("a2-" + caseId, caseId, -1)),
            "?atomic=true",
            "application/json");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(statuses(refused)).containsExactly("not-written", "rejected");
    assertThat(eventsOf(Country.KG, caseId)).isEmpty();

    final Answer accepted =
        client.post(
            kyrgyzToken,
            array(
                complaint("a1-" + caseId, caseId, "2016-03-02"),
                compensation("a3-" + caseId, caseId, 100)),
            "?atomic=true",
            "application/json");

    assertThat(accepted.status()).isEqualTo(202);
    // The commit returns before its markers are written: read_committed readers see the batch a
    // moment later.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(eventsOf(Country.KG, caseId))
                    .extracting(CaseEvent::getEventId)
                    .containsExactlyInAnyOrder("a1-" + caseId, "a3-" + caseId));
  }

  @Test
  void withoutOrWithAWrongTokenIs401() {
    final String caseId = newCaseId("KZ");
    assertThat(client.post(null, complaint("u-" + caseId, caseId, "2016-03-02")).status())
        .isEqualTo(401);
    final Answer wrong =
        client.post(
            "cw_000000000000_" + "A".repeat(43), complaint("u-" + caseId, caseId, "2016-03-02"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(eventsOf(Country.KZ, caseId)).isEmpty();
  }

  @Test
  void aRevokedTokenStopsWorkingWithoutARestart() {
    final var issued = AccessFile.addToken(coalitions, "kz-coalition", Optional.empty());
    final String caseId = newCaseId("KZ");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client
                        .post(issued.token(), complaint("v1-" + caseId, caseId, "2016-03-02"))
                        .status()
                    == 202);

    assertThat(AccessFile.revokeToken(coalitions, issued.id())).isTrue();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client
                        .post(issued.token(), complaint("v2-" + caseId, caseId, "2016-03-03"))
                        .status()
                    == 401);
    assertThat(client.post(kazakhToken, complaint("v3-" + caseId, caseId, "2016-03-04")).status())
        .isEqualTo(202);
  }

  @Test
  void anotherCountrysEventIs403AndNothingIsWritten() {
    final String own = newCaseId("KZ");
    final String uzbek = newCaseId("UZ");
    final Answer answer =
        client.post(
            kazakhToken,
            array(
                complaint("o-" + own, own, "2016-03-02"),
                complaint("t-" + uzbek, uzbek, "2016-03-02")));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.json().path("message").asText())
        .contains("kz-coalition", "UZ", "nothing was written");
    assertThat(eventsOf(Country.KZ, own)).isEmpty();
    assertThat(eventsOf(Country.UZ, uzbek)).isEmpty();

    final String claimsUzbek =
        "{\"country\":\"UZ\"," + complaint("p-" + own, own, "2016-03-02").substring(1);
    assertThat(client.post(kazakhToken, claimsUzbek).status())
        .as("the body cannot override the token")
        .isEqualTo(403);
  }

  @Test
  void tooLargeIs413() {
    final String caseId = newCaseId("KZ");
    final String[] tooMany = new String[51];
    for (int i = 0; i < tooMany.length; i++) {
      tooMany[i] = complaint("b" + i + "-" + caseId, caseId, "2016-03-02");
    }
    assertThat(client.post(kazakhToken, array(tooMany)).status()).isEqualTo(413);
    final String tooLong = "[" + "\"x\",".repeat(20_000) + "\"x\"]";
    for (int i = 0; i < 20; i++) {
      assertThat(client.post(kazakhToken, tooLong).status())
          .as("the answer, not a reset, while sending")
          .isEqualTo(413);
    }
    assertThat(eventsOf(Country.KZ, caseId)).isEmpty();
  }

  @Test
  void notJsonIs415AndBrokenJsonIs400() {
    final String caseId = newCaseId("KZ");
    assertThat(
            client
                .post(kazakhToken, complaint("j-" + caseId, caseId, "2016-03-02"), "", "text/csv")
                .status())
        .isEqualTo(415);
    final Answer broken = client.post(kazakhToken, "{\"type\":");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().path("error").asText()).isEqualTo("invalid-json");
  }

  @Test
  void resendingAnEventIsHarmlessAndSaidToBeADuplicate() {
    final String caseId = newCaseId("KZ");
    final String event = complaint("d-" + caseId, caseId, "2016-03-02");
    final Answer first = client.post(kazakhToken, event);
    final Answer again = client.post(kazakhToken, event);

    assertThat(statuses(first)).containsExactly("accepted");
    assertThat(again.status()).isEqualTo(202);
    assertThat(statuses(again)).containsExactly("duplicate");
    assertThat(again.json().path("results").get(0).path("offset").asLong())
        .isEqualTo(first.json().path("results").get(0).path("offset").asLong());
    assertThat(eventsOf(Country.KZ, caseId)).hasSize(1);

    final Answer reused = client.post(kazakhToken, complaint("d-" + caseId, caseId, "2016-03-09"));
    assertThat(reused.status()).isEqualTo(400);
    assertThat(reused.json().path("results").get(0).path("errors").get(0).path("rule").asText())
        .isEqualTo("unique");
  }

  @Test
  void servesItsOpenApiDocument() {
    final Answer answer = client.get("/v1/openapi.json");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("paths").has("/v1/events")).isTrue();
  }

  private List<CaseEvent> eventsOf(final Country country, final String caseId) {
    return recordsOf(country, caseId).stream().map(ConsumerRecord::value).toList();
  }

  private List<ConsumerRecord<String, CaseEvent>> recordsOf(
      final Country country, final String caseId) {
    return cluster
        .readAll(
            Topics.events(country),
            AvroDeserializer.specific(cluster.registryClient(), CaseEvent.class))
        .stream()
        .filter(record -> record.value().getCaseId().equals(caseId))
        .toList();
  }
}
