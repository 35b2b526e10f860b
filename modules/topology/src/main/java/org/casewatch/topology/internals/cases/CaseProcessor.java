package org.casewatch.topology.internals.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.casewatch.model.Country;
import org.casewatch.model.LogSafe;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.model.internal.StoredEvent;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.Settling;
import org.casewatch.topology.country.Contribution;
import org.casewatch.topology.deadletters.DeadLetter;
import org.casewatch.topology.deadletters.DeadLetterCode;
import org.casewatch.topology.rules.RuleBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts the {@link CaseTracker} onto Kafka Streams: its state in the task's stores, events and
 * replay ticks in, and in LIVE a wall-clock punctuation every {@link Settling#checkInterval()}
 * whatever the traffic, which the tracker may find any number of deadlines due at.
 *
 * <p>Figures. Each state change says how it moves its country's figures. In LIVE the changes of a
 * country are summed in the task's {@code figures} store (cached, logged: a commit holds them with
 * the offsets of the events that made them) and sent, one per country, every {@link #FIGURES_EVERY}
 * of wall-clock time; in REPLAY each is sent at once. The tracker tells the processor of a change
 * as it writes the case's record, not in what it returns, so a change is never lost with the
 * outputs of a call that failed part-way. In LIVE each sending is followed by recounting, a tenth
 * of a second at a time, the cases whose records do not yet keep what they count for (written by a
 * release before December 2026).
 */
public final class CaseProcessor implements Processor<String, CaseInput, String, CaseOutput> {

  private static final Logger log = LoggerFactory.getLogger(CaseProcessor.class);

  /** How often, in LIVE, the summed changes of the figures are sent on. */
  public static final Duration FIGURES_EVERY = Duration.ofSeconds(1);

  /**
   * At most this long of each {@link #FIGURES_EVERY} goes to recounting cases, on each stream
   * thread, whatever number of tasks it runs.
   */
  static final Duration RECOUNTING_AT_ONCE = Duration.ofMillis(100);

  /**
   * Each stream thread's recounting time: when its current second ends (nanoTime), and how much of
   * {@link #RECOUNTING_AT_ONCE} it has left in it.
   */
  private static final ThreadLocal<long[]> RECOUNTING = ThreadLocal.withInitial(() -> new long[2]);

  /** The names of the stores the processor keeps its state in. */
  public record StoreNames(
      String events, String alerts, String records, String clocks, String figures) {

    public String[] all() {
      return new String[] {events, alerts, records, clocks, figures};
    }
  }

  private final RuleBook ruleBook;
  private final ClockMode clockMode;
  private final Settling settling;
  private final StoreNames stores;

  private ProcessorContext<String, CaseOutput> context;
  private CaseTracker tracker;
  private KeyValueStore<String, Contribution> figures;
  private final Deque<String> uncounted = new ArrayDeque<>();

  public CaseProcessor(
      final RuleBook ruleBook,
      final ClockMode clockMode,
      final Settling settling,
      final StoreNames stores) {
    this.ruleBook = ruleBook;
    this.clockMode = clockMode;
    this.settling = settling;
    this.stores = stores;
  }

  @Override
  public void init(final ProcessorContext<String, CaseOutput> context) {
    this.context = context;
    this.figures = context.getStateStore(stores.figures());
    final StreamsCaseStore store = newStore();
    this.tracker = newTracker(store);
    // Once, as the task starts: a tracker made again after a failure finds the same records, and
    // would bring back the case it failed on.
    uncounted.addAll(store.uncounted());
    if (clockMode == ClockMode.LIVE) {
      context.schedule(FIGURES_EVERY, PunctuationType.WALL_CLOCK_TIME, this::sendFigures);
      context.schedule(
          settling.checkInterval(),
          PunctuationType.WALL_CLOCK_TIME,
          wallClock ->
              emit(
                  tracked(() -> tracker.advance(Instant.ofEpochMilli(wallClock))),
                  null,
                  null,
                  null,
                  0));
    }
  }

  @Override
  public void process(final Record<String, CaseInput> record) {
    if (record.value() instanceof CaseInput.Tick tick) {
      emit(tracked(() -> tracker.advance(tick.to())), null, null, null, 0);
      return;
    }
    if (record.value() instanceof CaseInput.Unusable unusable) {
      context.forward(
          new Record<>(
              record.key(),
              new CaseOutput.DeadLettered(unusable.deadLetter()),
              record.timestamp()));
      return;
    }
    if (record.value() instanceof CaseInput.Action action) {
      emit(
          tracked(() -> tracker.act(action.action())),
          action.action().getCaseId(),
          action.rawKey(),
          action.rawValue(),
          record.timestamp());
      return;
    }
    final CaseInput.Event input = (CaseInput.Event) record.value();
    emit(
        tracked(
            () ->
                tracker.accept(
                    input.event(),
                    input.arrivedAt(),
                    Instant.ofEpochMilli(context.currentSystemTimeMs()))),
        input.event().getCaseId(),
        input.rawKey(),
        input.rawValue(),
        input.arrivedAt().toEpochMilli());
  }

  /** The task's stores, the queues of when each case must be looked at again rebuilt from them. */
  private StreamsCaseStore newStore() {
    final KeyValueStore<Bytes, StoredEvent> events = context.getStateStore(stores.events());
    final KeyValueStore<Bytes, AlertMark> alerts = context.getStateStore(stores.alerts());
    final KeyValueStore<String, CaseRecord> records = context.getStateStore(stores.records());
    final KeyValueStore<String, Long> clocks = context.getStateStore(stores.clocks());
    return new StreamsCaseStore(events, alerts, records, clocks);
  }

  /**
   * A tracker on {@code store}, telling this processor how its cases move the figures. In LIVE it
   * counts as just started: what it reads first may be a backlog.
   */
  private CaseTracker newTracker(final StreamsCaseStore store) {
    final CaseTracker made = new CaseTracker(ruleBook, clockMode, store, settling);
    made.countFigures(this::figuresMoved);
    if (clockMode == ClockMode.LIVE) {
      made.startedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()));
    }
    return made;
  }

  /**
   * The tracker's outputs; if it fails part-way (the processing handler may then go on with the
   * next record), its in-memory queues may hold entries the case's record was not written with, so
   * the tracker is made again from what the stores hold.
   */
  private List<CaseOutput> tracked(final Supplier<List<CaseOutput>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      tracker = newTracker(newStore());
      throw e;
    }
  }

  /**
   * Forwards the tracker's outputs; a refusal is of the input record being processed ({@code
   * caseId}, its original bytes and its timestamp), which a punctuation or a tick never causes.
   */
  private void emit(
      final List<CaseOutput> outputs,
      final String caseId,
      final byte[] rawKey,
      final byte[] rawValue,
      final long timestamp) {
    for (final CaseOutput output : outputs) {
      if (output instanceof CaseOutput.AlertChanged changed) {
        context.forward(
            new Record<>(
                changed.alert().getCaseId(), output, changed.alert().getAt().toEpochMilli()));
      } else if (output instanceof CaseOutput.StateChanged changed) {
        context.forward(new Record<>(changed.caseId(), output, changed.timestamp()));
      } else if (output instanceof CaseOutput.Refused refused) {
        context.forward(new Record<>(caseId, deadLetter(refused, rawKey, rawValue), timestamp));
      }
    }
  }

  /** REPLAY: sent on at once; LIVE: summed with the country's changes not sent yet. */
  private void figuresMoved(final CaseOutput.FiguresMoved moved) {
    final String country = moved.country().name();
    if (clockMode == ClockMode.REPLAY) {
      forwardFigures(country, moved.change(), context.currentSystemTimeMs());
      return;
    }
    final Contribution pending = figures.get(country);
    figures.put(country, pending == null ? moved.change() : pending.plus(moved.change()));
  }

  /**
   * LIVE, every {@link #FIGURES_EVERY}: each country's summed changes, sent on and cleared; then,
   * for what is left of the thread's {@link #RECOUNTING_AT_ONCE}, the cases not counted yet, whose
   * changes go with the next sending. A case that cannot be recounted is left as it is, counted
   * when it next changes, and said so; it does not hold up the others or the figures.
   */
  private void sendFigures(final long wallClock) {
    sendPendingFigures(wallClock);
    final long[] budget = RECOUNTING.get();
    if (System.nanoTime() - budget[0] >= 0) {
      budget[0] = System.nanoTime() + FIGURES_EVERY.toNanos();
      budget[1] = RECOUNTING_AT_ONCE.toNanos();
    }
    while (!uncounted.isEmpty() && budget[1] > 0) {
      final long began = System.nanoTime();
      final String caseId = uncounted.poll();
      emit(recounted(caseId), null, null, null, 0);
      budget[1] -= System.nanoTime() - began;
    }
  }

  /**
   * The case's recount; if the case logic fails on it, nothing, said once: the case is counted when
   * it next changes. A failure of Kafka or of the stores (a {@link KafkaException}, Streams' own
   * among them) is not the case's and fails the task.
   */
  private List<CaseOutput> recounted(final String caseId) {
    try {
      return tracked(() -> tracker.recount(caseId));
    } catch (KafkaException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn(
          "Cannot count case {} in its country's figures; it is counted when it next changes",
          LogSafe.text(caseId),
          e);
      return List.of();
    }
  }

  private void sendPendingFigures(final long wallClock) {
    final List<KeyValue<String, Contribution>> pending = new ArrayList<>();
    try (KeyValueIterator<String, Contribution> all = figures.all()) {
      all.forEachRemaining(pending::add);
    }
    for (final KeyValue<String, Contribution> country : pending) {
      forwardFigures(country.key, country.value, wallClock);
      figures.delete(country.key);
    }
  }

  /**
   * The change to {@code country}'s figures, keyed by the country, stamped with its latest event
   * (or {@code otherwise} when it has none).
   */
  private void forwardFigures(
      final String country, final Contribution change, final long otherwise) {
    final long at = change.lastEventAt() == null ? otherwise : change.lastEventAt().toEpochMilli();
    context.forward(
        new Record<>(country, new CaseOutput.FiguresMoved(Country.valueOf(country), change), at));
  }

  private CaseOutput deadLetter(
      final CaseOutput.Refused refused, final byte[] rawKey, final byte[] rawValue) {
    final RecordMetadata source = context.recordMetadata().orElseThrow();
    final String where = source.topic() + "-" + source.partition() + "@" + source.offset();
    if (refused.code() == DeadLetterCode.CASE_TOO_LARGE) {
      // The case's CASE_TOO_LARGE alert says it once; a flood of such events must not flood the
      // log.
      log.debug(
          "Dead-lettering the record at {} ({}): {}",
          where,
          refused.code(),
          LogSafe.text(refused.reason()));
    } else {
      log.warn(
          "Dead-lettering the record at {} ({}): {}",
          where,
          refused.code(),
          LogSafe.text(refused.reason()));
    }
    return new CaseOutput.DeadLettered(
        new DeadLetter(
            rawKey,
            rawValue,
            refused.code(),
            refused.reason() + " (record " + where + ")",
            source.topic(),
            source.partition(),
            source.offset(),
            null));
  }
}
