package org.casewatch.analytics;

import java.time.Instant;
import java.util.Map;
import org.casewatch.topology.rules.Rules;

/**
 * What to replay and where.
 *
 * @param asOf state, figures and alerts as of this instant; later events are left out
 * @param rules the rule table to judge with (the defaults, or a what-if table)
 * @param inputPrefix prefix of the event topics to read (empty: the live ones)
 * @param engine how the case logic is run over the topics ({@link ReplayEngine#MEMORY} unless asked)
 */
public record ReplayOptions(
    String bootstrapServers, String registryUrl, Instant asOf, Rules rules, String inputPrefix,
    Map<String, Object> kafkaProperties, ReplayEngine engine) {

  public ReplayOptions {
    kafkaProperties = Map.copyOf(kafkaProperties);
    engine = engine == null ? ReplayEngine.MEMORY : engine;
  }

  /** Options for the default engine. */
  public ReplayOptions(final String bootstrapServers, final String registryUrl, final Instant asOf, final Rules rules,
      final String inputPrefix, final Map<String, Object> kafkaProperties) {
    this(bootstrapServers, registryUrl, asOf, rules, inputPrefix, kafkaProperties, ReplayEngine.MEMORY);
  }

  /** The same replay on {@code other}. */
  public ReplayOptions on(final ReplayEngine other) {
    return new ReplayOptions(bootstrapServers, registryUrl, asOf, rules, inputPrefix, kafkaProperties, other);
  }
}
