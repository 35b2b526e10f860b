package org.casewatch.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A standard Kafka client properties file (the kind {@code kafka-console-producer --command-config}
 * takes) holding how a casewatch client authenticates to Kafka: every {@code security.*}, {@code
 * sasl.*} and {@code ssl.*} key is passed through to each producer, consumer, admin client and
 * Streams client the command builds. Other keys are not taken from it (the command's own settings
 * decide the rest) and are listed in {@link #ignored()}, so the command can say so; but {@code
 * bootstrap.servers}, which such files usually hold for Kafka's own tools, is left out silently.
 *
 * <p>The file usually holds a password ({@code sasl.jaas.config}, {@code ssl.*.password}); such a
 * file readable by anyone but its owner is refused, as {@code ssh} refuses a readable private key.
 *
 * @param file where the settings were read from
 * @param passed the settings passed through to every Kafka client
 * @param ignored the keys of the file that are not passed through, but {@code bootstrap.servers}
 */
public record KafkaClientConfig(Path file, Map<String, Object> passed, Set<String> ignored) {

  /** The setting (service properties) and system property naming the file. */
  public static final String SETTING = "casewatch.kafka.config";

  /** The command-line option naming the file. */
  public static final String OPTION = "--kafka-config";

  /** The key prefixes passed through to every client. */
  public static final List<String> PASSED_PREFIXES = List.of("security.", "sasl.", "ssl.");

  private static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  private static final Set<PosixFilePermission> OTHERS_ACCESS =
      Set.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  public KafkaClientConfig {
    passed = Map.copyOf(passed);
    ignored = Set.copyOf(ignored);
  }

  /** No file: nothing to pass (a cluster without authentication). */
  public static KafkaClientConfig none() {
    return new KafkaClientConfig(Path.of(""), Map.of(), Set.of());
  }

  /** The settings of {@code file}, or none if no file is given. */
  public static KafkaClientConfig load(final Optional<Path> file) {
    return file.map(KafkaClientConfig::load).orElseGet(KafkaClientConfig::none);
  }

  /**
   * Reads {@code file}; fails with a message saying what to do if it is missing, unreadable, or
   * holds a secret while readable by others.
   */
  public static KafkaClientConfig load(final Path file) {
    final Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "The Kafka client properties file "
              + file
              + " ("
              + OPTION
              + ", "
              + SETTING
              + ") does not exist; give the file holding security.protocol, sasl.mechanism and"
              + " sasl.jaas.config");
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot read the Kafka client properties file "
              + file
              + " ("
              + OPTION
              + ", "
              + SETTING
              + "): "
              + e.getMessage());
    }
    final Map<String, Object> passed = new LinkedHashMap<>();
    final Set<String> ignored = new TreeSet<>();
    for (final String key : properties.stringPropertyNames()) {
      if (PASSED_PREFIXES.stream().anyMatch(key::startsWith)) {
        passed.put(key, properties.getProperty(key).trim());
      } else if (!key.equals(BOOTSTRAP_SERVERS)) {
        ignored.add(key);
      }
    }
    if (passed.keySet().stream().anyMatch(KafkaClientConfig::isSecret)) {
      requireOwnerOnly(file);
    }
    return new KafkaClientConfig(file, passed, ignored);
  }

  /** Whether any setting is passed through. */
  public boolean isEmpty() {
    return passed.isEmpty();
  }

  /** A line for the log saying which keys of the file are not used, or empty if all are. */
  public Optional<String> ignoredWarning() {
    if (ignored.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "The Kafka client properties file "
            + file
            + " sets "
            + ignored
            + ", which casewatch does not take from it: only security.*, sasl.* and ssl.* keys are"
            + " passed to Kafka clients; use the command's own options for the rest");
  }

  private static boolean isSecret(final String key) {
    return key.equals("sasl.jaas.config")
        || key.contains("password")
        || key.equals("ssl.keystore.key");
  }

  private static void requireOwnerOnly(final Path file) {
    final Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read the permissions of the Kafka client properties file "
              + file
              + ": "
              + e.getMessage());
    }
    if (permissions.stream().anyMatch(OTHERS_ACCESS::contains)) {
      throw new IllegalArgumentException(
          "The Kafka client properties file "
              + file
              + " holds a credential but other "
              + "users may read or change it ("
              + PosixFilePermissions.toString(permissions)
              + "); make it owner-only: chmod 600 "
              + file);
    }
  }
}
