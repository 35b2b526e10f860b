package org.casewatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code casewatch} command. Every subcommand documents itself: {@code casewatch help
 * <command>}.
 */
@Command(
    name = "casewatch",
    mixinStandardHelpOptions = true,
    version = "casewatch 0.1.0",
    description = "Case tracking for the Coalitions against Torture in Central Asia.",
    subcommands = {
      ServiceCommand.class,
      GatewayCommand.class,
      ImportCommand.class,
      TokenCommand.class,
      SimulateCommand.class,
      ReplayCommand.class,
      ReportCommand.class,
      ExportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Casewatch {

  public static void main(final String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, for tests and for embedding. */
  public static CommandLine commandLine() {
    return new CommandLine(new Casewatch()).setCaseInsensitiveEnumValuesAllowed(true);
  }
}
