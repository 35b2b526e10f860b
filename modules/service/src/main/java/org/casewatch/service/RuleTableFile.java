package org.casewatch.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.casewatch.topology.rules.Rules;
import org.casewatch.topology.rules.RulesFile;

/**
 * A rule table read from a file (the service's {@code casewatch.rules.file}, the replay's {@code
 * --rules}): the topology parses tables from a stream and never opens a file itself.
 */
public final class RuleTableFile {

  private RuleTableFile() {}

  /**
   * The defaults with the table in {@code file} laid over them; the file's path names it in errors.
   */
  public static Rules read(final Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return RulesFile.parse(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the rules file " + file + ": " + e.getMessage(), e);
    }
  }
}
