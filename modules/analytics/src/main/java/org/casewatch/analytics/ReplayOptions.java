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
 */
public record ReplayOptions(
    String bootstrapServers, String registryUrl, Instant asOf, Rules rules, String inputPrefix,
    Map<String, Object> kafkaProperties) {

  public ReplayOptions {
    kafkaProperties = Map.copyOf(kafkaProperties);
  }
}
