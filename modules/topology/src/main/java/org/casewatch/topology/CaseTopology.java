package org.casewatch.topology;

import static org.casewatch.topology.TopologyNames.AGGREGATE_COUNTRIES;
import static org.casewatch.topology.TopologyNames.ALERT_BRANCH;
import static org.casewatch.topology.TopologyNames.ALERT_SINK;
import static org.casewatch.topology.TopologyNames.AS_CASE_INPUT;
import static org.casewatch.topology.TopologyNames.AS_CLOCK_TICK;
import static org.casewatch.topology.TopologyNames.CASE_ALERTS_STORE;
import static org.casewatch.topology.TopologyNames.CASE_CLOCK_STORE;
import static org.casewatch.topology.TopologyNames.CASE_EVENTS_STORE;
import static org.casewatch.topology.TopologyNames.CASE_RECORDS_STORE;
import static org.casewatch.topology.TopologyNames.CASE_STATE_SINK;
import static org.casewatch.topology.TopologyNames.CASE_STATE_TABLE_STORE;
import static org.casewatch.topology.TopologyNames.COUNTRY_STATS_CHANGES;
import static org.casewatch.topology.TopologyNames.COUNTRY_STATS_SINK;
import static org.casewatch.topology.TopologyNames.COUNTRY_STATS_STORE;
import static org.casewatch.topology.TopologyNames.DEAD_LETTER_SINK;
import static org.casewatch.topology.TopologyNames.DECODE;
import static org.casewatch.topology.TopologyNames.DECODE_ALERT_ACTIONS;
import static org.casewatch.topology.TopologyNames.FIGURES_BRANCH;
import static org.casewatch.topology.TopologyNames.FIGURE_CHANGES_STORE;
import static org.casewatch.topology.TopologyNames.GROUP_BY_COUNTRY;
import static org.casewatch.topology.TopologyNames.MERGE_ALERT_ACTIONS;
import static org.casewatch.topology.TopologyNames.MERGE_CLOCK_TICKS;
import static org.casewatch.topology.TopologyNames.READ_ALERT_ACTIONS;
import static org.casewatch.topology.TopologyNames.READ_CASE_STATES;
import static org.casewatch.topology.TopologyNames.READ_EVENTS;
import static org.casewatch.topology.TopologyNames.READ_REPLAY_CLOCK;
import static org.casewatch.topology.TopologyNames.REFUSED_BRANCH;
import static org.casewatch.topology.TopologyNames.REFUSED_EVENT_BRANCH;
import static org.casewatch.topology.TopologyNames.REFUSED_EVENT_SINK;
import static org.casewatch.topology.TopologyNames.ROUTE;
import static org.casewatch.topology.TopologyNames.SKIP_AFTER_AS_OF;
import static org.casewatch.topology.TopologyNames.SPLIT_OUTPUTS;
import static org.casewatch.topology.TopologyNames.STATE_BRANCH;
import static org.casewatch.topology.TopologyNames.TRACK_CASES;
import static org.casewatch.topology.TopologyNames.UNWRAP_ALERTS;
import static org.casewatch.topology.TopologyNames.UNWRAP_EVENTS;
import static org.casewatch.topology.TopologyNames.UNWRAP_FIGURE_CHANGES;
import static org.casewatch.topology.TopologyNames.UNWRAP_REFUSED_EVENTS;
import static org.casewatch.topology.TopologyNames.UNWRAP_STATES;
import static org.casewatch.topology.TopologyNames.VALID_BRANCH;
import static org.casewatch.topology.TopologyNames.WRITE_DEAD_LETTERS;
import static org.casewatch.topology.TopologyNames.WRITE_REFUSED_EVENTS;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.topology.country.CountryFigures;
import org.casewatch.topology.deadletters.CaseEventDecoder;
import org.casewatch.topology.deadletters.Decoded;
import org.casewatch.topology.internals.cases.AlertActionDecoder;
import org.casewatch.topology.internals.cases.CaseInput;
import org.casewatch.topology.internals.cases.CaseOutput;
import org.casewatch.topology.internals.cases.CaseProcessor;
import org.casewatch.topology.internals.deadletters.DeadLetterWriter;
import org.casewatch.topology.internals.stores.StoreSerdes;
import org.casewatch.topology.rules.RuleBook;
import org.casewatch.topology.rules.Rules;

/**
 * casewatch's Kafka Streams topology: the five countries' case events in; per-case state, per
 * country figures, alerts and dead letters out. It only builds: Kafka, HTTP, files and clocks are
 * wired by whoever runs it.
 */
public final class CaseTopology {

  private CaseTopology() {}

  public static Topology build(
      final Rules rules, final TopologyTopics topics, final ClockMode clock) {
    return build(rules, topics, clock, Settling.DEFAULT);
  }

  /** The same with cases judged once quiet for {@code settling}'s window instead of 30 s. */
  public static Topology build(
      final Rules rules,
      final TopologyTopics topics,
      final ClockMode clock,
      final Settling settling) {
    final StreamsBuilder builder = new StreamsBuilder();
    define(builder, rules, topics, clock, settling, Optional.empty());
    return builder.build(OPTIMIZATIONS);
  }

