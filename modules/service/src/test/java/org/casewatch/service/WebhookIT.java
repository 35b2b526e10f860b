package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.casewatch.access.AccessFile;
import org.casewatch.access.CoalitionDirectory;
import org.casewatch.model.AuditAction;
import org.casewatch.model.AuditRecord;
import org.casewatch.model.ReprisalKind;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.HttpTestClient.Answer;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions and webhooks on a real broker, with a local receiver: only triage tokens subscribe;
 * the secret is shown once; the receiver fails the first three deliveries, the service is stopped
 * while it retries and another instance takes over, and the alert arrives signed, exactly once
 * accepted, with its id as idempotency key; an alert the subscription does not ask for is never
 * sent.
 */
@WithCasewatchKafka
class WebhookIT {

  private static final String KAZAKH = "KZ-2017-0501";
  private static final String KYRGYZ = "KG-2017-0502";

  /** One POST the receiver got. */
  private record Delivery(
      String alertId, String idempotencyKey, String signature, String body, int answered) {}

  private final CasewatchCluster cluster;
  private final HttpServer receiver;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final AtomicInteger toFail = new AtomicInteger(3);

  WebhookIT(final CasewatchCluster cluster) throws IOException {
    this.cluster = cluster;
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          final String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          final int status = toFail.getAndDecrement() > 0 ? 500 : 200;
          deliveries.add(
              new Delivery(
                  ServiceFixture.JSON.readTree(body).path("alertId").asText(),
                  exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                  exchange.getRequestHeaders().getFirst(AlertNotifier.SIGNATURE),
                  body,
                  status));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  @Test
  void onlyTriageTokensSubscribeAndTheSecretIsShownOnce() throws IOException {
    final ServiceFixture fixture = new ServiceFixture(cluster);
    try (CasewatchService service = CasewatchService.start(fixture.config("subscriptions"))) {
      final String body =
          "{\"channel\": \"WEBHOOK\", \"target\": \"" + hook() + "\", \"countries\": [\"KZ\"]}";
      assertThat(
              fixture
                  .post(service, SubscriptionApi.PATH, fixture.coordinatorToken(), body)
                  .status())
          .isEqualTo(403);
      assertThat(
              fixture.post(service, SubscriptionApi.PATH, fixture.coalitionToken(), body).status())
          .isEqualTo(401);
      assertThat(
              fixture
                  .post(
                      service,
                      SubscriptionApi.PATH,
                      fixture.triageToken(),
                      "{\"channel\": \"WEBHOOK\", \"target\": \"http://desk.example.org/hook\"}")
                  .json()
                  .path("message")
                  .asText())
          .as("plain http off this machine")
          .contains("must be an https URL");
      assertThat(
              fixture
                  .post(
                      service,
                      SubscriptionApi.PATH,
                      fixture.triageToken(),
                      "{\"channel\": \"WEBHOOK\", \"target\": \"" + hook() + "\", \"note\": \"x\"}")
                  .status())
          .isEqualTo(400);
      for (final String inside :
          List.of(
              "https://169.254.169.254/latest",
              "https://10.0.0.5:8443/admin",
              "https://[fd00::1]/hook",
              "https://127.0.0.1/hook")) {
        assertThat(
                fixture
                    .post(
                        service,
                        SubscriptionApi.PATH,
                        fixture.triageToken(),
                        "{\"channel\": \"WEBHOOK\", \"target\": \"" + inside + "\"}")
                    .status())
            .as(inside)
            .isEqualTo(400);
      }

      assertThat(
              fixture
                  .post(
                      service,
                      SubscriptionApi.PATH,
                      fixture.triageToken(),
                      "{\"channel\": \"EMAIL\", \"target\": \"desk@example.org\"}")
                  .json()
                  .path("message")
                  .asText())
          .as("no SMTP server configured")
          .contains("email is not configured");
      final Answer made = fixture.post(service, SubscriptionApi.PATH, fixture.triageToken(), body);
      assertThat(made.status()).isEqualTo(201);
      assertThat(made.json().path("secret").asText()).hasSize(43);
      assertThat(made.json().path("coordinator").asText()).isEqualTo("bishkek-desk");
      final String id = made.json().path("subscriptionId").asText();

      final JsonNode listed =
          fixture
              .get(service, SubscriptionApi.PATH, fixture.triageToken())
              .json()
              .path("subscriptions");
      assertThat(listed)
          .singleElement()
          .satisfies(
              subscription -> {
                assertThat(subscription.path("subscriptionId").asText()).isEqualTo(id);
                assertThat(subscription.has("secret")).as("never listed").isFalse();
              });
      assertThat(fixture.get(service, SubscriptionApi.PATH).status())
          .as("a read-only token")
          .isEqualTo(403);
      final String otherDesk =
          AccessFile.addCoordinatorToken(fixture.accessFile(), "osh-desk", true).token();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> fixture.get(service, SubscriptionApi.PATH, otherDesk).status() == 200);
      assertThat(fixture.get(service, SubscriptionApi.PATH, otherDesk).json().path("subscriptions"))
          .as("another coordinator's are not listed")
          .isEmpty();
      assertThat(fixture.send(service, "DELETE", SubscriptionApi.PATH + "/" + id, otherDesk))
          .as("nor deleted by another")
          .isEqualTo(404);
      assertThat(delete(fixture, service, id)).isEqualTo(204);
      assertThat(delete(fixture, service, id)).isEqualTo(404);
      assertThat(
              fixture
                  .get(service, SubscriptionApi.PATH, fixture.triageToken())
                  .json()
                  .path("subscriptions"))
          .isEmpty();
      final String madeBy = CoalitionDirectory.tokenIdOf(fixture.triageToken()).orElseThrow();
      assertThat(fixture.auditRecords())
          .filteredOn(
              record ->
                  record.getAction() == AuditAction.SUBSCRIPTIONS
                      && record.getTokenId().equals(madeBy))
          .extracting(AuditRecord::getStatus)
          .contains(201, 204, 404, 400);
    }
  }

