package org.casewatch.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How every casewatch process reads its settings, one layer over the other: the process's defaults,
 * then a properties file, then environment variables ({@code casewatch.http.port} is {@code
 * CASEWATCH_HTTP_PORT}), then command-line options. Each process keeps one table of keys with their
 * defaults and checks the result at start, listing every problem at once.
 */
public final class Settings {

  private Settings() {}

  /**
   * The settings in force: {@code defaults}, overridden by {@code file} if given (keys it does not
   * know are kept, for the process to refuse by name), by the environment's variables for known
   * keys, then by {@code flags} (keys given on the command line).
   */
  public static Map<String, String> layered(
      final Map<String, String> defaults,
      final Optional<Path> file,
      final Map<String, String> environment,
      final Map<String, String> flags) {
    final Map<String, String> values = new LinkedHashMap<>(defaults);
    file.ifPresent(path -> values.putAll(read(path)));
    for (final String key : defaults.keySet()) {
      final String variable = environmentVariable(key);
      if (environment.containsKey(variable)) {
        values.put(key, environment.get(variable).trim());
      }
    }
    flags.forEach((key, value) -> values.put(key, value.trim()));
    return values;
  }

  /**
   * The environment variable that sets {@code key}: {@code casewatch.http.port} → {@code
   * CASEWATCH_HTTP_PORT}.
   */
  public static String environmentVariable(final String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /** A properties file's settings, values trimmed. */
  public static Map<String, String> read(final Path path) {
    final Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(path)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException(
          "The configuration file "
              + path
              + " does not exist: give --config a properties file of casewatch.* settings, or leave"
              + " --config out to run on the defaults and the environment",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the configuration file " + path + ": " + e.getMessage(), e);
    }
    final Map<String, String> values = new LinkedHashMap<>();
    properties
        .stringPropertyNames()
        .forEach(key -> values.put(key, properties.getProperty(key).trim()));
    return values;
  }

  /**
   * {@code values} over {@code defaults}: every key of the table with its value in force, and one
   * problem per key of {@code values} the table does not have.
   */
  public static Map<String, String> over(
      final Map<String, String> defaults,
      final Map<String, String> values,
      final List<String> problems) {
    values.keySet().stream()
        .filter(key -> !defaults.containsKey(key))
        .forEach(
            key ->
                problems.add("unknown setting '" + key + "' (known: " + defaults.keySet() + ")"));
    final Map<String, String> all = new LinkedHashMap<>(defaults);
    all.putAll(values);
    return all;
  }

  /** One problem per key of {@code required} whose value is empty. */
  public static void required(
      final Map<String, String> values, final List<String> required, final List<String> problems) {
    for (final String key : required) {
      if (values.get(key).isBlank()) {
        problems.add(key + " must not be empty");
      }
    }
  }

  /** A problem unless {@code key}'s value is an http or https URL. */
  public static void httpUrl(
      final Map<String, String> values, final String key, final List<String> problems) {
    if (!values.get(key).matches("https?://.+")) {
      problems.add(key + " must be an http(s) URL, was '" + values.get(key) + "'");
    }
  }

  /**
   * {@code key}'s whole number between {@code min} and {@code max}, or a problem and {@code min}.
   */
  public static int integer(
      final Map<String, String> values,
      final String key,
      final int min,
      final int max,
      final List<String> problems) {
    try {
      final int value = Integer.parseInt(values.get(key).trim());
      if (value < min || value > max) {
        problems.add(key + " must be between " + min + " and " + max + ", was " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      problems.add(key + " must be a number, was '" + values.get(key) + "'");
      return min;
    }
  }

  /** {@code key}'s file, or none when it is empty. */
  public static Optional<Path> path(final Map<String, String> values, final String key) {
    return values.get(key).isBlank()
        ? Optional.empty()
        : Optional.of(Path.of(values.get(key).trim()));
  }
}
