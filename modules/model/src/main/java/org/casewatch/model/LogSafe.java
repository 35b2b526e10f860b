package org.casewatch.model;

/**
 * Makes text that came from outside (an eventId, a caseId, a decoder's or a broker's message
 * quoting input) safe to write to a log: control characters (a newline would forge a log line, an
 * escape sequence would drive the operator's terminal), bidirectional and other invisible format
 * characters are written as {@code \\uXXXX}, and the text is cut at {@link #MAX_LENGTH} characters.
 */
public final class LogSafe {

  /** The most characters of outside text one log entry carries. */
  public static final int MAX_LENGTH = 500;

  private LogSafe() {}

  /** {@code value}'s text, escaped and shortened; {@code null} as "null". */
  public static String text(final Object value) {
    final String text = String.valueOf(value);
    final StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 16);
    for (int i = 0; i < text.length(); i++) {
      if (safe.length() >= MAX_LENGTH) {
        safe.append("...(").append(text.length()).append(" characters)");
        break;
      }
      final char c = text.charAt(i);
      final int type = Character.getType(c);
      if (c == '\\') {
        safe.append("\\\\");
      } else if (type == Character.CONTROL
          || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR
          || (type == Character.SURROGATE && !validSurrogate(text, i))) {
        safe.append(String.format("\\u%04x", (int) c));
      } else {
        safe.append(c);
      }
    }
    return safe.toString();
  }

  private static boolean validSurrogate(final String text, final int i) {
    final char c = text.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
