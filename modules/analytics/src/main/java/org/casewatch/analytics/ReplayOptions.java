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
 * @param engine how the case logic is run over the topics ({@link ReplayEngine#MEMORY} unless
 *     asked)
 * @param asKnownAt when set, only what casewatch knew then: records that arrived (the broker's
 *     timestamp, stamped on append) after it are left out, as if the replay ran at that instant;
 *     the in-memory engine only
 */
public record ReplayOptions(
    String bootstrapServers,
    String registryUrl,
    Instant asOf,
    Rules rules,
    String inputPrefix,
    Map<String, Object> kafkaProperties,
    ReplayEngine engine,
    Instant asKnownAt) {

  public ReplayOptions {
    kafkaProperties = Map.copyOf(kafkaProperties);
    engine = engine == null ? ReplayEngine.MEMORY : engine;
  }

  /** Options with every record, as known now. */
  public ReplayOptions(
      final String bootstrapServers,
      final String registryUrl,
      final Instant asOf,
      final Rules rules,
      final String inputPrefix,
      final Map<String, Object> kafkaProperties,
      final ReplayEngine engine) {
    this(bootstrapServers, registryUrl, asOf, rules, inputPrefix, kafkaProperties, engine, null);
  }

  /** Options for the default engine. */
  public ReplayOptions(
      final String bootstrapServers,
      final String registryUrl,
      final Instant asOf,
      final Rules rules,
      final String inputPrefix,
      final Map<String, Object> kafkaProperties) {
    this(
        bootstrapServers,
        registryUrl,
        asOf,
        rules,
        inputPrefix,
        kafkaProperties,
        ReplayEngine.MEMORY);
  }

  /** The same replay on {@code other}. */
  public ReplayOptions on(final ReplayEngine other) {
    return new ReplayOptions(
        bootstrapServers, registryUrl, asOf, rules, inputPrefix, kafkaProperties, other, asKnownAt);
  }

  /** The same replay judged by {@code other} rules. */
  public ReplayOptions with(final Rules other) {
    return new ReplayOptions(
        bootstrapServers,
        registryUrl,
        asOf,
        other,
        inputPrefix,
        kafkaProperties,
        engine,
        asKnownAt);
  }

  /** The same replay with only the records that had arrived by {@code instant}. */
  public ReplayOptions knownAt(final Instant instant) {
    return new ReplayOptions(
        bootstrapServers, registryUrl, asOf, rules, inputPrefix, kafkaProperties, engine, instant);
  }
}
