package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.service.ServiceFixture.registered;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.Sex;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver; .ci/run
 * installs them): five country cards with the live figures, the remedies table, a retaliation alert
 * in the feed within 5 s of its event, and the filters: the alert and case lists show what the API
 * gives for the same filters, and a live alert joins a profile-filtered list only if its case
 * matches. Saves target/dashboard.png and target/dashboard-filters.png; with {@code
 * -Dcasewatch.screenshots.dir=docs} (a path from the module, e.g. {@code ../../docs}) it copies
 * them there too.
 */
@WithCasewatchKafka
class DashboardBrowserIT {

  private static final String WOMAN = "KZ-2016-0001";
  private static final String BOY = "KZ-2016-0002";

  /** Its complaint is on 5 February at 20:00 UTC: the 6th in Almaty, where dates are counted. */
  private static final String LATE_EVENING = "KZ-2016-0007";

  private final CasewatchCluster cluster;

  DashboardBrowserIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void showsTheCountriesALiveRetaliationAlertAndListsThatFollowTheFilters() throws Exception {
    final ServiceFixture fixture = new ServiceFixture(cluster);
    final List<CaseEvent> history = new ArrayList<>();
    history.add(
        registered(
            WOMAN,
            on("2016-02-01"),
            Allegation.ILL_TREATMENT,
            Agency.NATIONAL_SECURITY,
            Sex.FEMALE,
            AgeBand.AGE_30_44,
            true));
    history.add(
        aCase(BOY)
            .registered(on("2016-02-01"), Allegation.TORTURE, Agency.POLICE, AgeBand.UNDER_18));
    for (int i = 3; i <= 7; i++) {
      history.add(aCase(String.format("KZ-2016-%04d", i)).registered(on("2016-02-01")));
    }
    for (int i = 1; i <= 6; i++) {
      history.add(aCase(String.format("KZ-2016-%04d", i)).complaintFiled(on("2016-02-05")));
    }
    history.add(aCase(LATE_EVENING).complaintFiled(Instant.parse("2016-02-05T20:00:00Z")));
    for (int i = 1; i <= 4; i++) {
      history.add(aCase(String.format("KG-2016-%04d", i)).registered(on("2016-03-01")));
    }
    history.add(aCase("TJ-2016-0001").registered(on("2016-04-01")));
    history.add(aCase("TJ-2016-0001").compensationAwarded(on("2016-10-01"), 150_000, "TJS"));

    try (CasewatchService service = CasewatchService.start(fixture.config("a"))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> service.state() == KafkaStreams.State.RUNNING);
      fixture.publish(history);
      // A LIVE case is judged once it has been quiet for the settling window (3 s here), at the
      // next check.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  fixture
                              .get(service, "/v1/countries/KZ")
                              .json()
                              .path("complaintsStalledNow")
                              .asInt()
                          == 7
                      && fixture
                              .get(service, "/v1/countries/KG")
                              .json()
                              .path("casesRegistered")
                              .asInt()
                          == 4
                      && fixture
                              .get(service, "/v1/countries/TJ")
                              .json()
                              .path("compensations")
                              .asInt()
                          == 1);
      final JsonNode countries = fixture.get(service, "/v1/countries").json();

      final WebDriver browser = Chromium.start(1400, 1700);
      try {
        browser.get("http://localhost:" + service.port() + "/?token=" + fixture.coordinatorToken());
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    Chromium.text(browser, "#country-KZ .registered").equals("7")
                        && Chromium.text(browser, "#connection").equals("live"));

        // The dashboard polls every 5 s: give it one poll to show what the API shows.
        await()
            .atMost(Duration.ofSeconds(12))
            .untilAsserted(() -> assertCardsShow(browser, countries));
        assertThat(Chromium.text(browser, "#country-TJ .compensated")).isEqualTo("1");
        assertThat(
                Chromium.text(
                    browser,
                    "#remedies-table tr[data-figure='compensation-awarded'] td[data-country='TJ']"))
            .as("major units with the currency")
            .isEqualTo("TJS 1,500.00");
        assertThat(browser.findElements(By.cssSelector(".country-card .chart canvas"))).hasSize(5);
        assertThat(
                browser.findElements(By.cssSelector("#comparison-charts .comparison-chart canvas")))
            .hasSize(4);

