package org.casewatch.cli;

import org.casewatch.analytics.ReplayEngine;
import picocli.CommandLine.Option;

/** {@code --engine}: which replay engine a command that replays history runs on. */
final class ReplayEngineOption {

  @Option(
      names = "--engine",
      defaultValue = "memory",
      paramLabel = "memory|streams",
      description =
          "Replay engine: memory (default; plain consumers and the case logic on the heap) or streams "
              + "(the Kafka Streams topology, the reference, kept for one release).")
  ReplayEngine engine = ReplayEngine.MEMORY;
}
