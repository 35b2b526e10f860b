package org.casewatch.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.casewatch.http.Settings;
import org.casewatch.model.KafkaClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * How a command's options meet its process's key table, the same for every command: the table's
 * defaults, then {@code --config}, then {@code CASEWATCH_*} environment variables, then the options
 * typed ({@link Settings#layered}). Each option that sets a key names it in the command's {@code
 * KEYS_BY_OPTION}; its help shows the table's default.
 */
final class KeyTable {

  /**
   * The keys the options every server process shares set, the same in the gateway's and the
   * service's tables: {@link HttpServerOptions}, {@link KafkaConnectionOptions}, {@link
   * AccessFileOption}.
   */
  private static final Map<String, String> SERVER_KEYS_BY_OPTION =
      Map.ofEntries(
          Map.entry("--port", "casewatch.http.port"),
          Map.entry("--host", "casewatch.http.host"),
          Map.entry("--tls-cert", "casewatch.http.tls.cert"),
          Map.entry("--tls-key", "casewatch.http.tls.key"),
          Map.entry("--tls-keystore", "casewatch.http.tls.keystore"),
          Map.entry("--tls-keystore-password", "casewatch.http.tls.keystore.password"),
          Map.entry("--allowed-hosts", "casewatch.http.allowed.hosts"),
          Map.entry("--bootstrap-servers", "casewatch.bootstrap.servers"),
          Map.entry("--registry-url", "casewatch.registry.url"),
          Map.entry(KafkaClientConfig.OPTION, KafkaClientConfig.SETTING),
          Map.entry("--coalitions", "casewatch.auth.file"));

  private KeyTable() {}

  /** The keys the shared server options set, and a process's own {@code keysByOption}. */
  static Map<String, String> serverKeysAnd(final Map<String, String> keysByOption) {
    final Map<String, String> all = new LinkedHashMap<>(SERVER_KEYS_BY_OPTION);
    all.putAll(keysByOption);
    return Map.copyOf(all);
  }

  /**
   * The settings in force: {@code table}'s defaults, with {@code -Dcasewatch.kafka.config} (as the
   * analysts' commands have always taken it) as the Kafka client file's default if the table has
   * that key, then the file, the environment and the options typed.
   */
  static Map<String, String> settings(
      final Map<String, String> table,
      final Optional<Path> file,
      final Map<String, String> environment,
      final Map<String, String> flags,
      final String kafkaConfigProperty) {
    final Map<String, String> defaults = new LinkedHashMap<>(table);
    if (!kafkaConfigProperty.isBlank() && defaults.containsKey(KafkaClientConfig.SETTING)) {
      defaults.put(KafkaClientConfig.SETTING, kafkaConfigProperty);
    }
    return Settings.layered(defaults, file, environment, flags);
  }

  /**
   * The settings the command line gives, by key: only options typed on it, so that a file or the
   * environment is not overridden by a default.
   */
  static Map<String, String> given(
      final CommandLine commandLine, final Map<String, String> keysByOption) {
    final ParseResult parsed = commandLine.getParseResult();
    final Map<String, String> flags = new LinkedHashMap<>();
    keysByOption.forEach(
        (option, key) -> {
          if (parsed.hasMatchedOption(option)) {
            flags.put(key, String.join(",", parsed.matchedOption(option).stringValues()));
          }
        });
    return flags;
  }

  /** The defaults the help shows: the key table's, for the options that set a key. */
  abstract static class Defaults implements IDefaultValueProvider {

    private final Map<String, String> keysByOption;
    private final Map<String, String> table;

    Defaults(final Map<String, String> keysByOption, final Map<String, String> table) {
      this.keysByOption = keysByOption;
      this.table = table;
    }

    @Override
    public String defaultValue(final ArgSpec argument) {
      if (argument instanceof OptionSpec option) {
        final String key = keysByOption.get(option.longestName());
        if (key != null && !table.getOrDefault(key, "").isEmpty()) {
          return table.get(key);
        }
      }
      return null;
    }
  }
}
