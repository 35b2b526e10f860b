package org.casewatch.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names of casewatch's Kafka topics. They are part of the contract with coalition systems and
 * operators (see DESIGN.md, "Topics") and must not change.
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

  /**
   * Every case-level read through the API (who, what, when, from where, result), keyed by token id;
   * written by the service principal only, read by auditors. Kept forever.
   */
  public static final String AUDIT = "casewatch.audit";

  /**
   * Coordinators' triage of alerts (acknowledged, assigned, action taken, closed, reopened), keyed
   * by caseId, written by the service principal only and kept forever. The topology reads it with
   * the event topics, so it has as many partitions as they have.
   */
  public static final String ALERT_ACTIONS = "casewatch.alert-actions";

  /**
   * Coordinators' notification subscriptions, keyed by subscription id, compacted (a tombstone
   * deletes one); written and read by the service principal only, since a webhook's signing secret
   * is in it.
   */
  public static final String SUBSCRIPTIONS = "casewatch.subscriptions";

  /** The embedded schema registry's log, compacted. */
  public static final String SCHEMAS = "_schemas";

  /**
   * Topic settings for a history that is years old: alerts carry the time of their deadline or
   * event (2016 and later), which time-based retention would delete as soon as the broker checks.
   * Event topics are the record of the cases, so they, the alerts and the dead letters are kept
   * forever.
   */
  public static final Map<String, String> KEPT_FOREVER =
      Map.of("retention.ms", "-1", "retention.bytes", "-1");

  /**
   * The broker, not the producer, stamps every record with the moment it appended it. On the event
   * topics that moment is the event's arrival at casewatch: the topology dead-letters an event
   * dated after its arrival (beyond {@link CaseEventValidator#FUTURE_SKEW}) as future-dated, so no
   * producer may choose the arrival, or it could move a country's clock into the future.
   */
  public static final Map<String, String> STAMPED_ON_ARRIVAL =
      Map.of("message.timestamp.type", "LogAppendTime");

  /** Topic settings of the event topics: {@link #KEPT_FOREVER} and {@link #STAMPED_ON_ARRIVAL}. */
  public static final Map<String, String> EVENT_LOG = merged(KEPT_FOREVER, STAMPED_ON_ARRIVAL);

  /** Topic settings of the state topics: the latest value per key, kept forever. */
  public static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");

  private Topics() {}

  /**
   * The settings a contract topic is created with, under any prefix: {@link #EVENT_LOG} for the
   * event topics, compacted for the state topics, otherwise kept forever.
   */
  public static Map<String, String> settingsOf(final String topic) {
    if (allEvents().stream().anyMatch(topic::endsWith)) {
      return EVENT_LOG;
    }
    return topic.endsWith(CASE_STATE)
            || topic.endsWith(COUNTRY_STATS)
            || topic.endsWith(SUBSCRIPTIONS)
            || topic.equals(SCHEMAS)
        ? COMPACTED
        : KEPT_FOREVER;
  }

  /** The event topic a country's coalition publishes to, e.g. {@code casewatch.events.kz}. */
  public static String events(final Country country) {
    return EVENTS_PREFIX + country.name().toLowerCase(Locale.ROOT);
  }

  /** The five event topics, in the order of {@link Country}. */
  public static List<String> allEvents() {
    return Countries.all().stream().map(Topics::events).toList();
  }

  /**
   * Every contract topic but the registry's: the five event topics, then case state, country
   * figures, alerts, dead letters, alert actions, the audit and the subscriptions, as an operator
   * creates them.
   */
  public static List<String> all() {
    final List<String> all = new ArrayList<>(allEvents());
    all.addAll(
        List.of(
            CASE_STATE, COUNTRY_STATS, ALERTS, DEAD_LETTERS, ALERT_ACTIONS, AUDIT, SUBSCRIPTIONS));
    return List.copyOf(all);
  }

  /** The country whose event topic this is, or empty if it is not an event topic. */
  public static Optional<Country> countryOfEvents(final String topic) {
    if (topic == null || !topic.startsWith(EVENTS_PREFIX)) {
      return Optional.empty();
    }
    return Countries.fromCode(topic.substring(EVENTS_PREFIX.length()));
  }

  private static Map<String, String> merged(
      final Map<String, String> first, final Map<String, String> second) {
    final Map<String, String> all = new HashMap<>(first);
    all.putAll(second);
    return Map.copyOf(all);
  }
}
