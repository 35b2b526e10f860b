package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

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
}
