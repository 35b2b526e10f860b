package org.casewatch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.casewatch.analytics.ReplayFiles;
import org.casewatch.analytics.ReplayResult;
import org.casewatch.analytics.YearReport;
import org.casewatch.model.AuditAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The per-country statement for a year, from a replay as of the end of the year's last local day.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    defaultValueProvider = KafkaOptions.Defaults.class,
    description =
        "Per-country statement for a year, a paragraph per country: new cases, complaints,"
            + " investigations, decisions, compensation, reprisals, withdrawals, stalled complaints"
            + " at year end, median days to investigation; and what became of the year's cases by"
            + " its end: refusals, appeals, annulments, reopenings, suspensions, independent and"
            + " torture-article investigations, forensic examinations, allegations, perpetrators,"
            + " places of detention, victims, deaths in custody, UN communications, compensation"
            + " awarded and paid.")
final class ReportCommand implements Callable<Integer> {

  enum Format {
    md,
    html,
    csv,
    json
  }

  @Mixin KafkaOptions kafka;

  @Mixin ReplayEngineOption engine;

  @Option(names = "--year", required = true, description = "The year, e.g. 2016.")
  int year;

  @Option(
      names = "--format",
      defaultValue = "md",
      description =
          "md (paragraphs and a table), html (one self-contained file with charts), csv (one number"
              + " per cell) or json.")
  Format format;

  @Option(names = "--out", description = "File to write (default: standard output).")
  Path out;

  @Mixin ProgressOption progress;

  @Override
  public Integer call() {
    AnalystAudit.record(this, AuditAction.REPORT, kafka);
    final ReplayResult replay =
        ReplayRunner.run(kafka, engine, YearReport.endOf(year), null, progress.shown());
    final YearReport report = YearReport.of(year, replay);
    final String text =
        switch (format) {
          case md -> report.markdown();
          case html -> report.html();
          case csv -> report.csv();
          case json -> report.json();
        };
    if (out == null) {
      System.out.print(text);
    } else {
      ReplayFiles.text(out, text);
      System.err.println("Report for " + year + " written to " + out);
    }
    return 0;
  }
}
