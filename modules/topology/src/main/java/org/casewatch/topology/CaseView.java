package org.casewatch.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.model.internal.StoredEvent;
import org.casewatch.topology.internals.cases.CaseReader;
import org.casewatch.topology.internals.cases.CaseTracker;
import org.casewatch.topology.internals.cases.StreamsCaseStore;
import org.casewatch.topology.rules.RuleBook;

/**
 * The query side of the case processor's stores, for the query API: a case's alerts and events as
 * one instance of a running topology holds them. How the processor lays its state out (an entry per
 * event and per alert, alerts kept without their explanations) stays behind this view: an alert is
 * read with its explanation rebuilt from the case's events, as the processor wrote it.
 *
 * <p>A store partition this instance does not hold (a rebalance, stale metadata) is an {@link
 * InvalidStateStoreException}, never an empty answer.
 */
public final class CaseView {

  /**
   * A case's events as they happened: by occurrence, then by when they were recorded, then by id.
   */
  private static final Comparator<CaseEvent> EVENT_ORDER =
      Comparator.comparing(CaseEvent::getOccurredAt)
          .thenComparing(CaseEvent::getRecordedAt)
          .thenComparing(CaseEvent::getEventId);

  /**
   * The store whose placement is the view's: Kafka Streams' metadata for it and a caseId say which
   * instance and store partition hold the case's events and alerts, and which instances hold any.
   */
  public static final String PLACEMENT_STORE = TopologyNames.CASE_EVENTS_STORE;

  private final KafkaStreams streams;
  private final RuleBook ruleBook;

  /** The stores of {@code streams}, running {@link CaseTopology} with {@code ruleBook}. */
  public CaseView(final KafkaStreams streams, final RuleBook ruleBook) {
    this.streams = streams;
    this.ruleBook = ruleBook;
  }

  /**
   * The case's alerts from store partition {@code partition}, latest version of each, explanations
   * rebuilt; empty if the case is unknown there.
   */
  public Optional<List<Alert>> caseAlerts(final String caseId, final int partition) {
    return readCase(caseId, partition, reader -> CaseTracker.alertsOf(reader, ruleBook, caseId));
  }

  /**
   * The case's events from store partition {@code partition}, as they happened; empty if the case
   * is unknown there.
   */
  public Optional<List<CaseEvent>> caseEvents(final String caseId, final int partition) {
    return readCase(
        caseId, partition, reader -> reader.events(caseId).stream().sorted(EVENT_ORDER).toList());
  }

  /**
   * The latest version of every alert this instance holds (as the active copy) that matches,
   * explanations rebuilt. {@code matching} may look only at what an alert's mark holds (its case
   * and country, rule, status, severity, time and triage): it is asked of each alert's mark first,
   * and only a case with an alert it takes has its rules evaluated to rebuild explanations.
   */
  public List<Alert> alerts(final Predicate<Alert> matching) {
    final ReadOnlyKeyValueStore<Bytes, StoredEvent> events =
        store(TopologyNames.CASE_EVENTS_STORE, null);
    final ReadOnlyKeyValueStore<Bytes, AlertMark> marks =
        store(TopologyNames.CASE_ALERTS_STORE, null);
    final ReadOnlyKeyValueStore<String, CaseRecord> records =
        store(TopologyNames.CASE_RECORDS_STORE, null);
    final CaseReader reader = StreamsCaseStore.reader(events, marks, records);
    final Set<String> cases = StreamsCaseStore.casesWithAlerts(events, marks, records);
    final List<Alert> alerts = new ArrayList<>();
    for (final String caseId : cases) {
      alerts.addAll(CaseTracker.alertsOf(reader, ruleBook, caseId, matching));
    }
    return alerts;
  }

  private <T> Optional<T> readCase(
      final String caseId, final int partition, final Function<CaseReader, T> read) {
    final CaseReader reader =
        StreamsCaseStore.reader(
            this.<Bytes, StoredEvent>store(TopologyNames.CASE_EVENTS_STORE, partition),
            this.<Bytes, AlertMark>store(TopologyNames.CASE_ALERTS_STORE, partition),
            this.<String, CaseRecord>store(TopologyNames.CASE_RECORDS_STORE, partition));
    return reader.record(caseId).map(record -> read.apply(reader));
  }

  /**
   * The store, of one partition or (null) of every partition this instance holds; one this instance
   * cannot query now is named in the exception.
   */
  private <K, V> ReadOnlyKeyValueStore<K, V> store(final String name, final Integer partition) {
    final StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> query =
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore());
    try {
      return streams.store(partition == null ? query : query.withPartition(partition));
    } catch (InvalidStateStoreException e) {
      throw new InvalidStateStoreException(
          name
              + (partition == null ? "" : " (partition " + partition + ")")
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
