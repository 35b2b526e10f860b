package org.casewatch.demo;

import org.casewatch.cli.Casewatch;

/** The {@code ./casewatch} script's entry point: every casewatch command, plus {@code demo}. */
public final class Launcher {

  private Launcher() {}

  public static void main(final String[] args) {
    System.exit(Casewatch.commandLine().addSubcommand("demo", new DemoCommand()).execute(args));
  }
}
