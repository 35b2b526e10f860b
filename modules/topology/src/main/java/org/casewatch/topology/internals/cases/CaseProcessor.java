package org.casewatch.topology.internals.cases;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.casewatch.model.LogSafe;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.model.internal.StoredEvent;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.Settling;
import org.casewatch.topology.deadletters.DeadLetter;
import org.casewatch.topology.deadletters.DeadLetterCode;
import org.casewatch.topology.rules.RuleBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts the {@link CaseTracker} onto Kafka Streams: its state in the task's stores, events and
 * replay ticks in, and in LIVE a wall-clock punctuation every {@link Settling#checkInterval()}
 * whatever the traffic, which the tracker may find any number of deadlines due at.
 */
public final class CaseProcessor implements Processor<String, CaseInput, String, CaseOutput> {

  private static final Logger log = LoggerFactory.getLogger(CaseProcessor.class);

  /** The names of the stores the processor keeps its state in. */
  public record StoreNames(String events, String alerts, String records, String clocks) {

    public String[] all() {
      return new String[] {events, alerts, records, clocks};
    }
  }

  private final RuleBook ruleBook;
  private final ClockMode clockMode;
  private final Settling settling;
  private final StoreNames stores;

  private ProcessorContext<String, CaseOutput> context;
  private CaseTracker tracker;

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
    this.tracker = newTracker();
    if (clockMode == ClockMode.LIVE) {
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

  /**
   * A tracker on the task's stores, its queues rebuilt from the case records. In LIVE it counts as
   * just started: what it reads first may be a backlog.
   */
  private CaseTracker newTracker() {
    final KeyValueStore<Bytes, StoredEvent> events = context.getStateStore(stores.events());
    final KeyValueStore<Bytes, AlertMark> alerts = context.getStateStore(stores.alerts());
    final KeyValueStore<String, CaseRecord> records = context.getStateStore(stores.records());
    final KeyValueStore<String, Long> clocks = context.getStateStore(stores.clocks());
    final CaseTracker made =
        new CaseTracker(
            ruleBook, clockMode, new StreamsCaseStore(events, alerts, records, clocks), settling);
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
      tracker = newTracker();
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
