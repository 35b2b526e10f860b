package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.ReprisalKind;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver; .ci/run
 * installs them): five country cards with the live figures, and a retaliation alert in the feed
 * within 5 s of its event. Saves target/dashboard.png.
 */
@WithCasewatchKafka
class DashboardBrowserIT {

  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  private final CasewatchCluster cluster;

  DashboardBrowserIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void showsTheFiveCountriesAndALiveRetaliationAlert() throws Exception {
    assertThat(CHROMIUM).as("headless browser tests need Debian's chromium: apt-get install -y chromium").exists();
    assertThat(CHROMEDRIVER).as("and its driver: apt-get install -y chromium-driver").exists();
    final ServiceFixture fixture = new ServiceFixture(cluster);
    final List<CaseEvent> history = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      history.add(aCase(String.format("KZ-2016-%04d", i)).registered(on("2016-02-01")));
      history.add(aCase(String.format("KZ-2016-%04d", i)).complaintFiled(on("2016-02-05")));
    }
    for (int i = 1; i <= 4; i++) {
      history.add(aCase(String.format("KG-2016-%04d", i)).registered(on("2016-03-01")));
    }
    history.add(aCase("TJ-2016-0001").registered(on("2016-04-01")));
    history.add(aCase("TJ-2016-0001").compensationAwarded(on("2016-10-01"), 150_000, "TJS"));

    try (CasewatchService service = CasewatchService.start(fixture.config("a"))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> service.state() == KafkaStreams.State.RUNNING);
      fixture.publish(history);
      // A LIVE case is judged once it has been quiet for 30 s, at the next 10 s check.
      await().atMost(Duration.ofSeconds(60)).until(() ->
          fixture.get(service, "/v1/countries/KZ").body().path("complaintsStalledNow").asInt() == 7
              && fixture.get(service, "/v1/countries/KG").body().path("casesRegistered").asInt() == 4
              && fixture.get(service, "/v1/countries/TJ").body().path("compensations").asInt() == 1);
      final JsonNode countries = fixture.get(service, "/v1/countries").body();

      final WebDriver browser = chromium();
      try {
        browser.get("http://localhost:" + service.port() + "/?token=" + fixture.coordinatorToken());
        await().atMost(Duration.ofSeconds(10)).until(() ->
            text(browser, "#country-KZ .registered").equals("7") && text(browser, "#connection").equals("live"));

        // The dashboard polls every 5 s: give it one poll to show what the API shows.
        await().atMost(Duration.ofSeconds(12)).untilAsserted(() -> assertCardsShow(browser, countries));
        assertThat(text(browser, "#country-TJ .compensated")).isEqualTo("1");

        assertThat(browser.findElements(By.cssSelector(".country-card .chart canvas"))).hasSize(5);

        fixture.publish(List.of(aCase("KZ-2016-0003").reprisal(on("2016-02-20"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT)));
        final long published = System.nanoTime();

        await().atMost(Duration.ofSeconds(5)).until(() ->
            !browser.findElements(By.cssSelector("#alert-feed li.alert[data-rule='RETALIATION']")).isEmpty());
        System.out.printf("dashboard: retaliation alert shown %d ms after its event was published%n",
            (System.nanoTime() - published) / 1_000_000);
        final WebElement alert = browser.findElement(By.cssSelector("#alert-feed li.alert[data-rule='RETALIATION']"));
        assertThat(alert.getAttribute("data-severity")).isEqualTo("HIGH");
        assertThat(alert.findElement(By.cssSelector(".explanation")).getText())
            .contains("CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT", "after the complaint filed 2016-02-05");

        final Path screenshot = Path.of("target", "dashboard.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        browser.quit();
      }
    }
  }

  private static void assertCardsShow(final WebDriver browser, final JsonNode countries) {
    for (final JsonNode country : countries) {
      final String card = "#country-" + country.path("country").asText();
      assertThat(text(browser, card + " .registered")).as(card).isEqualTo(country.path("casesRegistered").asText());
      assertThat(text(browser, card + " .complaints")).as(card).isEqualTo(country.path("complaintsFiled").asText());
      assertThat(text(browser, card + " .open-investigations")).as(card)
          .isEqualTo(country.path("investigationsOpenNow").asText());
      assertThat(text(browser, card + " .stalled")).as(card).isEqualTo(country.path("complaintsStalledNow").asText());
      assertThat(text(browser, card + " .reprisals")).as(card).isEqualTo(country.path("casesWithReprisals").asText());
      assertThat(text(browser, card + " .compensated")).as(card).isEqualTo(country.path("compensations").asText());
    }
  }

  private static String text(final WebDriver browser, final String selector) {
    final List<WebElement> found = browser.findElements(By.cssSelector(selector));
    return found.isEmpty() ? "" : found.get(0).getText().trim();
  }

  private static WebDriver chromium() {
    final ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,1700");
    final ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
        .usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }
}
