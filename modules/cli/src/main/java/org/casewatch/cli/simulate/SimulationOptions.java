package org.casewatch.cli.simulate;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What history the simulator publishes and how fast its live cases follow: the options {@code
 * casewatch simulate} and {@code ./casewatch demo} share, named and described the same.
 */
public final class SimulationOptions {

  @Option(
      names = "--seed",
      defaultValue = "2016",
      description = "Seed of the simulated history (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--rate",
      defaultValue = "12",
      description =
          "Live cases per minute after the history, each two to eight events; 0: history only"
              + " (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--live-cases",
      description = "Stop after this many live cases in all (default: no limit).")
  Long liveCases;

  public long seed() {
    return seed;
  }

  /** Live cases per minute; 0: none. */
  public double rate() {
    return rate;
  }

  /** How many live cases to publish in all, if limited. */
  public Optional<Long> liveCases() {
    return Optional.ofNullable(liveCases);
  }
}
