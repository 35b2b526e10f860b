package org.casewatch.cli;

import org.casewatch.analytics.ReplayEngine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --engine} and {@code --threads}: which replay engine a command that replays history runs
 * on, and how many tasks the in-memory engine replays at once.
 */
final class ReplayEngineOption {

  @Option(
      names = "--engine",
      defaultValue = "memory",
      paramLabel = "memory|streams",
      description =
          "Replay engine: memory (default; plain consumers and the case logic on the heap) or"
              + " streams (the Kafka Streams topology, the reference, kept for one release).")
  ReplayEngine engine = ReplayEngine.MEMORY;

  @Option(
      names = "--threads",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Tasks (partitions) the memory engine replays at once; 0 (default): one per processor, "
              + "as many as the heap holds (2 KiB per record of the largest task, per rule "
              + "table). The result does not depend on it. Ignored by --engine streams.")
  void threads(final int count) {
    if (count < 0) {
      throw new ParameterException(
          command.commandLine(),
          "--threads must be 0 (one per processor, as the heap allows) or more, not " + count);
    }
    this.threads = count;
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  int threads;
}
