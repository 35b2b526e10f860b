package org.casewatch.topology.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.model.OpenAlert;
import org.casewatch.model.internal.CaseHistory;
import org.casewatch.topology.rules.AlertFinding;
import org.casewatch.topology.rules.RuleBook;
import org.casewatch.topology.rules.RuleVerdict;

/**
 * Keeps each case's history, re-derives its state and alerts whenever an event arrives or one
 * of its deadlines passes, and emits what changed. Deadlines wait in a time-ordered index; in the
 * style of Kafka's suppress processor, the processor keeps the observed stream time and evicts
 * every index entry at or before the clock, however many are due.
 */
public final class CaseProcessor implements Processor<String, CaseInput, String, CaseOutput> {

  private static final String OBSERVED_STREAM_TIME = "observed-stream-time";
  /** Open alerts are listed in one order whatever order they were raised in. */
  private static final Comparator<OpenAlert> OPEN_ALERT_ORDER = Comparator.comparing(OpenAlert::getAt)
      .thenComparing(OpenAlert::getRule).thenComparing(OpenAlert::getAlertId);

  private final RuleBook ruleBook;
  private final ClockMode clockMode;
  private final String historyStoreName;
  private final String deadlineStoreName;
  private final String clockStoreName;

  private ProcessorContext<String, CaseOutput> context;
  private KeyValueStore<String, CaseHistory> histories;
  private DeadlineIndex deadlines;
  private KeyValueStore<String, Long> clock;
  private long observedStreamTime;
  /** When (wall clock) the last event arrived; only decides whether the LIVE wall-clock check runs. */
  private long lastEventWallClock = Long.MIN_VALUE;

  public CaseProcessor(
      final RuleBook ruleBook,
      final ClockMode clockMode,
      final String historyStoreName,
      final String deadlineStoreName,
      final String clockStoreName) {
    this.ruleBook = ruleBook;
    this.clockMode = clockMode;
    this.historyStoreName = historyStoreName;
    this.deadlineStoreName = deadlineStoreName;
    this.clockStoreName = clockStoreName;
  }

  @Override
  public void init(final ProcessorContext<String, CaseOutput> context) {
    this.context = context;
    this.histories = context.getStateStore(historyStoreName);
    final KeyValueStore<Bytes, byte[]> index = context.getStateStore(deadlineStoreName);
    this.deadlines = new DeadlineIndex(index);
    this.clock = context.getStateStore(clockStoreName);
    final Long stored = clock.get(OBSERVED_STREAM_TIME);
    this.observedStreamTime = stored == null ? Long.MIN_VALUE : stored;
    if (clockMode == ClockMode.LIVE) {
      context.schedule(ClockMode.LIVE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::checkDeadlines);
    }
  }

  @Override
  public void process(final Record<String, CaseInput> record) {
    if (record.value() instanceof CaseInput.Tick tick) {
      observe(tick.to());
      fireDue(Instant.ofEpochMilli(observedStreamTime));
      return;
    }
    final CaseEvent event = ((CaseInput.Event) record.value()).event();
    lastEventWallClock = context.currentSystemTimeMs();
    observe(event.getOccurredAt());
    final CaseHistory history = historyOf(record.key());
    if (history.getEvents().stream().anyMatch(known -> known.getEventId().equals(event.getEventId()))) {
      return;
    }
    final List<CaseEvent> events = new ArrayList<>(history.getEvents());
    events.add(event);
    events.sort(CaseFacts.EVENT_TIME_ORDER);
    history.setEvents(events);
    // Events are judged in event time, in both modes: a backlog is processed as a replay would.
    final Instant now = Instant.ofEpochMilli(observedStreamTime);
    reevaluate(history, now, true);
    fireDue(now);
  }

  /**
   * LIVE only: once no event has arrived for a check interval, judge deadlines against the wall
   * clock, so a case that goes silent is flagged although nothing advances stream time. While
   * events flow, stream time does that, and a backlog is not judged by today's date mid-way.
   */
  private void checkDeadlines(final long wallClockMillis) {
    final boolean idle = lastEventWallClock == Long.MIN_VALUE
        || wallClockMillis - lastEventWallClock >= ClockMode.LIVE_CHECK_INTERVAL.toMillis();
    if (idle) {
      fireDue(Instant.ofEpochMilli(Math.max(wallClockMillis, observedStreamTime)));
    }
  }

