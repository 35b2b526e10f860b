package org.casewatch.cli;

import picocli.CommandLine.Option;

/** {@code --no-progress}: the same for every command that shows a progress bar. */
final class ProgressOption {

  @Option(names = "--no-progress", description = "No progress bar (for scripts and logs).")
  boolean off;

  /** Whether to show the progress bar. */
  boolean shown() {
    return !off;
  }
}
