package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.casewatch.model.ReprisalKind;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The coordinators' inbox ({@code /inbox}) and a case's timeline ({@code /cases/{caseId}}) in a
 * real headless Chromium: the inbox lists raised alerts not yet acknowledged first, the most severe
 * first among them; acting from the page records the action, and the timeline shows the case's
 * events, its alert with its explanation and the action, who and when, in time order. Saves
 * target/inbox.png and target/case-timeline.png (copied to {@code -Dcasewatch.screenshots.dir}).
 */
@WithCasewatchKafka
class TriageBrowserIT {

  /**
   * Detained and pressed to withdraw after the complaint: RETALIATION, HIGH (criminal proceedings).
   */
  private static final String HELD = "UZ-2017-0011";

  private static final String THREATENED = "UZ-2017-0012";

  private final CasewatchCluster cluster;

  TriageBrowserIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void theInboxPutsWhatNobodyAcknowledgedFirstAndTheTimelineShowsWhoDidWhat() throws Exception {
    final ServiceFixture fixture = new ServiceFixture(cluster);
    // The default settling (30 s): the inbox is read before the cases' overdue complaints are
    // judged, so it holds the two RETALIATION alerts only.
    try (CasewatchService service =
        CasewatchService.start(
            fixture.config("triage-browser", Map.of("casewatch.live.settle.seconds", "30")))) {
      fixture.publish(
          List.of(
              aCase(HELD).registered(on("2017-05-02")),
              aCase(HELD).complaintFiled(on("2017-05-04")),
              aCase(HELD)
                  .reprisal(
                      on("2017-06-20"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT),
              aCase(THREATENED).registered(on("2017-05-03")),
              aCase(THREATENED).complaintFiled(on("2017-05-05")),
              aCase(THREATENED).reprisal(on("2017-06-21"), ReprisalKind.PRESSURE_TO_WITHDRAW)));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  fixture
                          .get(service, "/v1/alerts?status=RAISED&rule=RETALIATION")
                          .json()
                          .path("alerts")
                          .size()
                      == 2);
      final String base = "http://localhost:" + service.port();

      final WebDriver browser = Chromium.start(1300, 1100);
      try {
        browser.get(base + "/inbox?token=" + fixture.triageToken());
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> browser.findElements(By.cssSelector("#inbox li")).size() == 2);
        assertThat(Chromium.text(browser, "#inbox-count"))
            .isEqualTo("2 alerts waiting, 2 not acknowledged");

        // Acknowledge the second one from the page: it then comes after the one nobody
        // acknowledged.
        final WebElement second = browser.findElements(By.cssSelector("#inbox li")).get(1);
        final String acknowledged = second.getAttribute("data-alert-id");
        new Select(second.findElement(By.cssSelector(".action-type")))
            .selectByValue("ACKNOWLEDGED");
        second.findElement(By.cssSelector(".action-submit")).click();
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> triageState(fixture, service, acknowledged).equals("ACKNOWLEDGED"));
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    Chromium.text(browser, "#inbox-count")
                        .equals("2 alerts waiting, 1 not acknowledged"));
        final List<WebElement> items = browser.findElements(By.cssSelector("#inbox li"));
        assertThat(items.get(0).getAttribute("data-triage")).isEqualTo("NEW");
        assertThat(items.get(1).getAttribute("data-alert-id")).isEqualTo(acknowledged);
        assertThat(items.get(1).getText()).contains("acknowledged", "waited");
        Chromium.screenshot(browser, "inbox.png");

        final String caseId =
            fixture
                .get(service, "/v1/alerts?triage=ACKNOWLEDGED")
                .json()
                .path("alerts")
                .get(0)
                .path("caseId")
                .asText();
        browser.get(base + "/cases/" + caseId);
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    browser.findElements(By.cssSelector("#timeline li[data-kind='action']")).size()
                        == 1);
        assertThat(browser.findElements(By.cssSelector("#timeline li")))
            .extracting(li -> li.getAttribute("data-kind"))
            .as("three events, then the alert on the reprisal's day, then the action of today")
            .containsExactly("event", "event", "event", "alert", "action");
        assertThat(Chromium.text(browser, "#timeline li[data-kind='alert']"))
            .contains("retaliation", "raised");
        assertThat(Chromium.text(browser, "#timeline li[data-kind='action']"))
            .contains("acknowledged — by bishkek-desk", "UTC");

        // Close it from the timeline, for a reason.
        final WebElement alert = browser.findElement(By.cssSelector("#case-alerts li"));
        new Select(alert.findElement(By.cssSelector(".action-type"))).selectByValue("CLOSED");
        new Select(alert.findElement(By.cssSelector(".action-reason"))).selectByValue("HANDLED");
        alert.findElement(By.cssSelector(".action-submit")).click();
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> triageState(fixture, service, acknowledged).equals("CLOSED"));
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    browser.findElements(By.cssSelector("#timeline li[data-kind='action']")).size()
                        == 2);
        assertThat(Chromium.text(browser, "#case-alerts li .triage")).isEqualTo("closed (handled)");
        Chromium.screenshot(browser, "case-timeline.png");
      } finally {
        browser.quit();
      }
    }
  }

  private static String triageState(
      final ServiceFixture fixture, final CasewatchService service, final String alertId) {
    for (final JsonNode alert :
        fixture.get(service, "/v1/alerts?rule=RETALIATION").json().path("alerts")) {
      if (alert.path("alertId").asText().equals(alertId)) {
        return alert.path("triage").path("state").asText("NEW");
      }
    }
    return "";
  }
}
