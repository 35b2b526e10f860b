package org.casewatch.cli;

import java.nio.file.Path;
import java.time.Instant;
import me.tongfei.progressbar.ProgressBar;
import org.casewatch.analytics.Replay;
import org.casewatch.analytics.ReplayOptions;
import org.casewatch.analytics.ReplayResult;
import org.casewatch.topology.rules.Rules;
import org.casewatch.topology.rules.RulesFile;

/** Runs a replay for a command, with a progress bar (events read, total, rate, ETA). */
final class ReplayRunner {

  private ReplayRunner() {}

  static ReplayResult run(final KafkaOptions kafka, final ReplayEngineOption engine, final Instant asOf,
      final Path rulesFile, final boolean progress) {
    final Rules rules = rulesFile == null ? RulesFile.defaults() : RulesFile.load(rulesFile);
    final ReplayOptions options = new ReplayOptions(kafka.bootstrapServers, kafka.registryUrl, asOf, rules,
        kafka.topicsPrefix, kafka.kafkaClient().passed(), engine.engine);
    try (ProgressBar bar = ProgressBars.events("Replaying as of " + asOf, 1, progress)) {
      return Replay.run(options, (read, total) -> {
        bar.maxHint(Math.max(total, 1));
        bar.stepTo(read);
      });
    }
  }
}
