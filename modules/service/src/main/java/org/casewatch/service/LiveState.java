package org.casewatch.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.model.CountryStats;
import org.casewatch.topology.CaseView;
import org.casewatch.topology.TopologyNames;
import org.casewatch.topology.rules.RuleBook;

/**
 * This instance's view of the topology's state stores: which instance holds a key, and what this
 * instance holds itself. Anything asked during a rebalance is {@link Unavailable}.
 */
final class LiveState {

  /** Where a key's state lives right now: the instance, and the store partition. */
  record Location(boolean local, HostInfo host, int partition) {}

  private final KafkaStreams streams;
  private final HostInfo self;
  private final CaseView cases;

  LiveState(final KafkaStreams streams, final HostInfo self, final RuleBook ruleBook) {
    this.streams = streams;
    this.self = self;
    this.cases = new CaseView(streams, ruleBook);
  }

  Location locate(final String store, final String key) {
    final KeyQueryMetadata metadata;
    try {
      metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
    } catch (IllegalStateException e) {
      throw new Unavailable("the service is not running yet (" + streams.state() + ")");
    }
    if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
      throw new Unavailable(
          "no instance holds "
              + (store.equals(CaseView.PLACEMENT_STORE)
                  ? "the events and alerts of " + key + " (" + store + ")"
                  : store + " for " + key)
              + " right now (state "
              + streams.state()
              + "); try again in a few seconds");
    }
    return new Location(
        metadata.activeHost().equals(self), metadata.activeHost(), metadata.partition());
  }

  /** Every instance that holds part of {@code store}, this one included. */
  List<HostInfo> instancesOf(final String store) {
    final List<HostInfo> hosts = new ArrayList<>();
    for (final StreamsMetadata metadata : streams.streamsMetadataForStore(store)) {
      hosts.add(metadata.hostInfo());
    }
    if (hosts.isEmpty()) {
      throw new Unavailable(
          "no instance holds " + store + " right now (state " + streams.state() + ")");
    }
    return hosts;
  }

  HostInfo self() {
    return self;
  }

  Optional<CountryStats> localCountry(final String code, final int partition) {
    return get(TopologyNames.COUNTRY_STATS_STORE, code, partition);
  }

  Optional<CaseState> localCase(final String caseId, final int partition) {
    return get(TopologyNames.CASE_STATE_TABLE_STORE, caseId, partition);
  }

  /**
   * The case's alerts from exactly the partition that should hold it, explanations rebuilt from its
   * events; empty if the case is unknown there.
   */
  Optional<List<Alert>> localCaseAlerts(final String caseId, final int partition) {
    return readCase(partition, () -> cases.caseAlerts(caseId, partition));
  }

  /**
   * The case's events from exactly the partition that should hold it, oldest first; empty if the
   * case is unknown there.
   */
  Optional<List<CaseEvent>> localCaseEvents(final String caseId, final int partition) {
    return readCase(partition, () -> cases.caseEvents(caseId, partition));
  }

  private static <T> T readCase(final int partition, final Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidStateStoreException e) {
      throw new Unavailable(
          "partition "
              + partition
              + " of the case stores is not held here right now: "
              + e.getMessage());
    }
  }

  /**
   * The key from exactly the partition that should hold it: if this instance does not hold that
   * partition (stale metadata, a thread being replaced), that is 503, never a wrong "not found".
   */
  private <V> Optional<V> get(final String store, final String key, final int partition) {
    try {
      return Optional.ofNullable(this.<String, V>partitionStore(store, partition).get(key));
    } catch (InvalidStateStoreException e) {
      throw new Unavailable(
          "partition "
              + partition
              + " of "
              + store
              + " is not held here right now: "
              + e.getMessage());
    }
  }

  private <K, V> ReadOnlyKeyValueStore<K, V> partitionStore(
      final String store, final int partition) {
    try {
      return streams.store(
          StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<K, V>keyValueStore())
              .withPartition(partition));
    } catch (InvalidStateStoreException e) {
      throw new Unavailable(
          "partition "
              + partition
              + " of "
              + store
              + " is not held here right now: "
              + e.getMessage());
    }
  }

  /** The latest record of every alert this instance holds that matches, explanations rebuilt. */
  List<Alert> localAlerts(final Predicate<Alert> matching) {
    try {
      return cases.alerts(matching);
    } catch (InvalidStateStoreException e) {
      throw new Unavailable(
          "the case stores are not queryable here right now (moving between instances?): "
              + e.getMessage());
    }
  }

  /**
   * The latest state of every case this instance holds (as the active copy) that matches. The
   * case-state table is its own sub-topology: its partition of a case may be on another instance
   * than the case's alerts.
   */
  List<CaseState> localCases(final Predicate<CaseState> matching) {
    final List<CaseState> cases = new ArrayList<>();
    try (KeyValueIterator<String, CaseState> all =
        this.<String, CaseState>store(TopologyNames.CASE_STATE_TABLE_STORE).all()) {
      while (all.hasNext()) {
        final CaseState state = all.next().value;
        if (state != null && matching.test(state)) {
          cases.add(state);
        }
      }
    } catch (InvalidStateStoreException e) {
      throw new Unavailable("the case-state store is moving between instances: " + e.getMessage());
    }
    return cases;
  }

  private <K, V> ReadOnlyKeyValueStore<K, V> store(final String name) {
    try {
      return streams.store(
          StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
    } catch (InvalidStateStoreException e) {
      throw new Unavailable("store " + name + " is not queryable right now: " + e.getMessage());
    }
  }
}
