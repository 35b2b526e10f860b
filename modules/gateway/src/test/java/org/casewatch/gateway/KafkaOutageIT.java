package org.casewatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.gateway.Events.complaint;
import static org.casewatch.gateway.Events.newCaseId;
import static org.casewatch.gateway.GatewayClient.statuses;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.casewatch.access.AccessFile;
import org.casewatch.model.Country;
import org.casewatch.model.Topics;
import org.casewatch.registry.server.EmbeddedRegistryConfig;
import org.casewatch.registry.server.EmbeddedSchemaRegistry;
import org.casewatch.testkit.HttpTestClient.Answer;
import org.casewatch.testkit.kafka.KafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While Kafka is down the gateway says 503 with Retry-After and never 202; once Kafka is back, the
 * same events are accepted. Uses a broker of its own, since it stops it.
 */
class KafkaOutageIT {

  @Test
  void aBrokerOutageIs503ThenTheSameEventsAreAccepted(@TempDir final Path dir) throws Exception {
    try (KafkaBroker broker = KafkaBroker.start()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        final String events = Topics.events(Country.TJ);
        admin
            .createTopics(
                List.of(new NewTopic(events, 1, (short) 1).configs(Topics.settingsOf(events))))
            .all()
            .get();
      }
      final Path coalitions = dir.resolve("coalitions.yaml");
      final String token =
          AccessFile.addToken(coalitions, "tj-coalition", Optional.of(Country.TJ)).token();
      try (EmbeddedSchemaRegistry registry =
              EmbeddedSchemaRegistry.start(
                  EmbeddedRegistryConfig.of(broker.bootstrapServers())
                      .withHost("localhost")
                      .withPort(0));
          GatewayServer gateway =
              GatewayServer.start(
                  GatewayConfig.defaults()
                      .withPort(0)
                      .withKafka(broker.bootstrapServers(), registry.url())
                      .withAccessFile(coalitions)
                      .withKafkaTimeout(Duration.ofSeconds(3)))) {
        final GatewayClient client = new GatewayClient(gateway.port());
        final String caseId = newCaseId("TJ");
        assertThat(client.post(token, complaint("before-" + caseId, caseId, "2016-03-01")).status())
            .isEqualTo(202);

        broker.stopBroker();
        final Answer during =
            client.post(token, complaint("during-" + caseId, caseId, "2016-03-02"));

        assertThat(during.status()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isEqualTo("5");
        assertThat(statuses(during)).containsExactly("not-written");

        broker.restartBroker();
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () ->
                    client.post(token, complaint("during-" + caseId, caseId, "2016-03-02")).status()
                        == 202);
      }
    }
  }
}
