package org.casewatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.KafkaPrincipals;
import org.casewatch.model.ReprisalKind;
import org.casewatch.publisher.CasewatchPublisher;
import org.casewatch.testkit.SecureCasewatchCluster;
import org.casewatch.testkit.SecureKafkaExtension;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A replay on a broker with SASL/SCRAM and ACLs, given only the {@code analyst} principal's
 * settings: it reads the live event topics, runs in its own {@code casewatch-replay-} namespace,
 * and removes its topics and group afterwards, all with its own ACLs.
 */
@ExtendWith(SecureKafkaExtension.class)
class SecureKafkaReplayIT {

  private final SecureCasewatchCluster cluster;

  SecureKafkaReplayIT(final SecureCasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void aReplayRunsEndToEndWithTheAnalystsAclsAndLeavesNothingBehind() throws Exception {
    publish(
        Country.KZ,
        aCase("KZ-2016-0001").registered(on("2016-02-01")),
        aCase("KZ-2016-0001").complaintFiled(on("2016-02-03")),
        aCase("KZ-2016-0001")
            .reprisal(on("2016-02-10"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT));
    publish(Country.TJ, aCase("TJ-2016-0002").registered(on("2016-03-01")));

    final ReplayResult result =
        Replay.run(
            new ReplayOptions(
                cluster.bootstrapServers(),
                cluster.registryUrl(),
                Instant.parse("2016-12-31T23:59:59Z"),
                RulesFile.defaults(),
                "",
                cluster.clientProperties(KafkaPrincipals.ANALYST)),
            ReplayProgress.NONE);

    assertThat(result.eventsRead()).isEqualTo(4);
    assertThat(result.cases())
        .extracting(CaseState::getCaseId)
        .containsExactly("KZ-2016-0001", "TJ-2016-0002");
    assertThat(result.alerts()).extracting(alert -> alert.getRule().name()).contains("RETALIATION");
    assertThat(cluster.admin().listTopics().names().get()).noneMatch(Replay::isReplayName);
    assertThat(cluster.admin().listGroups().all().get())
        .noneMatch(group -> Replay.isReplayName(group.groupId()));
  }

  private void publish(final Country country, final CaseEvent... events) {
    try (CasewatchPublisher publisher =
        CasewatchPublisher.builder()
            .bootstrapServers(cluster.bootstrapServers())
            .registryUrl(cluster.registryUrl())
            .coalition(KafkaPrincipals.coalition(country) + "-coalition", country)
            .timeout(Duration.ofSeconds(10))
            .kafkaConfig(cluster.clientFile(KafkaPrincipals.coalition(country)))
            .build()) {
      List.of(events).forEach(event -> publisher.publish(event).join());
    }
  }
}
