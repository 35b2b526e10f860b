package org.casewatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.casewatch.model.Alert;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.RuleId;
import org.casewatch.model.Topics;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.casewatch.topology.CaseTopology;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.Settling;
import org.casewatch.topology.StreamsSettings;
import org.casewatch.topology.TopologyTopics;
import org.casewatch.topology.rules.Rules;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Replay, yearly statement, what-if and clean-up, on a real broker, with the 2016 figures. */
@WithCasewatchKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalystsIT {

  private static final Instant END_OF_2016 = YearReport.endOf(2016);

  private final CasewatchCluster cluster;
  private final String history2016;
  private final String whatIf;

  AnalystsIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
    this.history2016 = publish(statement2016());
    this.whatIf = publish(whatIfHistory());
  }

  /**
   * 163 KZ, 112 KG and 57 TJ cases registered in 2016, as the coalitions reported; 5 TJ
   * compensations; every ninth case refused, every 27th refusal appealed, every 54th annulled.
   */
  private static List<CaseEvent> statement2016() {
    final List<CaseEvent> events = new ArrayList<>();
    final Map<Country, Integer> registered =
        Map.of(Country.KZ, 163, Country.KG, 112, Country.TJ, 57);
    registered.forEach(
        (country, count) -> {
          for (int i = 1; i <= count; i++) {
            final String caseId = String.format("%s-2016-%04d", country, i);
            final Instant day = on("2016-01-04").plus(Duration.ofDays(i % 300));
            events.add(aCase(caseId).registered(day));
            if (i % 5 != 0) {
              events.add(aCase(caseId).complaintFiled(day.plus(Duration.ofDays(3))));
            }
            if (i % 9 == 0) {
              events.add(aCase(caseId).investigationOpened(day.plus(Duration.ofDays(8))));
              final CaseEvent refusal =
                  aCase(caseId)
                      .investigationClosed(
                          day.plus(Duration.ofDays(40)), InvestigationOutcome.REFUSED_NO_CRIME);
              events.add(refusal);
              if (i % 27 == 0) {
                events.add(
                    aCase(caseId)
                        .appealed(day.plus(Duration.ofDays(45)), refusal, Authority.COURT));
              }
              if (i % 54 == 0) {
                events.add(aCase(caseId).annulled(day.plus(Duration.ofDays(60)), refusal));
              }
            }
            if (country == Country.KZ && i % 20 == 0) {
              events.add(
                  aCase(caseId)
                      .reprisal(
                          day.plus(Duration.ofDays(10)),
                          ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES));
            }
            if (country == Country.TJ && i <= 5) {
              events.add(
                  aCase(caseId)
                      .compensationAwarded(day.plus(Duration.ofDays(200)), 150_000, "TJS"));
            }
          }
        });
    return events;
  }

  /** Built for comparing a 10-day and a 30-day complaint rule as of the end of 2016. */
  private static List<CaseEvent> whatIfHistory() {
    final List<CaseEvent> events = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      final String caseId = "TJ-2016-010" + i;
      events.add(aCase(caseId).complaintFiled(on("2016-06-01")));
      events.add(aCase(caseId).investigationOpened(on("2016-06-16")));
    }
    for (int i = 1; i <= 4; i++) {
      events.add(aCase("TJ-2016-020" + i).complaintFiled(on("2016-12-10")));
    }
    return events;
  }

  private String publish(final List<CaseEvent> events) {
    final String prefix = CasewatchCluster.uniqueName("an") + ".";
    final List<String> topics = Topics.allEvents().stream().map(topic -> prefix + topic).toList();
    cluster.createTopics(3, topics.toArray(String[]::new));
    cluster.publishEvents(prefix, events);
    return prefix;
  }

  private ReplayResult replay(final String prefix, final Instant asOf, final Rules rules) {
    return Replay.run(
        new ReplayOptions(
            cluster.bootstrapServers(), cluster.registryUrl(), asOf, rules, prefix, Map.of()),
        ReplayProgress.NONE);
  }

  @Test
  void theYearlyStatementStatesThe2016Figures() {
    final ReplayResult replay = replay(history2016, END_OF_2016, RulesFile.defaults());
    assertThat(replay.eventsRead()).isEqualTo(statement2016().size());
    assertThat(replay.cases()).hasSize(163 + 112 + 57);
    final YearReport report = YearReport.of(2016, replay);

    assertThat(report.of(Country.KZ).newCases()).isEqualTo(163);
    assertThat(report.of(Country.KG).newCases()).isEqualTo(112);
    assertThat(report.of(Country.TJ).newCases()).isEqualTo(57);
    assertThat(report.of(Country.TJ).compensations()).isEqualTo(5);
    assertThat(report.of(Country.TJ).compensationMinorByCurrency())
        .isEqualTo(Map.of("TJS", 750_000L));
    assertThat(report.of(Country.KZ).reprisals()).isEqualTo(8);
    assertThat(report.of(Country.TM).newCases()).isZero();
    assertThat(report.markdown())
        .contains(
            "| new cases registered | 163 | 112 | 57 | 0 | 0 |",
            "In 2016 the Coalition registered 163 new cases in Kazakhstan.",
            "Compensation was awarded in 5 cases: 7,500.00 TJS.",
            "In 2016 the Coalition registered no new cases in Turkmenistan.",
            "Of the 163 cases registered in 2016, by the end of the year complaints had been filed"
                + " in 131. Complaints were refused 18 times (cases refused once 18); 6 decisions"
                + " were appealed and 3 annulled;");
    assertThat(report.of(Country.KZ).registered().refusals()).isEqualTo(18);
    assertThat(report.csv())
        .contains(
            "registered in 2016: refusals,18,12,6,0,0",
            "registered in 2016: decisions appealed,6,4,2,0,0");
    assertThat(report.html())
        .startsWith("<!DOCTYPE html>")
        .contains(
            "<svg",
            ">163<",
            "<section id=\"country-KZ\"",
            "<tr data-figure=\"newCases\" data-value=\"163\">")
        .as("self-contained: nothing to fetch")
        .doesNotContain("<script src", "<link", "src=\"http", "url(");
    assertThat(report.csv()).contains("new cases registered,163,112,57,0,0");
  }

  @Test
  void twoReplaysWriteByteIdenticalFilesAndLeaveNothingBehind(@TempDir final Path dir)
      throws Exception {
    final List<Path> stateDirsBefore = replayStateDirs();
    final Path first = dir.resolve("first");
    final Path second = dir.resolve("second");
    ReplayFiles.write(replay(history2016, END_OF_2016, RulesFile.defaults()), first);
    ReplayFiles.write(replay(history2016, END_OF_2016, RulesFile.defaults()), second);

    final Map<String, byte[]> a = files(first);
    final Map<String, byte[]> b = files(second);
    assertThat(a.keySet())
        .containsExactlyInAnyOrder(
            "case-states.csv",
            "case-states.jsonl",
            "country-stats.csv",
            "country-stats.jsonl",
            "alerts.csv",
            "alerts.jsonl",
            "summary.md");
    a.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));
    assertThat(Files.readString(first.resolve("case-states.csv")).lines().count())
        .isEqualTo(163 + 112 + 57 + 1);

    assertThat(cluster.topicNames()).noneMatch(Replay::isReplayName);
    assertThat(cluster.admin().listGroups().all().get())
        .noneMatch(group -> Replay.isReplayName(group.groupId()));
    assertThat(replayStateDirs()).as("no state directory left behind").isEqualTo(stateDirsBefore);
  }

  private static List<Path> replayStateDirs() throws IOException {
    try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return temp.filter(path -> path.getFileName().toString().startsWith("casewatch-replay"))
          .sorted()
          .toList();
    }
  }

  @Test
  void aReplaysAlertsEqualTheLiveServicesIdForId() {
    final List<String> replayed =
        idsUpTo(replay(history2016, END_OF_2016, RulesFile.defaults()).alerts());
    final String outputs = CasewatchCluster.uniqueName("live") + ".";
    cluster.createTopics(3, outputs + Topics.ALERTS, outputs + Topics.DEAD_LETTERS);
    cluster.createTopicsIfAbsent(3, history2016 + Topics.ALERT_ACTIONS);
    cluster.createCompactedTopic(outputs + Topics.CASE_STATE, 3);
    cluster.createCompactedTopic(outputs + Topics.COUNTRY_STATS, 3);
    final TopologyTopics live =
        TopologyTopics.withPrefixes(cluster.registryClient(), history2016, outputs);
    final Properties props = StreamsSettings.of(outputs + "live", cluster.bootstrapServers(), live);
    props.put(StreamsConfig.STATE_DIR_CONFIG, tempDir().toString());
    try (KafkaStreams streams =
        new KafkaStreams(
            // The history is in its topics before the service starts and is read in a few polls:
            // settled after 10 s of quiet rather than 30, each case is still judged on all its
            // events, and alert ids do not depend on when.
            CaseTopology.build(
                RulesFile.defaults(), live, ClockMode.LIVE, Settling.of(Duration.ofSeconds(10))),
            props)) {
      streams.start();
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () ->
                  assertThat(
                          idsUpTo(
                              latest(
                                  cluster.readAll(
                                      live.alerts().name(),
                                      live.alerts().valueSerde().deserializer()))))
                      .isEqualTo(replayed));
    }
  }

  @Test
  void whatIfATenDayAndAThirtyDayComplaintRuleDiffer(@TempDir final Path dir) {
    ReplayFiles.write(replay(whatIf, END_OF_2016, RulesFile.defaults()), dir);
    final Rules thirtyDays = RulesFile.parse("defaults: {stalledComplaintDays: 30}");

    final RuleComparison comparison =
        RuleComparison.compare(dir, replay(whatIf, END_OF_2016, thirtyDays));

    assertThat(comparison.row(Country.TJ, RuleId.STALLED_COMPLAINT).removed()).isEqualTo(6);
    assertThat(comparison.row(Country.TJ, RuleId.STALLED_COMPLAINT).added()).isZero();
    assertThat(comparison.stalled().get(Country.TJ)).containsExactly(4, 0);
    assertThat(comparison.markdown())
        .contains("| TJ | STALLED_COMPLAINT | 0 | 6 |", "| TJ | 4 | 0 |");
  }

  private static List<String> idsUpTo(final List<Alert> alerts) {
    return alerts.stream()
        .filter(alert -> !alert.getAt().isAfter(END_OF_2016))
        .map(alert -> alert.getAlertId() + " " + alert.getStatus())
        .sorted()
        .toList();
  }

  private static List<Alert> latest(final List<ConsumerRecord<String, Alert>> records) {
    final Map<String, Alert> byId = new TreeMap<>();
    records.forEach(record -> byId.put(record.value().getAlertId(), record.value()));
    return List.copyOf(byId.values());
  }

  private static Map<String, byte[]> files(final Path dir) throws IOException {
    final Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.list(dir)) {
      for (final Path path : paths.toList()) {
        files.put(path.getFileName().toString(), Files.readAllBytes(path));
      }
    }
    return files;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("casewatch-live-it");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
