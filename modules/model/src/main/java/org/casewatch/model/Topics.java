package org.casewatch.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names of casewatch's Kafka topics. They are part of the contract with coalition systems
 * and operators (see DESIGN.md, "Topics") and must not change.
 */
public final class Topics {

  /** Prefix of the per-country event topics; the suffix is the lower-case country code. */
  public static final String EVENTS_PREFIX = "casewatch.events.";
  /** Compacted: the live state of every case, keyed by caseId. */
  public static final String CASE_STATE = "casewatch.case-state";
  /** Compacted: the live figures of every country, keyed by country code. */
  public static final String COUNTRY_STATS = "casewatch.country-stats";
  /** Alerts keyed by caseId: RAISED, then maybe RESOLVED with the same alertId. */
  public static final String ALERTS = "casewatch.alerts";
  /** Input that could not be processed, with its original bytes and the reason in headers. */
  public static final String DEAD_LETTERS = "casewatch.dead-letters";
  /** The embedded schema registry's log, compacted. */
  public static final String SCHEMAS = "_schemas";

  /**
   * Topic settings for a history that is years old: events carry the time they occurred (2016 and
   * later), and time-based retention would delete them as soon as the broker checks. Event topics
   * are the record of the cases, so they, the alerts and the dead letters are kept forever.
   */
  public static final Map<String, String> KEPT_FOREVER = Map.of("retention.ms", "-1", "retention.bytes", "-1");
  /** Topic settings of the state topics: the latest value per key, kept forever. */
  public static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");

  private Topics() {}

  /** The settings a contract topic is created with: compacted for the state topics, otherwise kept forever. */
  public static Map<String, String> settingsOf(final String topic) {
    return topic.endsWith(CASE_STATE) || topic.endsWith(COUNTRY_STATS) || topic.equals(SCHEMAS) ? COMPACTED : KEPT_FOREVER;
  }

  /** The event topic a country's coalition publishes to, e.g. {@code casewatch.events.kz}. */
  public static String events(final Country country) {
    return EVENTS_PREFIX + country.name().toLowerCase(Locale.ROOT);
  }

  /** The five event topics, in the order of {@link Country}. */
  public static List<String> allEvents() {
    return Countries.all().stream().map(Topics::events).toList();
  }

  /** The country whose event topic this is, or empty if it is not an event topic. */
  public static Optional<Country> countryOfEvents(final String topic) {
    if (topic == null || !topic.startsWith(EVENTS_PREFIX)) {
      return Optional.empty();
    }
    return Countries.fromCode(topic.substring(EVENTS_PREFIX.length()));
  }
}
