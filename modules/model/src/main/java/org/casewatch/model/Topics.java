package org.casewatch.model;

import java.util.List;
import java.util.Locale;
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

  private Topics() {}

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