        fixture.publish(
            List.of(
                aCase("KZ-2016-0003")
                    .reprisal(
                        on("2016-02-20"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT)));
        final long published = System.nanoTime();

        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () ->
                    !browser
                        .findElements(
                            By.cssSelector("#alert-feed li.alert[data-rule='RETALIATION']"))
                        .isEmpty());
        System.out.printf(
            "dashboard: retaliation alert shown %d ms after its event was published%n",
            (System.nanoTime() - published) / 1_000_000);
        final String retaliation = "#alert-feed li.alert[data-rule='RETALIATION']";
        assertThat(attributes(browser, retaliation, "data-severity")).containsExactly("HIGH");
        assertThat(Chromium.text(browser, retaliation + " .rule")).isEqualTo("Retaliation");
        assertThat(Chromium.text(browser, retaliation + " .explanation"))
            .contains(
                "CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT", "after the complaint filed 2016-02-05");
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () ->
                    assertThat(rowText(browser, LATE_EVENING, ".last-event"))
                        .as("the local date in Almaty, not UTC's")
                        .isEqualTo("2016-02-06"));
        assertThat(rowText(browser, BOY, ".stage")).isEqualTo("Complaint filed");
        assertThat(rowText(browser, WOMAN, ".victim"))
            .isEqualTo("woman, 30 to 44, returned from abroad");
        assertPlainLabels(browser);
        Chromium.screenshot(browser, "dashboard.png");

        final List<String> unfiltered = feedAlertIds(browser);
        choose(browser, "#filter-severity", "High");
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () -> {
                  assertThat(feedAlertIds(browser))
                      .as("the list changed")
                      .isNotEqualTo(unfiltered)
                      .isNotEmpty()
                      .containsExactlyInAnyOrderElementsOf(
                          apiAlertIds(fixture, service, "severity=HIGH"));
                  assertThat(attributes(browser, "#alert-feed li.alert", "data-severity"))
                      .containsOnly("HIGH");
                  assertThat(
                          attributes(browser, "#case-list tr.case", "data-highest-open-severity"))
                      .isNotEmpty()
                      .containsOnly("HIGH");
                });

        choose(browser, "#filter-severity", "All severities");
        choose(browser, "#filter-victim", "Women");
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () -> {
                  assertThat(feedAlertIds(browser))
                      .isNotEmpty()
                      .containsExactlyInAnyOrderElementsOf(
                          apiAlertIds(fixture, service, "victimProfile=WOMAN"));
                  assertThat(attributes(browser, "#alert-feed li.alert", "data-case-id"))
                      .containsOnly(WOMAN);
                  assertThat(attributes(browser, "#case-list tr.case", "data-case-id"))
                      .containsExactly(WOMAN);
                });

        // A live alert joins the profile-filtered list only if its case matches.
        final int before = feedAlertIds(browser).size();
        fixture.publish(
            List.of(
                aCase("KZ-2016-0004").reprisal(on("2016-02-21"), ReprisalKind.PRESSURE_TO_WITHDRAW),
                aCase(WOMAN)
                    .reprisal(
                        on("2016-02-22"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT)));
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () -> {
                  assertThat(feedAlertIds(browser)).hasSize(before + 1);
                  assertThat(attributes(browser, "#alert-feed li.alert", "data-case-id"))
                      .containsOnly(WOMAN);
                  assertThat(Chromium.text(browser, "#alert-feed li.alert:first-child .date"))
                      .isEqualTo("2016-02-22");
                });

        choose(browser, "#filter-victim", "All victims");
        choose(browser, "#filter-agency", "Police");
        choose(browser, "#filter-allegation", "Torture");
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () -> {
                  final Set<String> cases =
                      new TreeSet<>(attributes(browser, "#case-list tr.case", "data-case-id"));
                  assertThat(cases)
                      .hasSize(11)
                      .contains(BOY, "KZ-2016-0003", "TJ-2016-0001")
                      .doesNotContain(WOMAN);
                  assertThat(cases)
                      .isEqualTo(apiCaseIds(fixture, service, "agency=POLICE&allegation=TORTURE"));
                  assertThat(feedAlertIds(browser))
                      .containsExactlyInAnyOrderElementsOf(
                          apiAlertIds(fixture, service, "agency=POLICE&allegation=TORTURE"));
                });
        choose(browser, "#filter-victim", "Minors");
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () -> {
                  assertThat(attributes(browser, "#case-list tr.case", "data-case-id"))
                      .containsExactly(BOY);
                  assertThat(attributes(browser, "#alert-feed li.alert", "data-case-id"))
                      .isNotEmpty()
                      .containsOnly(BOY);
                });
        assertThat(Chromium.text(browser, "#case-count"))
            .isEqualTo("1 case matching the filters, most recently active first.");
        ((JavascriptExecutor) browser)
            .executeScript("document.getElementById('lists').scrollIntoView()");
        Chromium.screenshot(browser, "dashboard-filters.png");

        browser.findElement(By.id("filter-clear")).click();
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () ->
                    assertThat(attributes(browser, "#case-list tr.case", "data-case-id"))
                        .hasSize(12));
      } finally {
        browser.quit();
      }
    }
  }

  private static void assertCardsShow(final WebDriver browser, final JsonNode countries) {
    for (final JsonNode country : countries) {
      final String code = country.path("country").asText();
      final String card = "#country-" + code;
      assertThat(Chromium.text(browser, card + " .registered"))
          .as(card)
          .isEqualTo(country.path("casesRegistered").asText());
      assertThat(Chromium.text(browser, card + " .complaints"))
          .as(card)
          .isEqualTo(country.path("complaintsFiled").asText());
      assertThat(Chromium.text(browser, card + " .open-investigations"))
          .as(card)
          .isEqualTo(country.path("investigationsOpenNow").asText());
      assertThat(Chromium.text(browser, card + " .stalled"))
          .as(card)
          .isEqualTo(country.path("complaintsStalledNow").asText());
      assertThat(Chromium.text(browser, card + " .reprisals"))
          .as(card)
          .isEqualTo(country.path("casesWithReprisals").asText());
      assertThat(Chromium.text(browser, card + " .compensated"))
          .as(card)
          .isEqualTo(country.path("compensations").asText());
      // The v2 figures: the API's number, or a dash from a service that does not give it.
      for (final String[] figure :
          new String[][] {
            {"refusals", "refusals"},
            {"appeals", "appeals"},
            {"annulments", "annulments"},
            {"reopenings", "reopenings"},
            {"suspensions", "suspensions"},
            {"suspended-now", "investigationsSuspendedNow"},
            {"deaths-in-custody", "deathsInCustody"}
          }) {
        assertThat(Chromium.text(browser, card + " ." + figure[0]))
            .as(card + " " + figure[0])
            .isEqualTo(orDash(country.path(figure[1])));
      }
      final JsonNode profiles = country.path("casesByVictimProfile");
      for (final String[] figure :
          new String[][] {
            {"minors", "UNDER_18"}, {"women", "FEMALE"}, {"returnees", "RETURNED_FROM_ABROAD"}
          }) {
        assertThat(Chromium.text(browser, card + " ." + figure[0]))
            .as(card + " " + figure[0])
            .isEqualTo(profiles.isObject() ? profiles.path(figure[1]).asText("0") : "–");
      }
      assertThat(
              Chromium.text(
                  browser,
                  "#remedies-table tr[data-figure='investigations'] td[data-country='"
                      + code
                      + "']"))
          .isEqualTo(orDash(country.path("investigations")));
    }
  }

  private static String orDash(final JsonNode value) {
    return value.isNumber() ? value.asText() : "–";
  }

  /**
   * Outside the explanations (built by the topology, with its codes), no code, map or ISO instant
   * shows.
   */
  private static void assertPlainLabels(final WebDriver browser) {
    final String visible =
        (String)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "const copy ="
                        + " document.querySelector('main').cloneNode(true);copy.querySelectorAll('.explanation,"
                        + " script').forEach(function (n) { n.remove();"
                        + " });document.body.append(copy); const text = copy.innerText;"
                        + " copy.remove(); return text;");
    assertThat(visible)
        .doesNotContainPattern("\\b[A-Z]{2,}_[A-Z_]+\\b")
        .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T")
        .doesNotContain("{", "=");
  }

  private static void choose(final WebDriver browser, final String select, final String option) {
    new Select(browser.findElement(By.cssSelector(select))).selectByVisibleText(option);
  }

  private static List<String> feedAlertIds(final WebDriver browser) {
    return attributes(browser, "#alert-feed li.alert", "data-alert-id");
  }

  /** Read in one script, so a list the page is re-rendering cannot go stale half-way through. */
  @SuppressWarnings("unchecked")
  private static List<String> attributes(
      final WebDriver browser, final String selector, final String attribute) {
    return (List<String>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "const name = arguments[1];return"
                    + " Array.from(document.querySelectorAll(arguments[0])).map(function (n) {"
                    + " return n.getAttribute(name); });",
                selector,
                attribute);
  }

  private static String rowText(final WebDriver browser, final String caseId, final String cell) {
    return Chromium.text(browser, "#case-list tr[data-case-id='" + caseId + "'] " + cell);
  }

  private static List<String> apiAlertIds(
      final ServiceFixture fixture, final CasewatchService service, final String filters) {
    final List<String> ids = new ArrayList<>();
    fixture
        .get(service, "/v1/alerts?limit=50&" + filters)
        .json()
        .path("alerts")
        .forEach(a -> ids.add(a.path("alertId").asText()));
    return ids;
  }

  private static Set<String> apiCaseIds(
      final ServiceFixture fixture, final CasewatchService service, final String filters) {
    final Set<String> ids = new TreeSet<>();
    fixture
        .get(service, "/v1/cases?limit=25&" + filters)
        .json()
        .path("cases")
        .forEach(c -> ids.add(c.path("caseId").asText()));
    return ids;
  }
}
