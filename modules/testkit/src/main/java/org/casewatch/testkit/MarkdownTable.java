package org.casewatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table of a Markdown page in docs/, for the tests that hold a page to the code it documents: the
 * rows under a header line, each as its cells.
 */
public final class MarkdownTable {

  private static final Pattern CODE = Pattern.compile("`([^`]*)`");

  private MarkdownTable() {}

  /**
   * The rows (without the header and the separator line) of the table whose header line is {@code
   * header}, e.g. {@code "| key | default | meaning |"}, on {@code page}.
   *
   * @throws AssertionError if the page has no such table
   */
  public static List<List<String>> rows(final Path page, final String header) {
    final String text;
    try {
      text = Files.readString(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    final int start = text.indexOf(header);
    if (start < 0) {
      throw new AssertionError(page + " has no table headed '" + header + "'");
    }
    final int end = text.indexOf("\n\n", start);
    final List<String> lines =
        Arrays.asList(text.substring(start, end < 0 ? text.length() : end).split("\n"));
    final List<List<String>> rows = new ArrayList<>();
    for (final String line : lines.subList(2, lines.size())) {
      final String[] cells = line.split("\\|", -1);
      rows.add(Arrays.stream(cells, 1, cells.length - 1).map(String::trim).toList());
    }
    return rows;
  }

  /** The code spans of a cell, in order: "`a`, `b`" gives a and b. */
  public static List<String> codes(final String cell) {
    final List<String> codes = new ArrayList<>();
    final Matcher code = CODE.matcher(cell);
    while (code.find()) {
      codes.add(code.group(1));
    }
    return codes;
  }
}
