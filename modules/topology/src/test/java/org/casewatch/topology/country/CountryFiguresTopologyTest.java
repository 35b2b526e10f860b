package org.casewatch.topology.country;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.model.CountryStats;
import org.casewatch.model.Examiner;
import org.casewatch.model.ForensicStage;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.SuspensionReason;
import org.casewatch.model.UnBody;
import org.casewatch.model.UnStage;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.testkit.InMemorySchemaRegistry;
import org.casewatch.topology.CaseTopology;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.StreamsSettings;
import org.casewatch.topology.TopologyTopics;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The country figures as the topology publishes them: each case's state folded from its events,
 * then subtracted and added again at every change (a retraction included), so the published figures
 * always equal the sum of the cases' latest states.
 */
class CountryFiguresTopologyTest {

  private final Path stateDir = stateDirectory();
  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final TopologyTopics topics = TopologyTopics.create(registry);
  private final TopologyTestDriver driver = driver();
  private final TestOutputTopic<String, CaseState> caseStates =
      driver.createOutputTopic(
          topics.caseState().name(),
          topics.caseState().keySerde().deserializer(),
          topics.caseState().valueSerde().deserializer());
  private final TestOutputTopic<String, CountryStats> countryStats =
      driver.createOutputTopic(
          topics.countryStats().name(),
          topics.countryStats().keySerde().deserializer(),
          topics.countryStats().valueSerde().deserializer());
  private final Map<String, CaseState> latestStates = new TreeMap<>();
  private final Map<String, CountryStats> latestStats = new TreeMap<>();

  /**
   * The driver fsyncs its stores after every record: on a memory-backed file system, where there is
   * one, that is cheap.
   */
  private static Path stateDirectory() {
    final Path memory = Path.of("/dev/shm");
    try {
      return Files.isDirectory(memory) && Files.isWritable(memory)
          ? Files.createTempDirectory(memory, "casewatch-country-figures")
          : Files.createTempDirectory("casewatch-country-figures");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TopologyTestDriver driver() {
    final Properties props = StreamsSettings.of("country-figures-spec", "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    return new TopologyTestDriver(
        CaseTopology.build(RulesFile.defaults(), topics, ClockMode.REPLAY),
        props,
        Instant.parse("2026-11-30T06:00:00Z"));
  }

  @AfterEach
  void close() throws IOException {
    driver.close();
    try (Stream<Path> paths = Files.walk(stateDir)) {
      for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  @Test
  void aPingPongCaseMovesItsFiguresAtEveryStepAndARetractionTakesThemBack() {
    final CaseBuilder tj = aCase("TJ-2016-0001");
    final CaseEvent refusal = tj.refused(on("2016-03-10"));
    final CaseEvent suspension =
        tj.suspended(on("2016-05-01"), SuspensionReason.PERPETRATOR_NOT_IDENTIFIED);
    publish(
        tj.registered(
            on("2016-03-01"),
            Allegation.DEATH_IN_CUSTODY,
            Agency.PENITENTIARY_SERVICE,
            AgeBand.UNDER_18),
        tj.complaintFiled(on("2016-03-02")),
        tj.examination(on("2016-03-04"), ForensicStage.CONDUCTED, Examiner.INDEPENDENT),
        refusal,
        tj.appealed(on("2016-03-12"), refusal, Authority.COURT),
        tj.annulled(on("2016-03-20"), refusal),
        tj.investigationOpened(on("2016-03-25")),
        suspension,
        tj.unCommunication(on("2016-07-01"), UnBody.COMMITTEE_AGAINST_TORTURE, UnStage.SUBMITTED),
        tj.compensationAwarded(on("2016-09-01"), 2_241_000, "TJS"),
        tj.compensationPaid(on("2016-10-01"), 1_000_000, "TJS"));
    final CaseBuilder other = aCase("TJ-2016-0002");
    publish(
        other.registered(on("2016-06-01")),
        other.complaintFiled(on("2016-06-02")),
        other.refused(on("2016-06-20")));

    CountryStats stats = stats();
    assertThat(stats.getCasesRegisteredByYear()).isEqualTo(Map.of("2016", 2L));
    assertThat(stats.getRefusalsByYear()).isEqualTo(Map.of("2016", 2L));
    assertThat(stats.getCasesByRefusalsByYear()).isEqualTo(Map.of("2016", Map.of("1", 2L)));
    assertThat(stats.getAppealsByYear()).isEqualTo(Map.of("2016", 1L));
    assertThat(stats.getAnnulmentsByYear()).isEqualTo(Map.of("2016", 1L));
    assertThat(stats.getReopeningsByYear()).isEqualTo(Map.of("2016", 1L));
    assertThat(stats.getSuspensionsByYear()).isEqualTo(Map.of("2016", 1L));
    assertThat(stats.getInvestigationsSuspendedNow()).isEqualTo(1);
    assertThat(stats.getDeathsInCustodyByYear()).isEqualTo(Map.of("2016", 1L));
    assertThat(stats.getCasesByAllegationByYear())
        .isEqualTo(Map.of("2016", Map.of("DEATH_IN_CUSTODY", 1L, "TORTURE", 1L)));
    assertThat(stats.getCasesByVictimProfile()).isEqualTo(Map.of("UNDER_18", 1L));
    assertThat(stats.getExaminedWithin3DaysByYear()).isEqualTo(Map.of("2016", 1L));
    assertThat(stats.getExaminedWithin3DaysShare()).isEqualTo(0.5);
    assertThat(stats.getIndependentExaminations()).isEqualTo(1);
    assertThat(stats.getCasesByUnStage()).isEqualTo(Map.of("SUBMITTED", 1L));
    assertThat(stats.getCompensationMinorByYear())
        .isEqualTo(Map.of("2016", Map.of("TJS", 2_241_000L)));
    assertThat(stats.getCompensationPaidMinorByCurrency()).isEqualTo(Map.of("TJS", 1_000_000L));
    assertThat(withoutTime(stats))
        .as("the sum of the cases' latest states")
        .isEqualTo(withoutTime(sumOfLatestStates()));

    publish(tj.retraction(on("2016-11-01"), suspension, RetractionReason.ENTERED_IN_ERROR));

    stats = stats();
    assertThat(stats.getSuspensionsByYear()).isEmpty();
    assertThat(stats.getInvestigationsSuspendedNow()).isZero();
    assertThat(stats.getRefusalsByYear()).as("unchanged").isEqualTo(Map.of("2016", 2L));
    assertThat(withoutTime(stats)).isEqualTo(withoutTime(sumOfLatestStates()));
  }

  private void publish(final CaseEvent... events) {
    for (final CaseEvent event : events) {
      driver
          .createInputTopic(
              topics.events(event.getCountry()).name(),
              topics.events(event.getCountry()).keySerde().serializer(),
              topics.events(event.getCountry()).valueSerde().serializer())
          .pipeInput(event.getCaseId(), event, event.getRecordedAt());
    }
  }

  private CountryStats stats() {
    countryStats.readKeyValuesToList().forEach(kv -> latestStats.put(kv.key, kv.value));
    return latestStats.get("TJ");
  }

  private CountryStats sumOfLatestStates() {
    caseStates.readKeyValuesToList().forEach(kv -> latestStates.put(kv.key, kv.value));
    CountryStats sum = CountryFigures.empty();
    for (final CaseState state : latestStates.values()) {
      sum = CountryFigures.add(state, sum);
    }
    return sum;
  }

  private static CountryStats withoutTime(final CountryStats stats) {
    return CountryStats.newBuilder(stats).setUpdatedAt(null).build();
  }
}
