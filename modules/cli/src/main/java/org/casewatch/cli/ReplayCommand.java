package org.casewatch.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.casewatch.analytics.ReplayFiles;
import org.casewatch.analytics.ReplayResult;
import org.casewatch.analytics.RuleComparison;
import org.casewatch.model.AuditAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Replays history as of a date into files; with {@code --compare-with}, a what-if against an
 * earlier replay's directory.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay the event topics as of a date: case states, country figures and alerts as CSV, JSON Lines "
        + "and a Markdown summary. Never touches the live topics, state or offsets; cleans up after itself.")
final class ReplayCommand implements Callable<Integer> {

  @Mixin
  KafkaOptions kafka;

  @Mixin
  ReplayEngineOption engine;

  @Option(names = "--as-of", required = true, converter = Dates.class,
      description = "State as of this date (end of the day, UTC) or instant.")
  Instant asOf;

  @Option(names = "--from", converter = Dates.class,
      description = "Only write alerts raised or resolved from this date on (state still folds all history).")
  Instant from;

  @Option(names = "--rules", description = "A rule table laid over the defaults (what-if).")
  Path rules;

  @Option(names = "--compare-with", description = "An earlier replay's --out directory to compare alerts and stalled counts with.")
  Path compareWith;

  @Option(names = "--out", required = true, description = "Directory for the files.")
  Path out;

  @Option(names = "--no-progress", description = "No progress bar.")
  boolean noProgress;

  @Override
  public Integer call() {
    AnalystAudit.record(this, AuditAction.REPLAY, kafka);
    final ReplayResult full = ReplayRunner.run(kafka, engine, asOf, rules, !noProgress);
    final ReplayResult result = from == null ? full : new ReplayResult(full.asOf(), full.cases(), full.countries(),
        full.alerts().stream().filter(alert -> !alert.getAt().isBefore(Dates.startOf(from))).toList(),
        full.eventsRead(), full.deadLetters());
    ReplayFiles.write(result, out);
    System.out.printf("Replayed %d events as of %s: %d cases, %d alerts, %d dead letters; files in %s%n",
        result.eventsRead(), asOf, result.cases().size(), result.alerts().size(), result.deadLetters(), out);
    if (compareWith != null) {
      final String comparison = RuleComparison.compare(compareWith, result).markdown();
      ReplayFiles.text(out.resolve("comparison.md"), comparison);
      System.out.print(comparison);
    }
    return 0;
  }
}
