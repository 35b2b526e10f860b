package org.casewatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.gateway.Events.array;
import static org.casewatch.gateway.Events.compensation;
import static org.casewatch.gateway.Events.complaint;
import static org.casewatch.gateway.Events.event;
import static org.casewatch.gateway.Events.newCaseId;
import static org.casewatch.gateway.GatewayClient.statuses;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Year;
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
 * What a red-team review sent the gateway, and the 400 each now gets before anything is written.
 */
@WithCasewatchKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputHardeningIT {

  private final CasewatchCluster cluster;
  private final String token;
  private final GatewayServer gateway;
  private final GatewayClient client;

  InputHardeningIT(final CasewatchCluster cluster, @TempDir final Path dir) {
    this.cluster = cluster;
    cluster.createTopicsIfAbsent(3, Topics.allEvents().toArray(String[]::new));
    final Path coalitions = dir.resolve("coalitions.yaml");
    this.token = AccessFile.addToken(coalitions, "tj-coalition", Optional.of(Country.TJ)).token();
    this.gateway =
        GatewayServer.start(
            GatewayConfig.defaults()
                .withPort(0)
                .withKafka(cluster.bootstrapServers(), cluster.registryUrl())
                .withAccessFile(coalitions)
                .withLimits(1024 * 1024, 1000));
    this.client = new GatewayClient(gateway.port());
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void anEventDatedBefore1970IsA400AndTheRestOfTheBatchIsJudgedAsUsual() {
    final String caseId = newCaseId("TJ");
    final String batch =
        array(
            complaint("ok-" + caseId, caseId, "2016-03-02"),
            complaint("y1969-" + caseId, caseId, "1969-12-31"),
            complaint("ymin-" + caseId, caseId, "-999999999-01-01T00:00:00Z"));

    final Answer answer = client.post(token, batch);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(statuses(answer)).containsExactly("accepted", "rejected", "rejected");
    assertThat(rules(answer, 1)).containsExactly("not-before-1970");
    assertThat(rules(answer, 2)).containsExactly("not-before-1970");
    assertThat(eventIds(caseId)).containsExactly("ok-" + caseId);

    final String other = newCaseId("TJ");
    final Answer atomic =
        client.post(
            token,
            array(
                complaint("a-" + other, other, "2016-03-02"),
                complaint("b-" + other, other, "-999999999-01-01T00:00:00Z")),
            "?atomic=true",
            "application/json");
    assertThat(atomic.status()).as("not 503: nothing was tried").isEqualTo(400);
    assertThat(statuses(atomic)).containsExactly("not-written", "rejected");
    assertThat(
            client
                .post(
                    token,
                    complaint("a-" + other, other, "2016-03-02"),
                    "?atomic=true",
                    "application/json")
                .status())
        .as("the transactional producer still works")
        .isEqualTo(202);
  }

  @Test
  void recordedAtBeforeItsEventIsA400() {
    final String caseId = newCaseId("TJ");
    final String event =
        "{\"recordedAt\":\"2016-03-01T00:00:00Z\","
            + complaint("r-" + caseId, caseId, "2016-03-02").substring(1);

    final Answer answer = client.post(token, event);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(rules(answer, 0)).containsExactly("not-before-occurred");
    assertThat(eventIds(caseId)).isEmpty();
  }

  @Test
  void anEventIdOutsideItsAlphabetIsA400() {
    final String caseId = newCaseId("TJ");
    final Answer answer =
        client.post(
            token,
            array(
                complaint("a/b-" + caseId, caseId, "2016-03-02"),
                complaint("=HYPERLINK(x)-" + caseId, caseId, "2016-03-02"),
                complaint("e\\u0000-" + caseId, caseId, "2016-03-02")));

    assertThat(statuses(answer)).containsExactly("rejected", "rejected", "rejected");
    assertThat(answer.json().path("results").findValuesAsText("rule")).containsOnly("pattern");
    assertThat(eventIds(caseId)).isEmpty();
  }

  @Test
  void aNameWrittenAsTheLegalArticleIsA400() {
    final String caseId = newCaseId("TJ");
    final Answer answer =
        client.post(
            token,
            array(
                event(
                    "INVESTIGATION_OPENED",
                    "o1-" + caseId,
                    caseId,
                    "2016-03-05",
                    "{\"authority\":\"PROSECUTOR\",\"legalArticle\":\"Petrov.Ivan.Almaty-SIZO1\"}"),
                event(
                    "INVESTIGATION_OPENED",
                    "o2-" + caseId,
                    caseId,
                    "2016-03-05",
                    "{\"authority\":\"PROSECUTOR\",\"legalArticle\":\"CC-143-1\"}")));

    assertThat(statuses(answer)).containsExactly("rejected", "accepted");
    assertThat(rules(answer, 0)).containsExactly("code");
    assertThat(eventIds(caseId)).containsExactly("o2-" + caseId);
  }

  @Test
  void aCaseIdOfAYearToComeIsA400() {
    final String caseId = "TJ-" + (Year.now().getValue() + 1) + "-0001";
    final Answer answer = client.post(token, complaint("n-" + caseId, caseId, "2016-03-02"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(rules(answer, 0)).containsExactly("year");
  }

  @Test
  void anAmountBeyondTheMaximumIs400() {
    final String caseId = newCaseId("TJ");
    final Answer answer =
        client.post(
            token,
            array(
                compensation("m1-" + caseId, caseId, Long.MAX_VALUE),
                compensation("m2-" + caseId, caseId, 1_000_000_000_000_001L),
                compensation("m3-" + caseId, caseId, 2_241_000)));

    assertThat(statuses(answer)).containsExactly("rejected", "rejected", "accepted");
    assertThat(rules(answer, 0)).containsExactly("max");
    assertThat(eventIds(caseId)).containsExactly("m3-" + caseId);
  }

  @Test
  void anAnswerListsTheFirst100ErrorsInUnder64KiBWhateverWasSent() {
    final StringBuilder junk = new StringBuilder("{");
    for (int i = 0; junk.length() < 900_000; i++) {
      junk.append("\"field-").append("x".repeat(200)).append(i).append("\":1,");
    }
    junk.append("\"type\":\"COMPLAINT_FILED\"}");
    final String body = junk.toString();

    final Answer answer = client.post(token, body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(64 * 1024);
    final JsonNode errors = answer.json().path("results").get(0).path("errors");
    assertThat(errors.size()).isEqualTo(100);
    assertThat(errors.get(0).path("field").asText()).hasSizeLessThanOrEqualTo(67);
    assertThat(answer.json().path("errorsNotListed").asInt()).isGreaterThan(3_000);
  }

  @Test
  void aBatchOfAThousandInvalidEventsIsAnsweredInUnder64KiB() {
    final StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 1_000; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append("{\"type\":\"COMPLAINT_FILED\",\"eventId\":\"")
          .append(("e" + i + "-").repeat(40))
          .append("\",\"caseId\":\"")
          .append("Z".repeat(200))
          .append("\",\"")
          .append("y".repeat(300))
          .append("\":\"")
          .append("v".repeat(100))
          .append("\"}");
    }
    final String body = batch.append("]").toString();

    final Answer answer = client.post(token, body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(64 * 1024);
    assertThat(statuses(answer)).isNotEmpty().containsOnly("rejected");
    assertThat(answer.json().path("rejected").asInt())
        .as("counted, listed or not")
        .isEqualTo(1_000);
    assertThat(answer.json().path("errorsNotListed").asInt()).isGreaterThan(0);
  }

  @Test
  void controlCharactersEchoedFromABatchStillFitIn64KiB() {
    final String control = "\\u0001".repeat(128);
    final StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 700; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append("{\"type\":\"")
          .append(i < 100 ? control : "COMPLAINT_FILED")
          .append("\",\"eventId\":\"")
          .append(control)
          .append("\",\"occurredAt\":\"")
          .append(control, 0, 48)
          .append("\"}");
    }
    final String body = batch.append("]").toString();

    final Answer answer = client.post(token, body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(64 * 1024);
    assertThat(statuses(answer)).isNotEmpty().containsOnly("rejected");
    assertThat(answer.json().path("rejected").asInt()).isEqualTo(700);
  }

  private static List<String> rules(final Answer answer, final int index) {
    return answer.json().path("results").get(index).path("errors").findValuesAsText("rule");
  }

  private List<String> eventIds(final String caseId) {
    return cluster
        .readAll(
            Topics.events(Country.TJ),
            AvroDeserializer.specific(cluster.registryClient(), CaseEvent.class))
        .stream()
        .map(ConsumerRecord::value)
        .filter(event -> event.getCaseId().equals(caseId))
        .map(CaseEvent::getEventId)
        .toList();
  }
}
