package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.on;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.casewatch.model.CaseEvent;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.SyntheticHistory;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.Test;

/**
 * Two instances share the work: each answers every query (fetching what the other holds), their
 * answers agree, and when one stops the other answers everything once it has taken over.
 */
@WithCasewatchKafka
class TwoInstancesIT {

  private final CasewatchCluster cluster;

  TwoInstancesIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void eitherInstanceAnswersEveryQueryAndTheSurvivorTakesOver() throws IOException {
    final ServiceFixture fixture = new ServiceFixture(cluster);
    final List<CaseEvent> history = SyntheticHistory.generate(11, 8, on("2016-01-01"));
    final List<String> caseIds = history.stream().map(CaseEvent::getCaseId).distinct().toList();
    try (CasewatchService a = CasewatchService.start(fixture.config("a"));
        CasewatchService b = CasewatchService.start(fixture.config("b"))) {
      await().atMost(Duration.ofSeconds(90)).until(() ->
          a.state() == KafkaStreams.State.RUNNING && b.state() == KafkaStreams.State.RUNNING);
      fixture.publish(history);
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
        final ServiceFixture.Answer countries = fixture.get(a, "/v1/countries");
        assertThat(countries.status()).isEqualTo(200);
        assertThat(countries.body().findValues("casesRegistered").stream().mapToInt(n -> n.asInt()).sum())
            .isEqualTo(caseIds.size());
      });
      // Wait until the backlog is fully processed, including the live wall-clock check that follows
      // it once the input has been idle for an interval: the figures stop changing.
      final AtomicReference<String> figures = new AtomicReference<>("");
      await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        final String now = fixture.get(a, "/v1/countries").body().toString() + fixture.get(a, "/v1/alerts?limit=500").body();
        return now.equals(figures.getAndSet(now));
      });
      assertThat(fixture.get(b, "/v1/countries").body()).isEqualTo(fixture.get(a, "/v1/countries").body());
      assertThat(fixture.get(b, "/v1/alerts?limit=500").body()).isEqualTo(fixture.get(a, "/v1/alerts?limit=500").body());
      for (final String caseId : caseIds) {
        final ServiceFixture.Answer viaA = fixture.get(a, "/v1/cases/" + caseId);
        final ServiceFixture.Answer viaB = fixture.get(b, "/v1/cases/" + caseId);
        assertThat(viaA.status()).as(caseId).isEqualTo(200);
        assertThat(viaA.body().path("case").path("caseId").asText()).isEqualTo(caseId);
        assertThat(viaB.body()).as(caseId).isEqualTo(viaA.body());
      }
      final String before = fixture.get(b, "/v1/countries").body().toString();
      a.close();

      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
        assertThat(fixture.get(b, "/v1/countries").body().toString()).isEqualTo(before);
        for (final String caseId : caseIds) {
          assertThat(fixture.get(b, "/v1/cases/" + caseId).status()).as(caseId).isEqualTo(200);
        }
      });
    }
  }
}
