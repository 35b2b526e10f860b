package org.casewatch.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.casewatch.analytics.ReplayEngine;
import org.casewatch.analytics.ReplayFiles;
import org.casewatch.analytics.ReplayResult;
import org.casewatch.analytics.RuleComparison;
import org.casewatch.model.AuditAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Replays history as of a date into files; with {@code --compare-with}, a what-if against an
 * earlier replay's directory.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    defaultValueProvider = KafkaOptions.Defaults.class,
    description =
        "Replay the event topics as of a date: case states, country figures and alerts as CSV, JSON"
            + " Lines and a Markdown summary. Never touches the live topics, state or offsets;"
            + " cleans up after itself.")
final class ReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Mixin ReplayEngineOption engine;

  @Option(
      names = "--as-of",
      converter = Dates.class,
      description =
          "State as of this date (end of the day, UTC) or instant. Needed unless --as-known-at is"
              + " given, whose date it then is.")
  Instant asOf;

  @Option(
      names = "--as-known-at",
      converter = Dates.class,
      description =
          "Only what casewatch knew at this date (end of the day, UTC) or instant: events recorded"
              + " (arrived in Kafka) later are left out. What coordinators could have seen then,"
              + " not what was true.")
  Instant asKnownAt;

  @Option(
      names = "--from",
      converter = Dates.class,
      description =
          "Only write alerts raised or resolved from this date on (state still folds all history).")
  Instant from;

  @Option(
      names = "--rules",
      description =
          "A rule table laid over the defaults (what-if). Give it more than once to replay every"
              + " table in one pass over the history: each table's files go to a directory of --out"
              + " named after its file.")
  List<Path> rules = new ArrayList<>();

  @Option(
      names = "--compare-with",
      description =
          "An earlier replay's --out directory to compare alerts and stalled counts with.")
  Path compareWith;

  @Option(names = "--out", required = true, description = "Directory for the files.")
  Path out;

  @Mixin ProgressOption progress;

  @Override
  public Integer call() {
    if (asOf == null && asKnownAt == null) {
      throw new ParameterException(
          spec.commandLine(),
          "Give --as-of DATE (state as of it), --as-known-at DATE "
              + "(what casewatch knew then), or both");
    }
    if (asKnownAt != null && engine.engine == ReplayEngine.STREAMS) {
      throw new ParameterException(
          spec.commandLine(),
          "--as-known-at runs on the in-memory engine only: drop "
              + "--engine streams (the Streams replay cannot leave out records by arrival time)");
    }
    final Instant until = asOf == null ? asKnownAt : asOf;
    AnalystAudit.record(this, AuditAction.REPLAY, kafka);
    if (rules.size() > 1) {
      final List<String> names = VariantNames.of(rules);
      final List<ReplayResult> results =
          ReplayRunner.runEach(kafka, engine, until, asKnownAt, rules, progress.shown());
      for (int i = 0; i < results.size(); i++) {
        write(results.get(i), out.resolve(names.get(i)), until, rules.get(i) + ": ");
      }
      return 0;
    }
    write(
        ReplayRunner.run(
            kafka,
            engine,
            until,
            asKnownAt,
            rules.isEmpty() ? null : rules.get(0),
            progress.shown()),
        out,
        until,
        "");
    return 0;
  }

  private void write(
      final ReplayResult full, final Path dir, final Instant until, final String label) {
    final ReplayResult result =
        from == null
            ? full
            : new ReplayResult(
                full.asOf(),
                full.cases(),
                full.countries(),
                full.alertsFrom(Dates.startOf(from)),
                full.eventsRead(),
                full.deadLetters());
    ReplayFiles.write(result, dir);
    System.out.printf(
        "%sReplayed %d events as of %s%s: %d cases, %d alerts, %d dead letters; files in %s%n",
        label,
        result.eventsRead(),
        until,
        asKnownAt == null ? "" : " as known at " + asKnownAt,
        result.cases().size(),
        result.alerts().size(),
        result.deadLetters(),
        dir);
    if (compareWith != null) {
      final String comparison = RuleComparison.compare(compareWith, result).markdown();
      ReplayFiles.text(dir.resolve("comparison.md"), comparison);
      System.out.print(comparison);
    }
  }
}