  /**
   * The same topology for a replay as of {@code asOf}: REPLAY clock, events that occurred after
   * {@code asOf} are left out, and ticks on {@link TopologyTopics#replayClock()} move every task's
   * clock to {@code asOf} once the runner has fed it all events. A replay is a batch run whose
   * outputs are read from its topics when it ends: its stores keep no changelogs, and it builds no
   * case-state table ({@code case-state-table-store}, the query API's).
   */
  public static Topology buildReplay(
      final Rules rules, final TopologyTopics topics, final Instant asOf) {
    final StreamsBuilder builder = new StreamsBuilder();
    define(builder, rules, topics, ClockMode.REPLAY, Settling.DEFAULT, Optional.of(asOf));
    return builder.build(OPTIMIZATIONS);
  }

  /**
   * Let the case-state table use its source topic as changelog instead of a copy. The same setting
   * must be in the application's StreamsConfig; {@link StreamsSettings} puts it there.
   */
  static final Properties OPTIMIZATIONS = optimizations();

  private static Properties optimizations() {
    final Properties properties = new Properties();
    properties.put(
        StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
    return properties;
  }

  private static void define(
      final StreamsBuilder builder,
      final Rules rules,
      final TopologyTopics topics,
      final ClockMode clock,
      final Settling settling,
      final Optional<Instant> asOf) {

    // Decode the five countries' raw bytes; what cannot be decoded or fails validation is refused.
    final KStream<String, Decoded> decoded =
        builder.stream(
                topics.eventTopicNames(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(READ_EVENTS))
            .process(
                () -> new CaseEventDecoder(topics.caseEventDeserializer(), topics::countryOf),
                Named.as(DECODE));
    final Map<String, KStream<String, Decoded>> routes =
        decoded
            .split(Named.as(ROUTE))
            .branch((caseId, result) -> result instanceof Decoded.Valid, Branched.as("-valid"))
            .defaultBranch(Branched.as("-refused"));

    // Refused records keep their original bytes and carry the reason in headers.
    routes
        .get(REFUSED_BRANCH)
        .process(DeadLetterWriter::new, Named.as(WRITE_DEAD_LETTERS))
        .to(
            topics.deadLetters().name(),
            Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(DEAD_LETTER_SINK));

    // Each case's events, alerts, bookkeeping (its deadlines among it) and clocks live with the
    // case's partition.
    // A replay is a batch run, started over from the beginning if it fails: its stores keep no
    // changelogs.
    final boolean logged = asOf.isEmpty();
    builder.addStateStore(
        logging(
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CASE_EVENTS_STORE),
                Serdes.Bytes(),
                StoreSerdes.storedEvent()),
            logged));
    builder.addStateStore(
        logging(
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CASE_ALERTS_STORE),
                Serdes.Bytes(),
                StoreSerdes.alertMark()),
            logged));
    builder.addStateStore(
        logging(
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CASE_RECORDS_STORE),
                Serdes.String(),
                StoreSerdes.caseRecord()),
            logged));
    builder.addStateStore(
        logging(
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CASE_CLOCK_STORE), Serdes.String(), Serdes.Long()),
            logged));
    // LIVE: each country's changes of the figures not sent on yet; cached, so a country's changes
    // reach the changelog once a commit.
    builder.addStateStore(
        logging(
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(FIGURE_CHANGES_STORE),
                    Serdes.String(),
                    StoreSerdes.contribution())
                .withCachingEnabled(),
            logged));
    final RuleBook ruleBook = new RuleBook(rules);
    KStream<String, Decoded.Valid> events =
        routes
            .get(VALID_BRANCH)
            .mapValues(result -> (Decoded.Valid) result, Named.as(UNWRAP_EVENTS));
    if (asOf.isPresent()) {
      // A replay as of a date leaves out what happened after it.
      final Instant horizon = asOf.get();
      events =
          events.filter(
              (caseId, valid) -> !valid.event().getOccurredAt().isAfter(horizon),
              Named.as(SKIP_AFTER_AS_OF));
    }
    KStream<String, CaseInput> inputs =
        events.mapValues(
            valid ->
                (CaseInput)
                    new CaseInput.Event(
                        valid.event(), valid.arrivedAt(), valid.rawKey(), valid.rawValue()),
            Named.as(AS_CASE_INPUT));
    if (topics.alertActions().isPresent()) {
      // Coordinators' actions are keyed by caseId like the events, so each reaches its case's task.
      inputs =
          inputs.merge(
              builder.stream(
                      topics.alertActions().get().name(),
                      Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                          .withName(READ_ALERT_ACTIONS))
                  .process(
                      () ->
                          new AlertActionDecoder(
                              topics.alertActions().get().valueSerde().deserializer()),
                      Named.as(DECODE_ALERT_ACTIONS)),
              Named.as(MERGE_ALERT_ACTIONS));
    }
    if (topics.replayClock().isPresent()) {
      inputs =
          inputs.merge(
              builder.stream(
                      topics.replayClock().get(),
                      Consumed.with(Serdes.String(), Serdes.Long()).withName(READ_REPLAY_CLOCK))
                  .mapValues(
                      millis -> (CaseInput) new CaseInput.Tick(Instant.ofEpochMilli(millis)),
                      Named.as(AS_CLOCK_TICK)),
              Named.as(MERGE_CLOCK_TICKS));
    }
    final CaseProcessor.StoreNames stores =
        new CaseProcessor.StoreNames(
            CASE_EVENTS_STORE,
            CASE_ALERTS_STORE,
            CASE_RECORDS_STORE,
            CASE_CLOCK_STORE,
            FIGURE_CHANGES_STORE);
    final Map<String, KStream<String, CaseOutput>> outputs =
        inputs
            .process(
                () -> new CaseProcessor(ruleBook, clock, settling, stores),
                Named.as(TRACK_CASES),
                stores.all())
            .split(Named.as(SPLIT_OUTPUTS))
            .branch(
                (caseId, output) -> output instanceof CaseOutput.StateChanged,
                Branched.as("-state"))
            .branch(
                (caseId, output) -> output instanceof CaseOutput.AlertChanged,
                Branched.as("-alert"))
            .branch(
                (key, output) -> output instanceof CaseOutput.FiguresMoved, Branched.as("-figures"))
            .defaultBranch(Branched.as("-refused"));

    // Events the tracker refused (a conflicting duplicate, a case too large) go to the dead letters
    // whole.
    outputs
        .get(REFUSED_EVENT_BRANCH)
        .mapValues(
            output ->
                (Decoded) new Decoded.Refused(((CaseOutput.DeadLettered) output).deadLetter()),
            Named.as(UNWRAP_REFUSED_EVENTS))
        .process(DeadLetterWriter::new, Named.as(WRITE_REFUSED_EVENTS))
        .to(
            topics.deadLetters().name(),
            Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(REFUSED_EVENT_SINK));

    outputs
        .get(ALERT_BRANCH)
        .mapValues(output -> ((CaseOutput.AlertChanged) output).alert(), Named.as(UNWRAP_ALERTS))
        .to(
            topics.alerts().name(),
            Produced.with(topics.alerts().keySerde(), topics.alerts().valueSerde())
                .withName(ALERT_SINK));

    final KStream<String, CaseState> caseStates =
        outputs
            .get(STATE_BRANCH)
            .mapValues(
                output -> ((CaseOutput.StateChanged) output).state(), Named.as(UNWRAP_STATES));
    caseStates.to(
        topics.caseState().name(),
        Produced.with(topics.caseState().keySerde(), topics.caseState().valueSerde())
            .withName(CASE_STATE_SINK));

    // The case-state table, read back from the compacted case-state topic (also its changelog),
    // is what the query API reads cases from. A replay is read from its topics when it ends: no
    // one queries it, so it builds no table. Not cached: nothing reads on from it, and each case's
    // state comes once per event anyway; cached, its states filled the stream thread's record
    // cache, and every put of the figures' changes then evicted (wrote out) their entry at once.
    if (asOf.isEmpty()) {
      builder.table(
          topics.caseState().name(),
          Consumed.with(topics.caseState().keySerde(), topics.caseState().valueSerde())
              .withName(READ_CASE_STATES),
          Materialized.<String, CaseState, KeyValueStore<Bytes, byte[]>>as(CASE_STATE_TABLE_STORE)
              .withKeySerde(topics.caseState().keySerde())
              .withValueSerde(topics.caseState().valueSerde())
              .withCachingDisabled());
    }

    // A country's figures are the sum of its cases' contributions: the case processor sends, keyed
    // by country, how each state change moved them (LIVE: summed per task and sent every second).
    outputs
        .get(FIGURES_BRANCH)
        .mapValues(
            output -> ((CaseOutput.FiguresMoved) output).change(), Named.as(UNWRAP_FIGURE_CHANGES))
        .groupByKey(Grouped.with(GROUP_BY_COUNTRY, Serdes.String(), StoreSerdes.contribution()))
        .aggregate(
            CountryFigures::empty,
            (country, change, stats) ->
                CountryFigures.plus(stats, change, Country.valueOf(country)),
            Named.as(AGGREGATE_COUNTRIES),
            logging(
                Materialized.<String, CountryStats, KeyValueStore<Bytes, byte[]>>as(
                        COUNTRY_STATS_STORE)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(topics.countryStats().valueSerde()),
                logged))
        .toStream(Named.as(COUNTRY_STATS_CHANGES))
        .to(
            topics.countryStats().name(),
            Produced.with(topics.countryStats().keySerde(), topics.countryStats().valueSerde())
                .withName(COUNTRY_STATS_SINK));
  }

  private static <S extends StateStore> StoreBuilder<S> logging(
      final StoreBuilder<S> store, final boolean logged) {
    return logged ? store : store.withLoggingDisabled();
  }

  private static <K, V, S extends StateStore> Materialized<K, V, S> logging(
      final Materialized<K, V, S> store, final boolean logged) {
    return logged ? store : store.withLoggingDisabled();
  }
}
