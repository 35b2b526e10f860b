package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.kafka.streams.TopologyDescription;
import org.casewatch.testkit.InMemorySchemaRegistry;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;

/** The internal topic names others wait on are the ones the topology really makes. */
class TopologyNamesTest {

  @Test
  void theCountryRepartitionTopicIsTheTopologysOwn() {
    final TopologyDescription description =
        CaseTopology.build(
                RulesFile.defaults(),
                TopologyTopics.create(new InMemorySchemaRegistry()),
                ClockMode.REPLAY)
            .describe();
    final String repartition =
        description.subtopologies().stream()
            .flatMap(subtopology -> subtopology.nodes().stream())
            .filter(node -> node instanceof TopologyDescription.Sink)
            .map(node -> ((TopologyDescription.Sink) node).topic())
            .filter(topic -> topic != null && topic.endsWith("-repartition"))
            .findFirst()
            .orElseThrow();

    assertThat(TopologyNames.countryRepartitionTopic("casewatch-replay-1"))
        .isEqualTo("casewatch-replay-1-" + repartition);
  }

  /**
   * The query API's case-state table is the live topology's; a replay, which nobody queries, has
   * none.
   */
  @Test
  void onlyTheLiveTopologyReadsTheCaseStatesBackIntoATable() {
    final TopologyTopics topics = TopologyTopics.create(new InMemorySchemaRegistry());
    final String live =
        CaseTopology.build(RulesFile.defaults(), topics, ClockMode.LIVE).describe().toString();
    final String replay =
        CaseTopology.buildReplay(
                RulesFile.defaults(), topics, Instant.parse("2020-01-01T00:00:00Z"))
            .describe()
            .toString();

    assertThat(live)
        .contains(TopologyNames.READ_CASE_STATES)
        .contains(TopologyNames.CASE_STATE_TABLE_STORE);
    assertThat(replay)
        .doesNotContain(TopologyNames.READ_CASE_STATES)
        .doesNotContain(TopologyNames.CASE_STATE_TABLE_STORE)
        .contains(TopologyNames.CASE_RECORDS_STORE);
  }
}
