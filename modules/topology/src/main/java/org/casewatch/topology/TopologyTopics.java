package org.casewatch.topology;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertAction;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.Topics;
import org.casewatch.registry.client.SchemaRegistryClient;
import org.casewatch.registry.serde.AvroSerde;

/**
 * The topology's topics with their serdes, built once per application around one registry client.
 * Names default to the contract's; tests that share a broker may prefix them.
 */
public final class TopologyTopics {

  private final Map<Country, Topic<String, CaseEvent>> events;
  private final Topic<String, CaseState> caseState;
  private final Topic<String, CountryStats> countryStats;
  private final Topic<String, Alert> alerts;
  private final Topic<byte[], byte[]> deadLetters;
  private final Optional<String> replayClock;
  private final Optional<Topic<String, AlertAction>> alertActions;

  private TopologyTopics(final SchemaRegistryClient registry, final String prefix) {
    this(registry, prefix, prefix, Optional.empty(), true);
  }

  private TopologyTopics(
      final SchemaRegistryClient registry,
      final String inputPrefix,
      final String prefix,
      final Optional<String> replayClock,
      final boolean readsActions) {
    final Serde<String> keys = Serdes.String();
    final EnumMap<Country, Topic<String, CaseEvent>> byCountry = new EnumMap<>(Country.class);
    for (final Country country : Country.values()) {
      byCountry.put(
          country,
          new Topic<>(
              inputPrefix + Topics.events(country),
              keys,
              AvroSerde.specific(registry, CaseEvent.class)));
    }
    this.events = byCountry;
    this.caseState =
        new Topic<>(
            prefix + Topics.CASE_STATE, keys, AvroSerde.specific(registry, CaseState.class));
    this.countryStats =
        new Topic<>(
            prefix + Topics.COUNTRY_STATS, keys, AvroSerde.specific(registry, CountryStats.class));
    this.alerts =
        new Topic<>(prefix + Topics.ALERTS, keys, AvroSerde.specific(registry, Alert.class));
    this.deadLetters =
        new Topic<>(prefix + Topics.DEAD_LETTERS, Serdes.ByteArray(), Serdes.ByteArray());
    this.replayClock = replayClock;
    this.alertActions =
        readsActions
            ? Optional.of(
                new Topic<>(
                    inputPrefix + Topics.ALERT_ACTIONS,
                    keys,
                    AvroSerde.specific(registry, AlertAction.class)))
            : Optional.empty();
  }

  /** The contract's topic names. */
  public static TopologyTopics create(final SchemaRegistryClient registry) {
    return new TopologyTopics(registry, "");
  }

  /**
   * For a replay: read the event topics under {@code inputPrefix} (usually none: the live ones),
   * write every output under {@code outputPrefix}, so a replay never touches the live outputs; plus
   * the replay's clock topic, through which the runner moves every task's clock to the as-of date.
   */
  public static TopologyTopics forReplay(
      final SchemaRegistryClient registry, final String inputPrefix, final String outputPrefix) {
    return new TopologyTopics(
        registry,
        inputPrefix,
        outputPrefix,
        Optional.of(outputPrefix + "casewatch.replay-clock"),
        false);
  }

  /** Event topics under {@code inputPrefix}, outputs under {@code outputPrefix}. */
  public static TopologyTopics withPrefixes(
      final SchemaRegistryClient registry, final String inputPrefix, final String outputPrefix) {
    return new TopologyTopics(registry, inputPrefix, outputPrefix, Optional.empty(), true);
  }

  /** Every name prefixed, e.g. for tests that share one broker. */
  public static TopologyTopics prefixed(final SchemaRegistryClient registry, final String prefix) {
    return new TopologyTopics(registry, prefix);
  }

  /** Decodes event values; the topology reads raw bytes so that it can dead-letter them. */
  public Deserializer<CaseEvent> caseEventDeserializer() {
    return events.get(Country.KZ).valueSerde().deserializer();
  }

  public Topic<String, CaseEvent> events(final Country country) {
    return events.get(country);
  }

  public List<String> eventTopicNames() {
    return events.values().stream().map(Topic::name).toList();
  }

  /** The topics the topology writes (the contract's outputs and the dead letters). */
  public List<String> outputTopicNames() {
    return List.of(caseState.name(), countryStats.name(), alerts.name(), deadLetters.name());
  }

  /** The country whose event topic {@code topic} is. */
  public Optional<Country> countryOf(final String topic) {
    return events.entrySet().stream()
        .filter(e -> e.getValue().name().equals(topic))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  public Topic<String, CaseState> caseState() {
    return caseState;
  }

  public Topic<String, CountryStats> countryStats() {
    return countryStats;
  }

  public Topic<String, Alert> alerts() {
    return alerts;
  }

  public Topic<byte[], byte[]> deadLetters() {
    return deadLetters;
  }

  /**
   * The coordinators' actions on alerts, which the live topology folds into each alert's triage;
   * none for a replay topology, whose alerts are not coordinators' to act on.
   */
  public Optional<Topic<String, AlertAction>> alertActions() {
    return alertActions;
  }

  /** The replay's clock topic, for a replay topology only. */
  public Optional<String> replayClock() {
    return replayClock;
  }
}
