package org.casewatch.analytics;

import java.util.regex.Pattern;

/**
 * Makes a CSV cell safe to open in a spreadsheet (OWASP "CSV injection"): a cell that begins with
 * {@code = + - @}, a tab or a carriage return would be read as a formula, so it gets a leading
 * apostrophe, which spreadsheets show as text. Numbers ({@code -5}, {@code +3.5}) stay numbers, and
 * a lone {@code -} ("no figure") stays as it is. Quoting (RFC 4180) is the writer's job and comes
 * after.
 */
public final class CsvCells {

  private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

  private CsvCells() {}

  /** {@code cell}, with an apostrophe in front if a spreadsheet would run it as a formula. */
  public static String neutralised(final String cell) {
    if (cell == null || cell.isEmpty() || "-".equals(cell) || NUMBER.matcher(cell).matches()) {
      return cell;
    }
    final char first = cell.charAt(0);
    return first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r'
        ? "'" + cell
        : cell;
  }
}
