package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.casewatch.model.ReprisalKind;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.HttpTestClient.Answer;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Email notifications against an in-process SMTP server (GreenMail) that wants a login: a
 * subscription for Tajik retaliation alerts gets one plain-text mail with the alert's case, rule,
 * explanation and id, and nothing for an alert it did not ask for.
 */
@WithCasewatchKafka
class EmailIT {

  @RegisterExtension static final GreenMailExtension SMTP = TestSmtp.server();

  private static final String TAJIK = "TJ-2017-0601";
  private static final String KAZAKH = "KZ-2017-0602";

  private final CasewatchCluster cluster;

  EmailIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void aSubscriberGetsOneMailForTheAlertItAskedFor() throws Exception {
    final ServiceFixture fixture = new ServiceFixture(cluster);
    final Map<String, String> smtp =
        TestSmtp.settings(SMTP, Map.of("casewatch.smtp.from", "alerts@casewatch.example.org"));
    try (CasewatchService service = CasewatchService.start(fixture.config("mail", smtp))) {
      await().atMost(Duration.ofSeconds(60)).until(service::notifierReady);
      final Answer made =
          fixture.post(
              service,
              SubscriptionApi.PATH,
              fixture.triageToken(),
              "{\"channel\": \"EMAIL\", \"target\": \"dushanbe-desk@example.org\", \"countries\":"
                  + " [\"TJ\"], \"rules\": [\"RETALIATION\"]}");
      assertThat(made.status()).isEqualTo(201);
      assertThat(made.json().path("secret").isNull()).as("a mail has no signing secret").isTrue();
      assertThat(
              fixture
                  .post(
                      service,
                      SubscriptionApi.PATH,
                      fixture.triageToken(),
                      "{\"channel\": \"EMAIL\", \"target\": \"Desk <desk@example.org>\"}")
                  .status())
          .as("a display name")
          .isEqualTo(400);

      fixture.publish(
          List.of(
              aCase(TAJIK).registered(on("2017-04-01")),
              aCase(TAJIK).complaintFiled(on("2017-04-03")),
              aCase(TAJIK)
                  .reprisal(
                      on("2017-04-25"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT),
              aCase(KAZAKH).registered(on("2017-04-01")),
              aCase(KAZAKH).complaintFiled(on("2017-04-03")),
              aCase(KAZAKH)
                  .reprisal(
                      on("2017-04-25"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT)));

      await().atMost(Duration.ofSeconds(60)).until(() -> SMTP.getReceivedMessages().length == 1);
      // The mail comes off the alerts topic; the query reads the case stores, which answer 503
      // while the service's stream threads rebalance (the fresh-clone run of 2026-12-02 asked
      // during one, 3 s after the start).
      final String alertId =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> fixture.get(service, "/v1/alerts?country=TJ&rule=RETALIATION"),
                  answer -> answer.status() == 200 && answer.json().path("alerts").size() == 1)
              .json()
              .path("alerts")
              .get(0)
              .path("alertId")
              .asText();
      final MimeMessage mail = SMTP.getReceivedMessages()[0];
      assertThat(mail.getSubject()).isEqualTo("[casewatch] HIGH RETALIATION " + TAJIK);
      assertThat(mail.getAllRecipients())
          .extracting(Object::toString)
          .containsExactly("dushanbe-desk@example.org");
      assertThat(mail.getFrom())
          .extracting(Object::toString)
          .containsExactly("alerts@casewatch.example.org");
      assertThat(mail.getHeader("X-Casewatch-Alert-Id")).containsExactly(alertId);
      assertThat(GreenMailUtil.getBody(mail))
          .contains(
              "HIGH RETALIATION alert on case " + TAJIK + " (TJ)",
              "reprisal CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT",
              "Alert " + alertId);
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(SMTP.getReceivedMessages())
                      .extracting(
                          message ->
                              message.getSubject()
                                  + " "
                                  + message.getHeader("X-Casewatch-Alert-Id")[0])
                      .containsExactly(mail.getSubject() + " " + alertId));
    }
  }
}
