package org.casewatch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --coalitions}: the access file, named and described the same by every command that takes
 * it.
 */
final class AccessFileOption {

  @Option(
      names = "--coalitions",
      defaultValue = "coalitions.yaml",
      description =
          "The access file: hashed tokens of coalitions, coordinators and auditors, re-read when it"
              + " changes (default: ${DEFAULT-VALUE}).")
  Path file;
}
