package org.casewatch.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The stack traces in a log, grouped by what they are: the exception's class and the first frames.
 * One that comes back again and again is a loop (a handler failing on its own failure), not the
 * trace of a fault; that is what a log budget exists to catch. A trace is counted by its outermost
 * exception ({@code Caused by:} sections belong to it); one without frames (Kafka's {@code
 * ApiException}s) is a line like any other and is not counted.
 */
final class StackTraces {

  private static final Pattern FRAME = Pattern.compile("^\\s+at \\S.*");
  private static final Pattern HEADER =
      Pattern.compile("^([a-zA-Z_$][\\w$]*\\.)+[\\w$]*(Exception|Error|Throwable)\\b.*");

  /** What the JVM's default handler puts before a trace: {@code Exception in thread "name" }. */
  private static final Pattern THREAD_PREFIX = Pattern.compile("^Exception in thread \"[^\"]*\" ");

  private static final int FRAMES = 3;

  private StackTraces() {}

  /** How often each stack trace in {@code log} occurs, by signature (class and first frames). */
  static Map<String, Integer> count(final Path log) {
    final Map<String, Integer> counts = new LinkedHashMap<>();
    try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
      final List<String> frames = new ArrayList<>();
      String header = null;
      for (final String line : (Iterable<String>) lines::iterator) {
        if (FRAME.matcher(line).matches()) {
          if (header != null && frames.size() < FRAMES) {
            frames.add(line.trim());
          }
          continue;
        }
        if (header != null && !frames.isEmpty()) {
          counts.merge(signature(header, frames), 1, Integer::sum);
        }
        frames.clear();
        final String unprefixed = THREAD_PREFIX.matcher(line).replaceFirst("");
        header = HEADER.matcher(unprefixed).matches() ? exceptionClass(unprefixed) : null;
      }
      if (header != null && !frames.isEmpty()) {
        counts.merge(signature(header, frames), 1, Integer::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }

  /**
   * The signatures in {@code log} that occur more than {@code allowed} times, with their counts.
   */
  static Map<String, Integer> repeated(final Path log, final int allowed) {
    final Map<String, Integer> repeated = new LinkedHashMap<>();
    count(log)
        .forEach(
            (signature, times) -> {
              if (times > allowed) {
                repeated.put(signature, times);
              }
            });
    return repeated;
  }

  private static String exceptionClass(final String line) {
    final int colon = line.indexOf(':');
    return (colon < 0 ? line : line.substring(0, colon)).trim();
  }

  private static String signature(final String header, final List<String> frames) {
    return header + " " + String.join(" ", frames);
  }
}
