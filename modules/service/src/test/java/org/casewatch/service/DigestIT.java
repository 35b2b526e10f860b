package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.casewatch.model.ReprisalKind;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The daily digest on a fixed clock: nothing at 07:59 in Bishkek, one mail at 08:00 with the day's
 * new alerts by country and rule, the new HIGH one, and an old alert nobody acknowledged among
 * those waiting longest; not a second one the same day.
 */
@WithCasewatchKafka
class DigestIT {

  @RegisterExtension static final GreenMailExtension SMTP = TestSmtp.server();

  private static final String OLD = "TJ-2017-0701";
  private static final String YESTERDAY = "TJ-2026-0702";

  /** 07:59 in Bishkek (UTC+6) on 2 December 2026. */
  private static final Instant BEFORE_EIGHT = Instant.parse("2026-12-02T01:59:00Z");

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(final Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final CasewatchCluster cluster;

  DigestIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void oneDigestAtEightLocalTimeWithTheDaysAlertsAndThoseWaitingLongest() throws Exception {
    final ServiceFixture fixture = new ServiceFixture(cluster);
    final Map<String, String> settings =
        TestSmtp.settings(
            SMTP,
            Map.of(
                "casewatch.digest.time",
                "08:00",
                "casewatch.digest.zone",
                "Asia/Bishkek",
                // The default settling (30 s): the two reprisals' mails are counted before the
                // overdue complaint of the old case is judged and mailed too.
                "casewatch.live.settle.seconds",
                "30"));
    final MovableClock clock = new MovableClock(BEFORE_EIGHT);
    try (CasewatchService service =
        CasewatchService.start(fixture.config("digest", settings), clock)) {
      await().atMost(Duration.ofSeconds(60)).until(service::notifierReady);
      assertThat(
              fixture
                  .post(
                      service,
                      SubscriptionApi.PATH,
                      fixture.triageToken(),
                      "{\"channel\": \"EMAIL\", \"target\": \"bishkek-desk@example.org\","
                          + " \"countries\": [\"TJ\"], \"digest\": true}")
                  .status())
          .isEqualTo(201);
      fixture.publish(
          List.of(
              aCase(OLD).registered(on("2017-05-01")),
              aCase(OLD).complaintFiled(on("2017-05-03")),
              aCase(OLD).reprisal(on("2017-06-01"), ReprisalKind.PRESSURE_TO_WITHDRAW),
              aCase(YESTERDAY).registered(Instant.parse("2026-11-30T10:00:00Z")),
              aCase(YESTERDAY).complaintFiled(Instant.parse("2026-12-01T05:00:00Z")),
              aCase(YESTERDAY)
                  .reprisal(
                      Instant.parse("2026-12-01T06:00:00Z"),
                      ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT)));
      // Each alert is mailed as it is raised; the digest waits for eight.
      await().atMost(Duration.ofSeconds(60)).until(() -> subjects().size() == 2);
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> subjects().stream().noneMatch(subject -> subject.contains("digest")));

      clock.now = BEFORE_EIGHT.plusSeconds(60);
      await().atMost(Duration.ofSeconds(30)).until(() -> digests().size() == 1);
      final MimeMessage digest = digests().get(0);
      assertThat(digest.getSubject())
          .isEqualTo("[casewatch] daily digest 2026-12-02: 1 new alerts, 1 HIGH");
      assertThat(GreenMailUtil.getBody(digest))
          .contains(
              "  TJ RETALIATION: 1",
              "New HIGH alerts: 1",
              "  " + YESTERDAY + " RETALIATION at 2026-12-01T06:00:00Z",
              "Waiting longest, not acknowledged:",
              "  " + OLD + " RETALIATION MEDIUM, waited");
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> digests().size() == 1);
      assertThat(
              fixture
                  .get(service, SubscriptionApi.PATH, fixture.triageToken())
                  .json()
                  .path("subscriptions")
                  .get(0)
                  .path("lastDigestOn")
                  .asText())
          .isEqualTo("2026-12-02");
    }
  }

  private static List<String> subjects() {
    return Arrays.stream(SMTP.getReceivedMessages())
        .map(
            message -> {
              try {
                return message.getSubject();
              } catch (MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  private static List<MimeMessage> digests() {
    return Arrays.stream(SMTP.getReceivedMessages())
        .filter(
            message -> {
              try {
                return message.getSubject().contains("daily digest");
              } catch (MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }
}