  /** Re-evaluates every case with a deadline at or before {@code now}; each is then removed. */
  private void fireDue(final Instant now) {
    final Set<String> dueCases = new LinkedHashSet<>();
    for (final DeadlineIndex.Due due : deadlines.dueBy(now)) {
      if (histories.get(due.caseId()) == null) {
        deadlines.remove(due.deadline(), due.caseId());
      } else {
        dueCases.add(due.caseId());
      }
    }
    for (final String caseId : dueCases) {
      reevaluate(histories.get(caseId), now, false);
    }
  }

  /**
   * Re-derives the case's alerts and state as of {@code now}, then stores and emits what changed.
   * Everything is computed before anything is written, so a failure leaves no partial effect.
   */
  private void reevaluate(final CaseHistory history, final Instant now, final boolean eventApplied) {
    final String caseId = history.getCaseId();
    final CaseFacts facts = new CaseFacts(caseId, history.getEvents());
    final RuleVerdict verdict = ruleBook.evaluate(facts, now);
    final Map<String, Alert> emitted = new LinkedHashMap<>();
    history.getAlerts().forEach(alert -> emitted.put(alert.getAlertId(), alert));

    final List<Alert> transitions = new ArrayList<>();
    for (final AlertFinding finding : verdict.findings()) {
      final Alert before = emitted.get(finding.alertId());
      final boolean raise = finding.status() == AlertStatus.RAISED && before == null;
      final boolean resolve = finding.status() == AlertStatus.RESOLVED && isRaised(before);
      if (raise || resolve) {
        final Alert alert = finding.toAlert(caseId, facts.country());
        emitted.put(alert.getAlertId(), alert);
        transitions.add(alert);
      }
    }
    // An open alert no rule finds any more (its deadline moved, e.g. an earlier complaint arrived) is resolved.
    final Set<String> found = new HashSet<>();
    verdict.findings().forEach(finding -> found.add(finding.alertId()));
    for (final Alert open : List.copyOf(emitted.values())) {
      if (isRaised(open) && !found.contains(open.getAlertId())) {
        final Alert superseded = Alert.newBuilder(open)
            .setStatus(AlertStatus.RESOLVED)
            .setAt(facts.lastEventAt())
            .setTriggeringEventId(facts.events().get(facts.events().size() - 1).getEventId())
            .setExplanation(open.getExplanation() + "; no longer applies: the case's events as of "
                + CaseFolding.date(facts.lastEventAt()) + " give this rule another deadline or none")
            .build();
        emitted.put(superseded.getAlertId(), superseded);
        transitions.add(superseded);
      }
    }
    final List<OpenAlert> open = emitted.values().stream()
        .filter(CaseProcessor::isRaised)
        .map(alert -> new OpenAlert(alert.getAlertId(), alert.getRule(), alert.getSeverity(), alert.getAt()))
        .sorted(OPEN_ALERT_ORDER)
        .toList();
    final List<Long> pending = verdict.pendingDeadlines().stream().map(Instant::toEpochMilli).distinct().toList();
    final boolean changed = eventApplied || !transitions.isEmpty();
    final CaseState state = changed ? CaseFolding.fold(facts, open) : null;

    history.getIndexedDeadlines().forEach(deadline -> deadlines.remove(Instant.ofEpochMilli(deadline), caseId));
    pending.forEach(deadline -> deadlines.add(Instant.ofEpochMilli(deadline), caseId));
    history.setIndexedDeadlines(pending);
    history.setAlerts(new ArrayList<>(emitted.values()));
    histories.put(caseId, history);

    transitions.forEach(alert -> context.forward(
        new Record<>(caseId, new CaseOutput.AlertChanged(alert), alert.getAt().toEpochMilli())));
    if (state != null) {
      // Never earlier than any state before it: the latest event or alert the case has seen.
      final long at = Math.max(facts.lastEventAt().toEpochMilli(),
          emitted.values().stream().mapToLong(alert -> alert.getAt().toEpochMilli()).max().orElse(Long.MIN_VALUE));
      context.forward(new Record<>(caseId, new CaseOutput.StateChanged(state), at));
    }
  }

  private static boolean isRaised(final Alert alert) {
    return alert != null && alert.getStatus() == AlertStatus.RAISED;
  }

  private CaseHistory historyOf(final String caseId) {
    final CaseHistory stored = histories.get(caseId);
    return stored != null ? stored : new CaseHistory(caseId, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
  }

  private void observe(final Instant occurredAt) {
    if (occurredAt.toEpochMilli() > observedStreamTime) {
      observedStreamTime = occurredAt.toEpochMilli();
      clock.put(OBSERVED_STREAM_TIME, observedStreamTime);
    }
  }

}
