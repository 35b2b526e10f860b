package org.casewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.cli.CliRun.casewatch;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.casewatch.model.AuditAction;
import org.casewatch.model.AuditRecord;
import org.casewatch.model.AuditRole;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Topics;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code casewatch replay}, {@code report} and {@code export} as an analyst runs them, on a real
 * broker.
 */
@WithCasewatchKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalystCommandsIT {

  private final String[] kafka;
  private final CasewatchCluster cluster;
  private final String prefix;

  AnalystCommandsIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
    this.prefix = CasewatchCluster.uniqueName("cli") + ".";
    cluster.createTopics(
        3, Topics.allEvents().stream().map(topic -> prefix + topic).toArray(String[]::new));
    final List<CaseEvent> events =
        List.of(
            aCase("KZ-2016-0001").registered(on("2016-02-01")),
            aCase("KZ-2016-0001").complaintFiled(on("2016-02-02")),
            aCase("KZ-2016-0001").investigationOpened(on("2016-02-05")),
            // Investigated after 20 days: stalled under a 10-day rule, not under a 30-day one.
            aCase("TJ-2016-0001").registered(on("2016-05-01")),
            aCase("TJ-2016-0001").complaintFiled(on("2016-05-01")),
            aCase("TJ-2016-0001").investigationOpened(on("2016-05-21")),
            // Complaint on 15 December: stalled at the year's end under a 10-day rule only.
            aCase("TJ-2016-0002").registered(on("2016-12-14")),
            aCase("TJ-2016-0002").complaintFiled(on("2016-12-15")));
    cluster.publishEvents(prefix, events);
    kafka =
        new String[] {
          "--bootstrap-servers",
          cluster.bootstrapServers(),
          "--registry-url",
          cluster.registryUrl(),
          "--topics-prefix",
          prefix,
          "--no-progress"
        };
  }

  private CliRun run(final String command, final String... args) {
    final String[] all = new String[1 + args.length + kafka.length];
    all[0] = command;
    System.arraycopy(args, 0, all, 1, args.length);
    System.arraycopy(kafka, 0, all, 1 + args.length, kafka.length);
    return casewatch(all);
  }

  @Test
  void aWhatIfReplayReportsWhatAThirtyDayComplaintRuleChanges(@TempDir final Path dir)
      throws IOException {
    final Path tenDays = dir.resolve("ten-days");
    final CliRun first = run("replay", "--as-of", "2016-12-31", "--out", tenDays.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("Replayed 8 events as of 2016-12-31T23:59:59.999Z: 3 cases");
    assertThat(Files.readAllLines(tenDays.resolve("case-states.csv"))).hasSize(1 + 3);

    final Path rules = dir.resolve("thirty-days.yaml");
    Files.writeString(rules, "defaults:\n  stalledComplaintDays: 30\n");
    final CliRun whatIf =
        run(
            "replay",
            "--as-of",
            "2016-12-31",
            "--rules",
            rules.toString(),
            "--compare-with",
            tenDays.toString(),
            "--out",
            dir.resolve("thirty-days").toString());

    assertThat(whatIf.exitCode()).as(whatIf.err()).isZero();
    assertThat(whatIf.out()).contains("| TJ | STALLED_COMPLAINT | 0 | 2 |", "| TJ | 1 | 0 |");
    assertThat(dir.resolve("thirty-days").resolve("comparison.md"))
        .content()
        .contains("| TJ | STALLED_COMPLAINT | 0 | 2 |");
  }

  @Test
  void theYearlyStatementIsWrittenAsOneSelfContainedHtmlFile(@TempDir final Path dir) {
    final Path html = dir.resolve("2016.html");
    final CliRun report =
        run("report", "--year", "2016", "--format", "html", "--out", html.toString());

    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(report.err()).contains("Report for 2016 written to " + html);
    assertThat(html)
        .content()
        .startsWith("<!DOCTYPE html>")
        .contains("<svg")
        .doesNotContain("<script src", "<link");
    final CliRun csv = run("report", "--year", "2016", "--format", "csv");
    assertThat(csv.out()).contains("new cases registered,1,0,2,0,0");
  }

  @Test
  void anExportHoldsTheCasesAndAlertsOfItsDateRangeOnly(@TempDir final Path dir)
      throws IOException {
    final CliRun export =
        run("export", "--from", "2016-12-01", "--to", "2016-12-31", "--out", dir.toString());

    assertThat(export.exitCode()).as(export.err()).isZero();
    final List<String> cases = Files.readAllLines(dir.resolve("case-states.csv"));
    assertThat(cases).hasSize(2);
    assertThat(cases.get(0)).startsWith("caseId,country,coalition,stage,");
    assertThat(cases.get(1)).startsWith("TJ-2016-0002,TJ,tj-coalition,COMPLAINT_FILED,");
    final List<String> alerts = Files.readAllLines(dir.resolve("alerts.csv"));
    assertThat(alerts).hasSize(3);
    // The deadline ends with the local day 2016-12-25 in Dushanbe (UTC+05:00); no examination was
    // reported within 3 days of the complaint either.
    assertThat(alerts.subList(1, 3))
        .anySatisfy(
            alert ->
                assertThat(alert)
                    .contains(
                        "TJ-2016-0002", "STALLED_COMPLAINT", "RAISED", "2016-12-25T18:59:59.999Z"));
    assertThat(alerts.subList(1, 3))
        .anySatisfy(
            alert ->
                assertThat(alert)
                    .contains("TJ-2016-0002", "FORENSIC_EXAMINATION_MISSING", "RAISED"));
    assertThat(Files.readAllLines(dir.resolve("alerts.jsonl")))
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).contains("\"caseId\":\"TJ-2016-0002\""));
  }

  @Test
  void replaysExportsAndReportsAreRecordedInTheAuditBeforeTheyRead(@TempDir final Path dir) {
    assertThat(
            run("replay", "--as-of", "2016-06-30", "--out", dir.resolve("replay").toString())
                .exitCode())
        .isZero();
    assertThat(
            run(
                    "export",
                    "--from",
                    "2016-01-01",
                    "--to",
                    "2016-06-30",
                    "--out",
                    dir.resolve("export").toString())
                .exitCode())
        .isZero();

    final List<AuditRecord> records =
        cluster
            .readAll(
                prefix + Topics.AUDIT,
                AvroDeserializer.specific(cluster.registryClient(), AuditRecord.class))
            .stream()
            .map(ConsumerRecord::value)
            .toList();
    final AuditRecord replay =
        records.stream()
            .filter(
                r ->
                    r.getAction() == AuditAction.REPLAY
                        && "2016-06-30T23:59:59.999Z".equals(r.getParameters().get("as-of")))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no REPLAY record as of 2016-06-30 in " + records));
    assertThat(replay.getRole()).isEqualTo(AuditRole.ANALYST);
    assertThat(replay.getTokenId()).as("no Kafka principal configured").isEqualTo("analyst");
    assertThat(replay.getPath()).isEqualTo("casewatch replay");
    assertThat(replay.getParameters())
        .containsEntry("out", dir.resolve("replay").toString())
        .containsKey("bootstrap-servers")
        .doesNotContainKey("help");
    assertThat(records)
        .anySatisfy(
            r -> {
              assertThat(r.getAction()).isEqualTo(AuditAction.EXPORT);
              assertThat(r.getParameters()).containsEntry("out", dir.resolve("export").toString());
            });
  }
}
