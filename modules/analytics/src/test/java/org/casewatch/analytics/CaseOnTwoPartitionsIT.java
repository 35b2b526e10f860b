package org.casewatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.on;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.Topics;
import org.casewatch.registry.serde.AvroSerializer;
import org.casewatch.testkit.CaseEvents;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A case whose events came on two partitions of its topic (partitions added to the topic, or a
 * producer that chose them) is in two tasks of the in-memory replay: it is counted once, with the
 * later task's state and alerts.
 */
@WithCasewatchKafka
class CaseOnTwoPartitionsIT {

  private final CasewatchCluster cluster;

  CaseOnTwoPartitionsIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @ParameterizedTest(name = "{0} task(s) at once")
  @ValueSource(ints = {1, 2})
  void aCaseInTwoTasksIsOneCaseWithItsAlertsOnce(final int threads) {
    final String prefix = CasewatchCluster.uniqueName("split") + ".";
    cluster.createTopics(
        2, Topics.allEvents().stream().map(topic -> prefix + topic).toArray(String[]::new));
    final CaseEvents.CaseBuilder split = CaseEvents.aCase("KZ-2016-00007");
    final CaseEvent registered = split.registered(on("2016-03-01"));
    final CaseEvent complaint = split.complaintFiled(on("2016-03-02"));
    final String topic = prefix + Topics.events(Country.KZ);
    cluster.produce(
        List.of(
            new ProducerRecord<>(topic, 0, "KZ-2016-00007", registered),
            new ProducerRecord<>(topic, 0, "KZ-2016-00007", complaint),
            new ProducerRecord<>(topic, 1, "KZ-2016-00007", complaint)),
        new AvroSerializer<>(cluster.registryClient(), true, false));

    final ReplayResult result =
        Replay.run(
            new ReplayOptions(
                    cluster.bootstrapServers(),
                    cluster.registryUrl(),
                    on("2016-12-31"),
                    RulesFile.defaults(),
                    prefix,
                    Map.of())
                .withThreads(threads),
            ReplayProgress.NONE);

    assertThat(result.eventsRead()).isEqualTo(3);
    assertThat(result.cases()).extracting(CaseState::getCaseId).containsExactly("KZ-2016-00007");
    assertThat(result.alerts()).isNotEmpty().extracting(Alert::getAlertId).doesNotHaveDuplicates();
    assertThat(result.countries()).extracting(CountryStats::getComplaintsFiled).containsExactly(1L);
    assertThat(result.cases().get(0).getRegisteredAt())
        .as("the later task's state (partition 1: the complaint only), whichever task ends first")
        .isNull();
  }
}
