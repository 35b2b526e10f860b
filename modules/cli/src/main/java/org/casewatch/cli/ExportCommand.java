package org.casewatch.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.casewatch.analytics.ReplayFiles;
import org.casewatch.analytics.ReplayResult;
import org.casewatch.model.AuditAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Exports case states and alerts for a date range, from a replay as of the range's end. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    defaultValueProvider = KafkaOptions.Defaults.class,
    description =
        "Export case states (cases with an event in the range) and alerts (raised or resolved in"
            + " the range) as CSV and JSON Lines; columns in docs/analysts.md.")
final class ExportCommand implements Callable<Integer> {

  @Mixin KafkaOptions kafka;

  @Mixin ReplayEngineOption engine;

  @Option(
      names = "--from",
      required = true,
      converter = Dates.class,
      description = "First day of the range.")
  Instant from;

  @Option(
      names = "--to",
      required = true,
      converter = Dates.class,
      description = "Last day of the range.")
  Instant to;

  @Option(names = "--out", required = true, description = "Directory for the files.")
  Path out;

  @Mixin ProgressOption progress;

  @Override
  public Integer call() {
    AnalystAudit.record(this, AuditAction.EXPORT, kafka);
    final Instant start = Dates.startOf(from);
    final ReplayResult replay = ReplayRunner.run(kafka, engine, to, null, progress.shown());
    ReplayFiles.writeCases(
        replay.cases().stream()
            .filter(c -> c.getLastEventAt() != null && !c.getLastEventAt().isBefore(start))
            .toList(),
        out);
    ReplayFiles.writeAlerts(replay.alertsFrom(start), out);
    System.out.printf("Exported case states and alerts from %s to %s into %s%n", start, to, out);
    return 0;
  }
}
