package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.service.ServiceFixture.registered;
import static org.casewatch.testkit.CaseEvents.on;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.Sex;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.HttpTestClient.Answer;
import org.casewatch.testkit.SyntheticHistory;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.Test;

/**
 * Two instances share the work: each answers every query (fetching what the other holds), their
 * answers agree — the case list and the alerts filtered by the case's profile included — and when
 * one stops the other answers everything once it has taken over.
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
    final List<String> caseIds =
        SyntheticHistory.generate(11, 8, on("2016-01-01")).stream()
            .map(CaseEvent::getCaseId)
            .distinct()
            .toList();
    final Map<String, CaseRegistered> profiles = new HashMap<>();
    final List<CaseEvent> history =
        withProfiles(SyntheticHistory.generate(11, 8, on("2016-01-01")), caseIds, profiles);
    try (CasewatchService a = CasewatchService.start(fixture.config("a"));
        CasewatchService b = CasewatchService.start(fixture.config("b"))) {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  a.state() == KafkaStreams.State.RUNNING
                      && b.state() == KafkaStreams.State.RUNNING);
      fixture.publish(history);
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                final Answer countries = fixture.get(a, "/v1/countries");
                assertThat(countries.status()).isEqualTo(200);
                assertThat(
                        countries.json().findValues("casesRegistered").stream()
                            .mapToInt(n -> n.asInt())
                            .sum())
                    .isEqualTo(caseIds.size());
              });
      // Wait until the backlog is fully processed, including the live wall-clock check that follows
      // it once the input has been idle for an interval: the figures stop changing.
      final AtomicReference<String> figures = new AtomicReference<>("");
      await()
          .during(Duration.ofSeconds(12))
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                final String now =
                    fixture.get(a, "/v1/countries").json().toString()
                        + fixture.get(a, "/v1/alerts?limit=500").json();
                return now.equals(figures.getAndSet(now));
              });
      assertThat(fixture.get(b, "/v1/countries").json())
          .isEqualTo(fixture.get(a, "/v1/countries").json());
      assertThat(fixture.get(b, "/v1/alerts?limit=500").json())
          .isEqualTo(fixture.get(a, "/v1/alerts?limit=500").json());
      for (final String caseId : caseIds) {
        final Answer viaA = fixture.get(a, "/v1/cases/" + caseId);
        final Answer viaB = fixture.get(b, "/v1/cases/" + caseId);
        assertThat(viaA.status()).as(caseId).isEqualTo(200);
        assertThat(viaA.json().path("case").path("caseId").asText()).isEqualTo(caseId);
        assertThat(viaB.json()).as(caseId).isEqualTo(viaA.json());
        final Answer eventsViaA = fixture.get(a, "/v1/cases/" + caseId + "/events");
        assertThat(eventsViaA.json().path("events")).as(caseId + " events").isNotEmpty();
        assertThat(fixture.get(b, "/v1/cases/" + caseId + "/events").json())
            .as(caseId + " events")
            .isEqualTo(eventsViaA.json());
      }
      assertThat(fixture.get(b, "/v1/cases?limit=500").json())
          .isEqualTo(fixture.get(a, "/v1/cases?limit=500").json());
      assertThat(fixture.get(a, "/v1/cases?limit=500").json().path("cases"))
          .hasSize(caseIds.size());
      assertThat(fixture.get(b, "/v1/alerts?severity=MEDIUM&limit=500").json())
          .isEqualTo(fixture.get(a, "/v1/alerts?severity=MEDIUM&limit=500").json());
      assertProfileFiltersJoinAcrossInstances(fixture, a, b, profiles);
      final String before = fixture.get(b, "/v1/countries").json().toString();
      a.close();

      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                assertThat(fixture.get(b, "/v1/countries").json().toString()).isEqualTo(before);
                for (final String caseId : caseIds) {
                  assertThat(fixture.get(b, "/v1/cases/" + caseId).status())
                      .as(caseId)
                      .isEqualTo(200);
                }
              });
    }
  }

  /**
   * The profile of a case lives in the case-state table, which Kafka Streams places independently
   * of the case's alerts: each instance must join what the other holds. Both give exactly the cases
   * (and their alerts) the registrations say, paged or not. Needs the fold's registration fields.
   */
  private static void assertProfileFiltersJoinAcrossInstances(
      final ServiceFixture fixture,
      final CasewatchService a,
      final CasewatchService b,
      final Map<String, CaseRegistered> profiles) {
    final Map<String, Predicate<CaseRegistered>> filters =
        Map.of(
            "victimProfile=WOMAN", registration -> registration.getVictim().getSex() == Sex.FEMALE,
            "victimProfile=MINOR,RETURNEE",
                registration ->
                    registration.getVictim().getAgeBand() == AgeBand.UNDER_18
                        || registration.getVictim().getReturnedFromAbroad(),
            "agency=NATIONAL_SECURITY&allegation=ILL_TREATMENT",
                registration ->
                    registration.getPerpetratorAgency() == Agency.NATIONAL_SECURITY
                        && registration.getAllegation() == Allegation.ILL_TREATMENT,
            "allegation=DEATH_IN_CUSTODY&country=TJ,UZ",
                registration -> registration.getAllegation() == Allegation.DEATH_IN_CUSTODY);
    final List<JsonNode> allAlerts = new ArrayList<>();
    fixture.get(a, "/v1/alerts?limit=500").json().path("alerts").forEach(allAlerts::add);
    int alertsFound = 0;
    for (final Map.Entry<String, Predicate<CaseRegistered>> filter : filters.entrySet()) {
      final String query = filter.getKey();
      final Set<String> countries =
          query.contains("country=") ? Set.of("TJ", "UZ") : Set.of("KZ", "KG", "TJ", "TM", "UZ");
      final Set<String> expected = new TreeSet<>();
      profiles.forEach(
          (caseId, registration) -> {
            if (filter.getValue().test(registration)
                && countries.contains(caseId.substring(0, 2))) {
              expected.add(caseId);
            }
          });
      assertThat(expected).as(query).isNotEmpty();
      for (final CasewatchService instance : List.of(a, b)) {
        final Set<String> listed = new TreeSet<>();
        fixture
            .get(instance, "/v1/cases?limit=500&" + query)
            .json()
            .path("cases")
            .forEach(summary -> listed.add(summary.path("caseId").asText()));
        assertThat(listed).as("cases " + query).isEqualTo(expected);
      }
      final List<JsonNode> expectedAlerts =
          allAlerts.stream()
              .filter(alert -> expected.contains(alert.path("caseId").asText()))
              .toList();
      final JsonNode viaA = fixture.get(a, "/v1/alerts?limit=500&" + query).json().path("alerts");
      assertThat(viaA).as("alerts " + query).containsExactlyElementsOf(expectedAlerts);
      assertThat(fixture.get(b, "/v1/alerts?limit=500&" + query).json().path("alerts"))
          .as("alerts " + query)
          .isEqualTo(viaA);
      final List<JsonNode> paged = new ArrayList<>();
      String cursor = "";
      do {
        final JsonNode page =
            fixture
                .get(
                    b,
                    "/v1/alerts?limit=3&" + query + (cursor.isEmpty() ? "" : "&cursor=" + cursor))
                .json();
        page.path("alerts").forEach(paged::add);
        cursor = page.path("nextCursor").asText("");
      } while (!cursor.isEmpty() && paged.size() <= expectedAlerts.size());
      assertThat(paged)
          .as("alerts " + query + ", 3 a page")
          .containsExactlyElementsOf(expectedAlerts);
      alertsFound += expectedAlerts.size();
    }
    assertThat(alertsFound).as("the filtered alert lists are not all empty").isPositive();
  }

  /**
   * The history with each case's registration given a profile in turn: a boy tortured by the
   * police, a woman returned from abroad ill-treated by national security, a death in a prison, a
   * man tortured by the police. {@code profiles} gets each case's registration.
   */
  private static List<CaseEvent> withProfiles(
      final List<CaseEvent> history,
      final List<String> caseIds,
      final Map<String, CaseRegistered> profiles) {
    final List<CaseEvent> profiled = new ArrayList<>();
    for (final CaseEvent event : history) {
      if (!(event.getPayload() instanceof CaseRegistered)) {
        profiled.add(event);
        continue;
      }
      final String caseId = event.getCaseId();
      final CaseEvent registration =
          switch (caseIds.indexOf(caseId) % 4) {
            case 0 ->
                registered(
                    caseId,
                    event.getOccurredAt(),
                    Allegation.TORTURE,
                    Agency.POLICE,
                    Sex.MALE,
                    AgeBand.UNDER_18,
                    false);
            case 1 ->
                registered(
                    caseId,
                    event.getOccurredAt(),
                    Allegation.ILL_TREATMENT,
                    Agency.NATIONAL_SECURITY,
                    Sex.FEMALE,
                    AgeBand.AGE_30_44,
                    true);
            case 2 ->
                registered(
                    caseId,
                    event.getOccurredAt(),
                    Allegation.DEATH_IN_CUSTODY,
                    Agency.PENITENTIARY_SERVICE,
                    Sex.MALE,
                    AgeBand.AGE_45_59,
                    false);
            default ->
                registered(
                    caseId,
                    event.getOccurredAt(),
                    Allegation.TORTURE,
                    Agency.POLICE,
                    Sex.MALE,
                    AgeBand.AGE_18_29,
                    false);
          };
      profiles.put(caseId, (CaseRegistered) registration.getPayload());
      profiled.add(registration);
    }
    return profiled;
  }
}
