package org.casewatch.cli;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.casewatch.access.audit.CommandAudit;
import org.casewatch.model.AuditAction;
import org.casewatch.model.Topics;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Records an analyst's command (its name and the options it was given) in the audit of reads before
 * it reads any case: a replay, an export or a report reads every case, so it is audited like a
 * coordinator's read, and does not run if it cannot be recorded.
 */
final class AnalystAudit {

  private AnalystAudit() {}

  static void record(final Object command, final AuditAction action, final KafkaOptions kafka) {
    // First: a credentials file that cannot be used is a usage error of the command as it was
    // called (forAnnotatedObject below builds a second model of the command, without its command
    // line).
    final Map<String, Object> settings = kafkaSettings(kafka);
    final CommandSpec spec = CommandSpec.forAnnotatedObject(command);
    final Map<String, String> options = options(spec, kafka);
    CommandAudit.record(
        settings,
        new HttpSchemaRegistryClient(RegistryClientConfig.of(kafka.registryUrl())),
        kafka.topicsPrefix() + Topics.AUDIT,
        action,
        "casewatch " + spec.name(),
        options);
  }

  /**
   * The options the command ran with, by name: those typed and the defaults of the others; where
   * Kafka, the registry and the topics were comes from the settings in force (a {@code --config}
   * file, the environment or an option), not from the option's own field.
   */
  static Map<String, String> options(final CommandSpec spec, final KafkaOptions kafka) {
    final Map<String, String> options = new TreeMap<>();
    for (final OptionSpec option : spec.options()) {
      final String key = KafkaOptions.KEYS_BY_OPTION.get(option.longestName());
      final Object value = key == null ? option.getValue() : kafka.settings().get(key);
      if (value != null
          && !Boolean.FALSE.equals(value)
          && !"".equals(value)
          && !(value instanceof Collection<?> many && many.isEmpty())
          && !option.usageHelp()
          && !option.versionHelp()) {
        options.put(option.longestName().replaceFirst("^-+", ""), value.toString());
      }
    }
    return options;
  }

  /** The analyst's Kafka client settings. */
  private static Map<String, Object> kafkaSettings(final KafkaOptions kafka) {
    final Map<String, Object> settings = new HashMap<>(kafka.kafkaClient().passed());
    settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return settings;
  }
}