  @Test
  void aFailingReceiverGetsTheAlertSignedAndOnceAcceptedAcrossARestart() throws IOException {
    final ServiceFixture fixture = new ServiceFixture(cluster);
    final Map<String, String> retries = Map.of("casewatch.notify.retry.seconds", "120");
    String secret;
    try (CasewatchService first = CasewatchService.start(fixture.config("first", retries))) {
      await().atMost(Duration.ofSeconds(60)).until(first::notifierReady);
      final Answer made =
          fixture.post(
              first,
              SubscriptionApi.PATH,
              fixture.triageToken(),
              "{\"channel\": \"WEBHOOK\", \"target\": \""
                  + hook()
                  + "\", \"countries\": [\"KZ\"], \"minimumSeverity\": \"HIGH\"}");
      assertThat(made.status()).isEqualTo(201);
      secret = made.json().path("secret").asText();
      fixture.publish(
          List.of(
              aCase(KAZAKH).registered(on("2017-03-01")),
              aCase(KAZAKH).complaintFiled(on("2017-03-02")),
              aCase(KAZAKH)
                  .reprisal(
                      on("2017-03-20"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT),
              aCase(KYRGYZ).registered(on("2017-03-01")),
              aCase(KYRGYZ).complaintFiled(on("2017-03-02")),
              aCase(KYRGYZ)
                  .reprisal(
                      on("2017-03-20"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT)));
      // Stopped while it retries: the alert's position is not committed.
      await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.size() >= 2);
    }
    assertThat(deliveries).allMatch(delivery -> delivery.answered() == 500);

    try (CasewatchService second = CasewatchService.start(fixture.config("second", retries))) {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> deliveries.stream().anyMatch(d -> d.answered() == 200));
      assertThat(deliveries).extracting(Delivery::answered).containsExactly(500, 500, 500, 200);
      final String alertId = deliveries.get(0).alertId();
      assertThat(deliveries)
          .allSatisfy(
              delivery -> {
                assertThat(delivery.alertId()).isEqualTo(alertId);
                assertThat(delivery.idempotencyKey()).isEqualTo(alertId);
                assertThat(delivery.signature())
                    .isEqualTo(
                        "sha256="
                            + AlertNotifier.sign(
                                secret, delivery.body().getBytes(StandardCharsets.UTF_8)));
              });
      assertThat(ServiceFixture.JSON.readTree(deliveries.get(0).body()).path("caseId").asText())
          .isEqualTo(KAZAKH);
      assertThat(ServiceFixture.JSON.readTree(deliveries.get(0).body()).path("rule").asText())
          .isEqualTo("RETALIATION");
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(deliveries.stream().filter(d -> d.answered() == 200).count())
                      .as("accepted once")
                      .isEqualTo(1));
      assertThat(deliveries).noneMatch(delivery -> delivery.body().contains(KYRGYZ));
    }
  }

  @Test
  void aNotificationGivenUpOnIsKeptWithItsSubscription() throws IOException {
    toFail.set(Integer.MAX_VALUE);
    final ServiceFixture fixture = new ServiceFixture(cluster);
    try (CasewatchService service =
        CasewatchService.start(
            fixture.config(
                "give-up",
                // The default settling (30 s): the reprisal's notification is the last one given
                // up on until the test ends, none of an overdue complaint's after it.
                Map.of(
                    "casewatch.notify.retry.seconds",
                    "2",
                    "casewatch.live.settle.seconds",
                    "30")))) {
      await().atMost(Duration.ofSeconds(60)).until(service::notifierReady);
      assertThat(
              fixture
                  .post(
                      service,
                      SubscriptionApi.PATH,
                      fixture.triageToken(),
                      "{\"channel\": \"WEBHOOK\", \"target\": \""
                          + hook()
                          + "\", \"countries\": [\"KG\"]}")
                  .status())
          .isEqualTo(201);
      fixture.publish(
          List.of(
              aCase(KYRGYZ).registered(on("2017-03-01")),
              aCase(KYRGYZ).complaintFiled(on("2017-03-02")),
              aCase(KYRGYZ)
                  .reprisal(
                      on("2017-03-20"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT)));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                final JsonNode failure =
                    fixture
                        .get(service, SubscriptionApi.PATH, fixture.triageToken())
                        .json()
                        .path("subscriptions")
                        .get(0)
                        .path("lastFailure");
                assertThat(failure.path("reason").asText()).isEqualTo("HTTP 500");
                assertThat(failure.path("notification").asText())
                    .isEqualTo(deliveries.get(0).alertId());
              });
      assertThat(deliveries)
          .hasSizeGreaterThanOrEqualTo(2)
          .allMatch(delivery -> delivery.answered() == 500);
    }
  }

  private String hook() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private static int delete(
      final ServiceFixture fixture, final CasewatchService service, final String id) {
    return fixture.send(service, "DELETE", SubscriptionApi.PATH + "/" + id, fixture.triageToken());
  }
}
