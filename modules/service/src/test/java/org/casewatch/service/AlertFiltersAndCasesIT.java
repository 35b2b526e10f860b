package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.service.ServiceFixture.registered;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.Sex;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.HttpTestClient.Answer;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /v1/alerts} filtered by severity and by the case's profile (allegation, agency,
 * victim: minor, woman, returnee), and {@code GET /v1/cases}, against a real broker.
 *
 * <p>The profile comes from the case's state ({@code allegation}, {@code perpetratorAgency}, {@code
 * victim}), which the topology's fold fills from the registration: the tests whose names say
 * "profile" need that fold.
 */
@WithCasewatchKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertFiltersAndCasesIT {

  /**
   * The ten cases, all with a complaint nobody investigated: ten STALLED_COMPLAINT alerts, one
   * RETALIATION.
   */
  private static final String BOY = "KZ-2016-0101";

  private static final String WOMAN = "KZ-2016-0102";
  private static final String RETURNEE = "UZ-2016-0103";
  private static final String DIED = "TJ-2016-0104";
  private static final List<String> KG_MEN =
      List.of(
          "KG-2016-0105",
          "KG-2016-0106",
          "KG-2016-0107",
          "KG-2016-0108",
          "KG-2016-0109",
          "KG-2016-0110");

  /**
   * The rules these cases are built to raise; rules added later (the contract's v2 rules) may find
   * more on them, which the assertions on exact lists leave out.
   */
  private static final String RULES = "rule=STALLED_COMPLAINT,RETALIATION";

  private final ServiceFixture fixture;
  private final CasewatchService service;

  AlertFiltersAndCasesIT(final CasewatchCluster cluster) throws IOException {
    fixture = new ServiceFixture(cluster);
    service = CasewatchService.start(fixture.config("a"));
    final List<CaseEvent> history = new ArrayList<>();
    history.add(
        aCase(BOY)
            .registered(on("2016-02-01"), Allegation.TORTURE, Agency.POLICE, AgeBand.UNDER_18));
    history.add(
        registered(
            WOMAN,
            on("2016-02-02"),
            Allegation.ILL_TREATMENT,
            Agency.NATIONAL_SECURITY,
            Sex.FEMALE,
            AgeBand.AGE_30_44,
            false));
    history.add(
        registered(
            RETURNEE,
            on("2016-02-03"),
            Allegation.TORTURE,
            Agency.NATIONAL_SECURITY,
            Sex.MALE,
            AgeBand.AGE_18_29,
            true));
    history.add(
        aCase(DIED)
            .registered(
                on("2016-02-04"),
                Allegation.DEATH_IN_CUSTODY,
                Agency.PENITENTIARY_SERVICE,
                AgeBand.AGE_45_59));
    for (int i = 0; i < KG_MEN.size(); i++) {
      history.add(aCase(KG_MEN.get(i)).registered(on("2016-03-0" + (i + 1))));
    }
    for (final String caseId : List.of(BOY, WOMAN, RETURNEE, DIED)) {
      history.add(aCase(caseId).complaintFiled(on("2016-02-10")));
    }
    for (int i = 0; i < KG_MEN.size(); i++) {
      history.add(aCase(KG_MEN.get(i)).complaintFiled(on("2016-03-1" + i)));
    }
    history.add(
        aCase(WOMAN)
            .reprisal(on("2016-02-15"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT));
    fixture.publish(history);
    // A LIVE case is judged once it has been quiet for the settling window (3 s here); its state
    // follows its alerts.
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              assertThat(alertsOf("/v1/alerts?" + RULES + "&limit=500")).hasSize(11);
              assertThat(
                      fixture
                          .get(service, "/v1/cases?rule=STALLED_COMPLAINT&limit=500")
                          .json()
                          .path("cases"))
                  .hasSize(10);
            });
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void severityFiltersTheAlertsThemselvesOneValueOrSeveral() {
    final List<JsonNode> all = alertsOf("/v1/alerts?limit=500");

    final List<JsonNode> high = alertsOf("/v1/alerts?severity=HIGH&limit=500");
    assertThat(high)
        .as("the retaliation against the woman who complained is HIGH")
        .anySatisfy(alert -> assertThat(alert.path("rule").asText()).isEqualTo("RETALIATION"));
    assertThat(high)
        .isEqualTo(filtered(all, alert -> alert.path("severity").asText().equals("HIGH")));
    assertThat(high).hasSizeLessThan(all.size());

    final List<JsonNode> highOrMedium =
        filtered(all, alert -> List.of("HIGH", "MEDIUM").contains(alert.path("severity").asText()));
    assertThat(alertsOf("/v1/alerts?severity=high,MEDIUM&limit=500")).isEqualTo(highOrMedium);
    assertThat(alertsOf("/v1/alerts?severity=HIGH&severity=MEDIUM&limit=500"))
        .isEqualTo(highOrMedium);
    assertThat(
            alertsOf(
                "/v1/alerts?severity=MEDIUM&country=KG&rule=STALLED_COMPLAINT,RETALIATION&limit=500"))
        .extracting(alert -> alert.path("caseId").asText())
        .containsExactlyInAnyOrderElementsOf(KG_MEN);
    assertThat(alertsOf("/v1/alerts?country=KG,TJ&limit=500"))
        .isEqualTo(
            filtered(all, alert -> List.of("KG", "TJ").contains(alert.path("country").asText())));
  }

  @Test
  void alertsByVictimProfileAgencyAndAllegationNeedTheFoldsProfile() {
    assertThat(caseIdsOfAlerts("/v1/alerts?victimProfile=MINOR&" + RULES)).containsExactly(BOY);
    assertThat(caseIdsOfAlerts("/v1/alerts?victimProfile=WOMAN&" + RULES))
        .containsExactly(WOMAN, WOMAN);
    assertThat(caseIdsOfAlerts("/v1/alerts?victimProfile=RETURNEE&" + RULES))
        .containsExactly(RETURNEE);
    assertThat(caseIdsOfAlerts("/v1/alerts?victimProfile=MINOR,RETURNEE&" + RULES))
        .containsExactlyInAnyOrder(BOY, RETURNEE);
    assertThat(caseIdsOfAlerts("/v1/alerts?victimProfile=MINOR&victimProfile=RETURNEE&" + RULES))
        .containsExactlyInAnyOrder(BOY, RETURNEE);
    assertThat(caseIdsOfAlerts("/v1/alerts?agency=NATIONAL_SECURITY&" + RULES))
        .containsExactlyInAnyOrder(WOMAN, WOMAN, RETURNEE);
    assertThat(caseIdsOfAlerts("/v1/alerts?allegation=DEATH_IN_CUSTODY&" + RULES))
        .containsExactly(DIED);
    assertThat(caseIdsOfAlerts("/v1/alerts?allegation=TORTURE&agency=POLICE&country=KG&" + RULES))
        .containsExactlyInAnyOrderElementsOf(KG_MEN);
    assertThat(
            alertsOf(
                "/v1/alerts?agency=national_security&victimProfile=WOMAN&severity=HIGH&" + RULES))
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.path("caseId").asText()).isEqualTo(WOMAN);
              assertThat(alert.path("rule").asText()).isEqualTo("RETALIATION");
            });
    assertThat(alertsOf("/v1/alerts?allegation=TORTURE&agency=PENITENTIARY_SERVICE&" + RULES))
        .isEmpty();

    // Paged: the profile is joined before the page is cut.
    final Answer first =
        fixture.get(service, "/v1/alerts?agency=NATIONAL_SECURITY&limit=2&" + RULES);
    assertThat(first.json().path("alerts")).hasSize(2);
    final Answer second =
        fixture.get(
            service,
            "/v1/alerts?agency=NATIONAL_SECURITY&limit=2&"
                + RULES
                + "&cursor="
                + first.json().path("nextCursor").asText());
    assertThat(second.json().path("alerts")).hasSize(1);
    assertThat(second.json().path("nextCursor").isNull()).isTrue();
  }

  @Test
  void unknownFilterValuesAre400NamingTheParameterTheValueAndTheAllowedValues() {
    final Map<String, String> refused =
        Map.of(
            "/v1/alerts?severity=URGENT", "severity",
            "/v1/alerts?allegation=BEATING", "allegation",
            "/v1/alerts?victimProfile=MINOR,CHILD", "victimProfile",
            "/v1/alerts?agency=KGB", "agency",
            "/v1/cases?stage=CLOSED", "stage",
            "/v1/cases?victimProfile=GIRL", "victimProfile",
            "/v1/cases?country=RU", "country");
    refused.forEach(
        (path, parameter) -> {
          final Answer answer = fixture.get(service, path);
          assertThat(answer.status()).as(path).isEqualTo(400);
          assertThat(answer.json().path("parameter").asText()).as(path).isEqualTo(parameter);
          assertThat(path).contains(answer.json().path("value").asText());
          assertThat(answer.json().path("allowed")).as(path).isNotEmpty();
          assertThat(answer.json().path("message").asText())
              .as(path)
              .startsWith(
                  parameter + " '" + answer.json().path("value").asText() + "' is not one of ");
        });
    final Answer profile = fixture.get(service, "/v1/cases?victimProfile=GIRL");
    assertThat(profile.json().path("allowed"))
        .extracting(JsonNode::asText)
        .containsExactly("MINOR", "WOMAN", "RETURNEE");
    final Answer stream = fixture.get(service, "/v1/alerts/stream?severity=URGENT");
    assertThat(stream.status()).isEqualTo(400);
    assertThat(stream.json().path("parameter").asText()).isEqualTo("severity");
    final Answer streamByProfile = fixture.get(service, "/v1/alerts/stream?victimProfile=MINOR");
    assertThat(streamByProfile.status())
        .as("the stream does not read case states: refused, not ignored")
        .isEqualTo(400);
    assertThat(streamByProfile.json().path("message").asText()).contains("GET /v1/alerts");
    for (final String misspelt :
        List.of(
            "/v1/alerts?severty=HIGH",
            "/v1/alerts?victimprofile=MINOR",
            "/v1/cases?status=RAISED")) {
      final Answer answer = fixture.get(service, misspelt);
      assertThat(answer.status()).as("%s: refused, not ignored", misspelt).isEqualTo(400);
      assertThat(answer.json().path("parameter").asText()).isEqualTo("parameter");
      assertThat(answer.json().path("allowed"))
          .extracting(JsonNode::asText)
          .contains("severity", "victimProfile");
    }
    assertThat(fixture.get(service, "/v1/cases?limit=501").status()).isEqualTo(400);
    assertThat(fixture.get(service, "/v1/cases?cursor=nonsense").status()).isEqualTo(400);
  }

  @Test
  void casesAreListedMostRecentlyActiveFirstFilteredAndPaged() {
    final List<JsonNode> all = casesOf("/v1/cases?limit=500");
    assertThat(all)
        .extracting(summary -> summary.path("caseId").asText())
        .containsExactlyInAnyOrder(
            BOY,
            WOMAN,
            RETURNEE,
            DIED,
            KG_MEN.get(0),
            KG_MEN.get(1),
            KG_MEN.get(2),
            KG_MEN.get(3),
            KG_MEN.get(4),
            KG_MEN.get(5));
    assertThat(all)
        .extracting(summary -> Instant.parse(summary.path("lastEventAt").asText()))
        .isSortedAccordingTo((a, b) -> b.compareTo(a));
    final JsonNode woman =
        all.stream()
            .filter(summary -> summary.path("caseId").asText().equals(WOMAN))
            .findFirst()
            .orElseThrow();
    assertThat(woman.path("country").asText()).isEqualTo("KZ");
    assertThat(woman.path("stage").asText()).isEqualTo("COMPLAINT_FILED");
    assertThat(woman.path("openAlertCount").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(woman.path("openAlertCountByRule").path("STALLED_COMPLAINT").asInt()).isEqualTo(1);
    assertThat(woman.path("openAlertCountByRule").path("RETALIATION").asInt()).isEqualTo(1);
    assertThat(woman.path("highestOpenSeverity").asText()).isEqualTo("HIGH");
    assertThat(woman.path("reprisalCount").asInt()).isEqualTo(1);
    assertThat(woman.path("lastEventAt").asText()).isEqualTo("2016-02-15T00:00:00Z");

    assertThat(caseIdsOf("/v1/cases?country=UZ,TJ")).containsExactly(RETURNEE, DIED);
    assertThat(caseIdsOf("/v1/cases?country=UZ&country=TJ")).containsExactly(RETURNEE, DIED);
    assertThat(caseIdsOf("/v1/cases?rule=RETALIATION")).containsExactly(WOMAN);
    assertThat(casesOf("/v1/cases?severity=HIGH"))
        .extracting(summary -> summary.path("caseId").asText())
        .contains(WOMAN);
    assertThat(casesOf("/v1/cases?severity=HIGH"))
        .allSatisfy(
            summary -> assertThat(summary.path("highestOpenSeverity").asText()).isEqualTo("HIGH"));
    assertThat(caseIdsOf("/v1/cases?stage=INVESTIGATION_OPENED")).isEmpty();
    assertThat(caseIdsOf("/v1/cases?stage=COMPLAINT_FILED&country=KG"))
        .containsExactlyInAnyOrderElementsOf(KG_MEN);

    final List<String> paged = new ArrayList<>();
    String cursor = "";
    int pages = 0;
    do {
      final JsonNode page =
          fixture
              .get(service, "/v1/cases?limit=3" + (cursor.isEmpty() ? "" : "&cursor=" + cursor))
              .json();
      page.path("cases").forEach(summary -> paged.add(summary.path("caseId").asText()));
      cursor = page.path("nextCursor").asText("");
      pages++;
    } while (!cursor.isEmpty() && pages < 10);
    assertThat(pages).isEqualTo(4);
    assertThat(paged)
        .as("the same cases in the same order, none twice")
        .isEqualTo(all.stream().map(summary -> summary.path("caseId").asText()).toList());
  }

  @Test
  void casesByProfileNeedTheFoldsProfile() {
    final List<JsonNode> minors = casesOf("/v1/cases?victimProfile=MINOR");
    assertThat(minors)
        .singleElement()
        .satisfies(
            boy -> {
              assertThat(boy.path("caseId").asText()).isEqualTo(BOY);
              assertThat(boy.path("allegation").asText()).isEqualTo("TORTURE");
              assertThat(boy.path("perpetratorAgency").asText()).isEqualTo("POLICE");
              assertThat(boy.path("victim").path("ageBand").asText()).isEqualTo("UNDER_18");
              assertThat(boy.path("victimProfile"))
                  .extracting(JsonNode::asText)
                  .containsExactly("MINOR");
            });
    assertThat(caseIdsOf("/v1/cases?victimProfile=WOMAN,RETURNEE"))
        .containsExactly(WOMAN, RETURNEE);
    assertThat(caseIdsOf("/v1/cases?agency=NATIONAL_SECURITY&victimProfile=RETURNEE"))
        .containsExactly(RETURNEE);
    assertThat(caseIdsOf("/v1/cases?allegation=DEATH_IN_CUSTODY,ILL_TREATMENT"))
        .containsExactly(WOMAN, DIED);
    assertThat(caseIdsOf("/v1/cases?agency=POLICE&stage=COMPLAINT_FILED")).hasSize(7).contains(BOY);
    assertThat(caseIdsOf("/v1/cases?agency=POLICE&severity=HIGH&rule=RETALIATION")).isEmpty();
  }

  @Test
  void listingCasesNeedsACoordinatorToken() {
    assertThat(fixture.get(service, "/v1/cases", null).status()).isEqualTo(401);
    assertThat(fixture.get(service, "/v1/cases", fixture.coalitionToken()).status())
        .as("a coalition's write token does not read")
        .isEqualTo(401);
    assertThat(fixture.get(service, "/internal/v1/cases", null).status()).isEqualTo(401);
    assertThat(fixture.get(service, "/internal/v1/case-ids", null).status()).isEqualTo(401);
  }

  private List<JsonNode> alertsOf(final String path) {
    final Answer answer = fixture.get(service, path);
    assertThat(answer.status()).as(path).isEqualTo(200);
    final List<JsonNode> alerts = new ArrayList<>();
    answer.json().path("alerts").forEach(alerts::add);
    return alerts;
  }

  private List<String> caseIdsOfAlerts(final String path) {
    return alertsOf(path).stream().map(alert -> alert.path("caseId").asText()).toList();
  }

  private List<JsonNode> casesOf(final String path) {
    final Answer answer = fixture.get(service, path);
    assertThat(answer.status()).as(path).isEqualTo(200);
    final List<JsonNode> cases = new ArrayList<>();
    answer.json().path("cases").forEach(cases::add);
    return cases;
  }

  private List<String> caseIdsOf(final String path) {
    return casesOf(path).stream().map(summary -> summary.path("caseId").asText()).toList();
  }

  private static List<JsonNode> filtered(
      final List<JsonNode> alerts, final Predicate<JsonNode> keep) {
    return alerts.stream().filter(keep).toList();
  }
}
