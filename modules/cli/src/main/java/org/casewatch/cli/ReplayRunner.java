package org.casewatch.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import org.casewatch.analytics.Replay;
import org.casewatch.analytics.ReplayOptions;
import org.casewatch.analytics.ReplayResult;
import org.casewatch.service.RuleTableFile;
import org.casewatch.topology.rules.Rules;
import org.casewatch.topology.rules.RulesFile;

/** Runs a replay for a command, with a progress bar (events read, total, rate, ETA). */
final class ReplayRunner {

  private ReplayRunner() {}

  static ReplayResult run(
      final KafkaOptions kafka,
      final ReplayEngineOption engine,
      final Instant asOf,
      final Path rulesFile,
      final boolean progress) {
    return run(kafka, engine, asOf, null, rulesFile, progress);
  }

  /** The same with only the records that had arrived by {@code asKnownAt}, when it is not null. */
  static ReplayResult run(
      final KafkaOptions kafka,
      final ReplayEngineOption engine,
      final Instant asOf,
      final Instant asKnownAt,
      final Path rulesFile,
      final boolean progress) {
    final Rules rules = rulesFile == null ? RulesFile.defaults() : RuleTableFile.read(rulesFile);
    final ReplayOptions options =
        new ReplayOptions(
                kafka.bootstrapServers(),
                kafka.registryUrl(),
                asOf,
                rules,
                kafka.topicsPrefix(),
                kafka.kafkaClient().passed(),
                engine.engine,
                asKnownAt)
            .withThreads(engine.threads);
    final String title =
        "Replaying as of " + asOf + (asKnownAt == null ? "" : " as known at " + asKnownAt);
    try (ProgressBar bar = ProgressBars.events(title, 1, progress)) {
      return Replay.run(
          options,
          (read, total) -> {
            bar.maxHint(Math.max(total, 1));
            bar.stepTo(read);
          });
    }
  }

  /** One replay per rule table, read once (what-if variants); the tables in the order given. */
  static List<ReplayResult> runEach(
      final KafkaOptions kafka,
      final ReplayEngineOption engine,
      final Instant asOf,
      final Instant asKnownAt,
      final List<Path> rulesFiles,
      final boolean progress) {
    final List<Rules> tables = rulesFiles.stream().map(RuleTableFile::read).toList();
    final ReplayOptions options =
        new ReplayOptions(
                kafka.bootstrapServers(),
                kafka.registryUrl(),
                asOf,
                RulesFile.defaults(),
                kafka.topicsPrefix(),
                kafka.kafkaClient().passed(),
                engine.engine,
                asKnownAt)
            .withThreads(engine.threads);
    final String title =
        "Replaying "
            + tables.size()
            + " rule tables as of "
            + asOf
            + (asKnownAt == null ? "" : " as known at " + asKnownAt);
    try (ProgressBar bar = ProgressBars.events(title, 1, progress)) {
      return Replay.runEach(
          options,
          tables,
          (read, total) -> {
            bar.maxHint(Math.max(total, 1));
            bar.stepTo(read);
          });
    }
  }
}
