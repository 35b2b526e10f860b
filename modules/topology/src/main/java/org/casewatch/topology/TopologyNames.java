package org.casewatch.topology;

/**
 * The names of every processor, store and internal topic, fixed so that state, changelogs and
 * metrics keep their names across releases and read well in a topology description.
 */
public final class TopologyNames {

  public static final String READ_EVENTS = "read-case-events";
  public static final String DECODE = "decode-case-events";
  public static final String READ_ALERT_ACTIONS = "read-alert-actions";
  public static final String DECODE_ALERT_ACTIONS = "decode-alert-actions";
  public static final String MERGE_ALERT_ACTIONS = "merge-alert-actions";
  public static final String ROUTE = "route-decoded";
  public static final String VALID_BRANCH = ROUTE + "-valid";
  public static final String REFUSED_BRANCH = ROUTE + "-refused";
  public static final String UNWRAP_EVENTS = "unwrap-valid-events";
  public static final String WRITE_DEAD_LETTERS = "restore-dead-letter-bytes";
  public static final String DEAD_LETTER_SINK = "dead-letter-sink";

  public static final String SKIP_AFTER_AS_OF = "skip-events-after-as-of";
  public static final String AS_CASE_INPUT = "events-as-case-input";
  public static final String READ_REPLAY_CLOCK = "read-replay-clock";
  public static final String AS_CLOCK_TICK = "replay-clock-as-tick";
  public static final String MERGE_CLOCK_TICKS = "merge-replay-clock-ticks";
  public static final String TRACK_CASES = "track-cases";
  public static final String CASE_EVENTS_STORE = "case-events-store";
  public static final String CASE_ALERTS_STORE = "case-alerts-store";
  public static final String CASE_RECORDS_STORE = "case-records-store";
  public static final String CASE_CLOCK_STORE = "case-clock-store";
  public static final String FIGURE_CHANGES_STORE = "figure-changes-store";

  public static final String SPLIT_OUTPUTS = "split-case-outputs";
  public static final String STATE_BRANCH = SPLIT_OUTPUTS + "-state";
  public static final String ALERT_BRANCH = SPLIT_OUTPUTS + "-alert";
  public static final String FIGURES_BRANCH = SPLIT_OUTPUTS + "-figures";
  public static final String REFUSED_EVENT_BRANCH = SPLIT_OUTPUTS + "-refused";
  public static final String UNWRAP_REFUSED_EVENTS = "unwrap-refused-events";
  public static final String WRITE_REFUSED_EVENTS = "restore-refused-event-bytes";
  public static final String REFUSED_EVENT_SINK = "refused-event-dead-letter-sink";
  public static final String UNWRAP_STATES = "unwrap-case-states";
  public static final String UNWRAP_ALERTS = "unwrap-alerts";
  public static final String CASE_STATE_SINK = "case-state-sink";
  public static final String ALERT_SINK = "alert-sink";
  public static final String UNWRAP_FIGURE_CHANGES = "unwrap-figure-changes";

  public static final String READ_CASE_STATES = "read-case-states";
  public static final String CASE_STATE_TABLE_STORE = "case-state-table-store";
  public static final String GROUP_BY_COUNTRY = "figure-changes-by-country";
  public static final String AGGREGATE_COUNTRIES = "aggregate-country-stats";
  public static final String COUNTRY_STATS_STORE = "country-figures-store";
  public static final String COUNTRY_STATS_CHANGES = "country-stats-changes";
  public static final String COUNTRY_STATS_SINK = "country-stats-sink";

  private TopologyNames() {}

  /**
   * The internal topic Kafka Streams sends the changes of the figures to their country through, for
   * the application {@code applicationId} (Streams names it {@code
   * <application.id>-<name>-repartition}).
   */
  public static String countryRepartitionTopic(final String applicationId) {
    return applicationId + "-" + GROUP_BY_COUNTRY + "-repartition";
  }
}
