package org.casewatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.gateway.Events.complaint;
import static org.casewatch.gateway.Events.newCaseId;
import static org.casewatch.gateway.Events.registered;
import static org.casewatch.gateway.GatewayClient.statuses;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.casewatch.access.AccessFile;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.Topics;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.HttpTestClient.Answer;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two coalitions of one country: each writes only its own cases, whichever gateway instance it goes
 * through and however long after the case was registered, and neither can take or block the other's
 * eventIds.
 */
@WithCasewatchKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseOwnershipIT {

  private final CasewatchCluster cluster;
  private final Path coalitions;
  private final String coalitionToken;
  private final String lawyersToken;
  private final GatewayServer gateway;
  private final GatewayClient client;

  CaseOwnershipIT(final CasewatchCluster cluster, @TempDir final Path dir) {
    this.cluster = cluster;
    cluster.createTopicsIfAbsent(3, Topics.allEvents().toArray(String[]::new));
    this.coalitions = dir.resolve("coalitions.yaml");
    this.coalitionToken =
        AccessFile.addToken(coalitions, "kz-coalition", Optional.of(Country.KZ)).token();
    this.lawyersToken =
        AccessFile.addToken(coalitions, "kz-lawyers", Optional.of(Country.KZ)).token();
    this.gateway = start();
    this.client = new GatewayClient(gateway.port());
  }

  private GatewayServer start() {
    return GatewayServer.start(
        GatewayConfig.defaults()
            .withPort(0)
            .withKafka(cluster.bootstrapServers(), cluster.registryUrl())
            .withAccessFile(coalitions));
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void anotherCoalitionsEventForACaseIs403AndNothingIsWritten() {
    final String caseId = newCaseId("KZ");
    assertThat(
            client.post(coalitionToken, registered("r-" + caseId, caseId, "2016-02-20")).status())
        .isEqualTo(202);

    final Answer answer = client.post(lawyersToken, complaint("c-" + caseId, caseId, "2016-03-02"));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.json().path("message").asText())
        .contains(
            "Case " + caseId + " belongs to another coalition", "kz-lawyers", "nothing was written")
        .doesNotContain("kz-coalition");
    assertThat(eventsOf(caseId))
        .extracting(CaseEvent::getCoalition)
        .containsExactly("kz-coalition");
    assertThat(client.post(coalitionToken, complaint("c-" + caseId, caseId, "2016-03-02")).status())
        .isEqualTo(202);
  }

  @Test
  void anEventIdIsScopedByCoalitionSoNoneCanSuppressAnothersEvent() {
    final String own = newCaseId("KZ");
    final String lawyers = newCaseId("KZ");
    final String sharedId = "complaint-0001";
    assertThat(statuses(client.post(coalitionToken, complaint(sharedId, own, "2016-03-02"))))
        .containsExactly("accepted");

    final Answer answer = client.post(lawyersToken, complaint(sharedId, lawyers, "2016-03-02"));

    assertThat(answer.status()).isEqualTo(202);
    assertThat(statuses(answer))
        .as("not 'duplicate', not 'unique': another coalition's eventId")
        .containsExactly("accepted");
    assertThat(eventsOf(lawyers)).extracting(CaseEvent::getEventId).containsExactly(sharedId);
    assertThat(statuses(client.post(coalitionToken, complaint(sharedId, own, "2016-03-02"))))
        .containsExactly("duplicate");
  }

  @Test
  void aGatewayStartedLaterOrElsewhereKnowsEveryCasesOwner() {
    final String before = newCaseId("KZ");
    assertThat(
            client.post(coalitionToken, registered("r-" + before, before, "2016-02-20")).status())
        .isEqualTo(202);
    try (GatewayServer second = start()) {
      final GatewayClient other = new GatewayClient(second.port());
      assertThat(other.post(lawyersToken, complaint("c-" + before, before, "2016-03-02")).status())
          .as("read from the topic at start")
          .isEqualTo(403);

      final String after = newCaseId("KZ");
      assertThat(
              client.post(coalitionToken, registered("r-" + after, after, "2016-02-20")).status())
          .isEqualTo(202);
      // An invalid event is refused either way (400 until the owner is known, 403 once it is), and
      // never written.
      final String invalid =
          "{\"type\":\"COMPLAINT_FILED\",\"eventId\":\"x\",\"caseId\":\"" + after + "\"}";
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> assertThat(other.post(lawyersToken, invalid).status()).isEqualTo(403));
      assertThat(eventsOf(after))
          .extracting(CaseEvent::getCoalition)
          .containsExactly("kz-coalition");
    }
  }

  private List<CaseEvent> eventsOf(final String caseId) {
    return cluster
        .readAll(
            Topics.events(Country.KZ),
            AvroDeserializer.specific(cluster.registryClient(), CaseEvent.class))
        .stream()
        .map(ConsumerRecord::value)
        .filter(event -> event.getCaseId().equals(caseId))
        .toList();
  }
}
