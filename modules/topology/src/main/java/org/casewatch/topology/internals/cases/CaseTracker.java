package org.casewatch.topology.internals.cases;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertAction;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.AlertTriage;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import org.casewatch.model.EventRetracted;
import org.casewatch.model.OpenAlert;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.Settling;
import org.casewatch.topology.country.Contribution;
import org.casewatch.topology.deadletters.DeadLetterCode;
import org.casewatch.topology.internals.rules.AlertFinding;
import org.casewatch.topology.internals.rules.AlertIds;
import org.casewatch.topology.internals.rules.CaseFacts;
import org.casewatch.topology.internals.rules.RuleVerdict;
import org.casewatch.topology.internals.stores.StoredEventIds;
import org.casewatch.topology.rules.CountryRules;
import org.casewatch.topology.rules.RuleBook;
import org.casewatch.topology.triage.TriageFold;

/**
 * The case logic, free of Kafka: takes each case's events and the passing of time, keeps the case's
 * events, alerts and deadlines in a {@link CaseStore}, and says what changed.
 *
 * <p>Time. Deadlines are judged against a clock: in LIVE the wall clock; in REPLAY each country's
 * own clock, the latest event time of its accepted events (a duplicate or a refused event never
 * moves it, and one country's events never move another's). A case is judged against the clock only
 * once it has settled, a {@link Settling} window (30 s by default) after its latest event arrived
 * (REPLAY: once the arrivals seen have moved that far past it, or at the replay's final tick);
 * until then an event is judged at the clock of the case's last judgement, for what the case's own
 * events prove. So a case whose events arrive together (an archive import, a backlog) is judged on
 * all of them, never half-way. A deadline is missed only when the clock is strictly past it. In
 * LIVE a case that has just settled is judged as of its settling time, and its record is kept as it
 * was when that changes nothing.
 *
 * <p>Alerts. Each rule finding is compared with the last transition stored for its alert; only
 * changes are emitted. A resolution is never stamped before its raise and names the event that
 * caused it.
 */
public final class CaseTracker {

  /**
   * The state a case may take in the case processor's store (as last written) before it takes no
   * more events or actions: half of the 1 MB Kafka takes in a record by default, leaving room for
   * the alerts judgements still add. A case of 1,000 events with the longest ids the contract
   * allows takes about 320 KB; what coordinators record of each alert can add more. A replay, which
   * keeps cases in memory, does not measure them and applies no such limit.
   */
  static final int MAX_STORED_BYTES = 512 * 1024;

  /** The arrival clock of a replay that was fed everything: every case has settled. */
  private static final Instant END_OF_INPUT = Instant.ofEpochMilli(Long.MAX_VALUE);

  private static final Comparator<OpenAlert> OPEN_ALERT_ORDER =
      Comparator.comparing(OpenAlert::getAt)
          .thenComparing(OpenAlert::getRule)
          .thenComparing(OpenAlert::getAlertId);

  private final RuleBook ruleBook;
  private final ClockMode mode;
  private final CaseStore store;

  /** LIVE: when (wall clock) the latest event was processed, and when that event had arrived. */
  private Instant lastEventProcessed;

  private Instant lastEventArrived;

  /** How long a case must be quiet before it is judged. */
  private final Duration settle;

  /**
   * Whether a judgement that changes nothing still writes the case's record, as before December
   * 2026: the reference the properties compare the tracker with.
   */
  private boolean writeEveryJudgement;

  /** The store's {@link CaseStore#settledThrough}, or null. */
  private Instant settledThrough;

  /** Whether the last {@link #reevaluate} kept the case's record as it was. */
  private boolean recordKept;

  /** The latest settling time of a case judged by this {@link #moveOn} whose record was kept. */
  private Instant keptSettled;

  /** Told how each published state moves its country's figures, if anyone is. */
  private Consumer<CaseOutput.FiguresMoved> figures;

  public CaseTracker(final RuleBook ruleBook, final ClockMode mode, final CaseStore store) {
    this(ruleBook, mode, store, Settling.DEFAULT);
  }

  public CaseTracker(
      final RuleBook ruleBook,
      final ClockMode mode,
      final CaseStore store,
      final Settling settling) {
    this.ruleBook = ruleBook;
    this.mode = mode;
    this.store = store;
    this.settle = settling.window();
    this.settledThrough = store.settledThrough().orElse(null);
  }

  /**
   * Applies a valid event that arrived at {@code arrivedAt}, processed when the wall clock read
   * {@code wallClock}. A case belongs to the coalition whose event for it arrived first (normally
   * its CaseRegistered); another coalition's events for it are refused before anything else, so an
   * eventId is scoped by its coalition: none can stand in for, or conflict with, the owner's.
   */
  public List<CaseOutput> accept(
      final CaseEvent event, final Instant arrivedAt, final Instant wallClock) {
    return writingOut(() -> accepted(event, arrivedAt, wallClock));
  }

  /**
   * Runs a step, then writes out what it changed: also when it failed part-way (what it put before
   * the failure stays written, as each put was written at once before December 2026), without the
   * write's own failure hiding the step's.
   */
  private List<CaseOutput> writingOut(final Supplier<List<CaseOutput>> step) {
    final List<CaseOutput> outputs;
    try {
      outputs = step.get();
    } catch (RuntimeException | Error e) {
      try {
        store.writeOut();
      } catch (RuntimeException unwritten) {
        e.addSuppressed(unwritten);
      }
      throw e;
    }
    store.writeOut();
    return outputs;
  }

  private List<CaseOutput> accepted(
      final CaseEvent event, final Instant arrivedAt, final Instant wallClock) {
    if (mode == ClockMode.LIVE) {
      settledNoLaterThan(wallClock);
    }
    final String caseId = event.getCaseId();
    final Optional<CaseRecord> known = store.record(caseId);
    final Optional<String> owner =
        known.map(CaseRecord::getCoalition).filter(coalition -> !coalition.isEmpty());
    if (owner.isPresent() && !owner.get().equals(event.getCoalition())) {
      // Checked first: the case's events, and so its eventIds, are its owner's alone.
      return List.of(
          new CaseOutput.Refused(
              DeadLetterCode.FOREIGN_COALITION,
              "event "
                  + event.getEventId()
                  + " for case "
                  + caseId
                  + " comes from coalition "
                  + event.getCoalition()
                  + ", but the case belongs to "
                  + owner.get()
                  + ", whose event for it arrived first; a coalition adds events only to its own"
                  + " cases: ask "
                  + owner.get()
                  + " to send it, or give the case of "
                  + event.getCoalition()
                  + " a caseId of its own"));
    }
    final Optional<CaseEvent> stored = store.event(caseId, event.getEventId());
    if (stored.isPresent()) {
      return sameContent(stored.get(), event)
          ? List.of()
          : List.of(
              new CaseOutput.Refused(
                  DeadLetterCode.CONFLICTING_DUPLICATE,
                  "event "
                      + event.getEventId()
                      + " for case "
                      + caseId
                      + " is already recorded with other content ("
                      + difference(stored.get(), event)
                      + "); an eventId names one event for good: to correct it, send an "
                      + "EventRetracted naming it and the corrected event under a new eventId"));
    }
    if (event.getPayload() instanceof EventRetracted retraction
        && store
            .event(caseId, retraction.getRetractedEventId())
            .filter(named -> named.getPayload() instanceof EventRetracted)
            .isPresent()) {
      return List.of(
          new CaseOutput.Refused(
              DeadLetterCode.INVALID,
              "event "
                  + event.getEventId()
                  + " for case "
                  + caseId
                  + " retracts "
                  + retraction.getRetractedEventId()
                  + ", itself a retraction; a retraction cannot be retracted: "
                  + "send the event it took back again, under a new eventId"));
    }
    if (known.isPresent()) {
      return apply(event, arrivedAt, wallClock, known.get(), true);
    }
    // Its coalition owns the case, whose events then need not repeat it. The record is written
    // once, when the event has been applied; should the case logic fail on the event, the case
    // still belongs to that coalition.
    try {
      return apply(event, arrivedAt, wallClock, newRecord(event.getCoalition()), false);
    } catch (RuntimeException e) {
      try {
        if (store.record(caseId).isEmpty()) {
          store.putRecord(caseId, newRecord(event.getCoalition()));
        }
      } catch (RuntimeException claim) {
        e.addSuppressed(claim);
      }
      throw e;
    }
  }

  /**
   * Applies a valid, not yet seen event of the case's own coalition to the case's record, which is
   * {@code stored} unless this is the case's first event.
   */
  private List<CaseOutput> apply(
      final CaseEvent event,
      final Instant arrivedAt,
      final Instant wallClock,
      final CaseRecord record,
      final boolean stored) {
    final String caseId = event.getCaseId();
    final Country country = event.getCountry();
    final CountryRules rules = ruleBook.forCountry(country);
    if (record.getEventCount() >= rules.maxEventsPerCase() || atSizeLimit(record)) {
      return refuseTooLarge(event, record, rules);
    }
    // A case's first event is read back (to judge the case) before its record is stored: it keeps
    // its coalition, which the case's later events take from the record.
    store.putEvent(event, arrivedAt, stored ? record.getCoalition() : null);
    record.setEventCount(record.getEventCount() + 1);
    Instant arrival = arrivedAt;
    if (mode == ClockMode.REPLAY) {
      advanceClock(country, event.getOccurredAt());
      // A record behind others already read settles from them: partitions interleave by best
      // effort.
      final Optional<Instant> arrivals = store.arrivalClock();
      if (arrivals.isEmpty() || arrivals.get().isBefore(arrivedAt)) {
        store.putArrivalClock(arrivedAt);
      } else {
        arrival = arrivals.get();
      }
    } else {
      lastEventProcessed = wallClock;
      lastEventArrived = arrivedAt;
      arrival = wallClock;
    }
    record.setLastArrival(arrival);
    clearSettling(caseId, record);
    record.setSettleAt(arrival.plus(settle));
    store.addSettling(record.getSettleAt(), caseId);
    // Until the case has settled, only what its events prove is judged: the clock as of its last
    // judgement.
    final List<CaseOutput> outputs =
        new ArrayList<>(
            reevaluate(
                caseId,
                country,
                record,
                judgedThrough(record),
                Optional.of(event),
                true,
                false,
                false));
    if (mode == ClockMode.REPLAY) {
      outputs.addAll(moveOn(store.arrivalClock().orElse(arrivedAt)));
    }
    return outputs;
  }

  /**
   * LIVE: brings {@link CaseStore#settledThrough} back to the wall clock when the settling time of
   * an event processed now would not be after it (the task ran on an instance whose clock was
   * ahead, or the clock was set back by more than a settling window), so that a case settling from
   * now on is never counted as judged before it was. The records it covered past the clock are
   * first written as the judgements that kept them would have written them: settled, judged through
   * their settling times.
   */
  private void settledNoLaterThan(final Instant wallClock) {
    if (settledThrough == null || settledThrough.isBefore(wallClock.plus(settle))) {
      return;
    }
    for (final String caseId : store.settlingBetween(wallClock, settledThrough)) {
      final CaseRecord record = store.record(caseId).orElseThrow();
      clearSettling(caseId, record);
      store.putRecord(caseId, record);
    }
    settledThrough = wallClock;
    store.putSettledThrough(wallClock);
  }

  /**
   * Moves time on: in LIVE, {@code now} is the wall clock, and every settled case with a deadline
   * behind it is judged; in REPLAY (a replay's horizon tick, sent once every event was fed), every
   * country's clock moves to {@code now} if it is behind, and every case counts as settled.
   */
  public List<CaseOutput> advance(final Instant now) {
    return writingOut(() -> advanced(now));
  }

  private List<CaseOutput> advanced(final Instant now) {
    if (mode == ClockMode.LIVE) {
      settledNoLaterThan(now);
      resettleAhead(now);
      return catchingUp(now) ? List.of() : moveOn(now);
    }
    for (final Country country : Country.values()) {
      advanceClock(country, now);
    }
    return moveOn(END_OF_INPUT);
  }

  /**
   * Folds a coordinator's action into its alert's triage ({@link TriageFold}). An action for an
   * alert the case does not have, or one that does not apply to the alert as it stands (say, a
   * second coordinator closing an alert the first just closed), is refused. When the action opens
   * or closes a raised alert, the case's state changes: a closed alert is not open.
   */
  public List<CaseOutput> act(final AlertAction action) {
    return writingOut(() -> acted(action));
  }

  private List<CaseOutput> acted(final AlertAction action) {
    final String caseId = action.getCaseId();
    final Optional<CaseRecord> record = store.record(caseId);
    final AlertMark mark = record.isEmpty() ? null : store.alerts(caseId).get(action.getAlertId());
    if (mark == null) {
      return List.of(
          new CaseOutput.Refused(
              DeadLetterCode.UNKNOWN_ALERT,
              "action "
                  + action.getActionId()
                  + " by "
                  + action.getCoordinator()
                  + " names alert "
                  + action.getAlertId()
                  + ", which case "
                  + caseId
                  + " does not have; an action must name an alert of its case, as GET /v1/cases/"
                  + caseId
                  + " lists them"));
    }
    if (atSizeLimit(record.get())) {
      final List<CaseOutput> outputs = new ArrayList<>();
      outputs.add(
          new CaseOutput.Refused(
              DeadLetterCode.CASE_TOO_LARGE,
              "action "
                  + action.getActionId()
                  + " by "
                  + action.getCoordinator()
                  + " on alert "
                  + action.getAlertId()
                  + " is refused: case "
                  + caseId
                  + sizeLimitReached(record.get())
                  + "; record the action outside casewatch"));
      final Country country = countryOf(caseId);
      outputs.addAll(
          markedTooLarge(
              caseId, country, record.get(), ruleBook.forCountry(country), action.getAt(), null));
      return outputs;
    }
    final TriageFold.Outcome outcome = TriageFold.apply(mark.getTriage(), action);
    if (outcome instanceof TriageFold.Refused refused) {
      return List.of(
          new CaseOutput.Refused(
              DeadLetterCode.REFUSED_ACTION,
              "action "
                  + action.getActionId()
                  + " ("
                  + action.getType()
                  + " by "
                  + action.getCoordinator()
                  + "): "
                  + refused.reason()));
    }
    final AlertTriage after = ((TriageFold.Applied) outcome).triage();
    store.putAlert(
        caseId,
        action.getAlertId(),
        AlertMark.newBuilder(mark)
            .setTriage(after)
            // A mark written before December 2026 keeps its event id as text.
            .setTriggeringEventId(
                StoredEventIds.compact(StoredEventIds.text(mark.getTriggeringEventId())))
            .build());
    final boolean openness =
        mark.getStatus() == AlertStatus.RAISED
            && TriageFold.closed(mark.getTriage()) != TriageFold.closed(after);
    if (!openness) {
      return List.of();
    }
    final Country country = countryOf(caseId);
    return reevaluate(
        caseId,
        country,
        record.get(),
        judgedThrough(record.get()),
        Optional.empty(),
        true,
        false,
        false);
  }

  /**
   * The case's alerts as last emitted, with explanations rebuilt from its events; empty for an
   * unknown case.
   */
  public List<Alert> alerts(final String caseId) {
    return alertsOf(store, ruleBook, caseId);
  }

  /** The same, read through any {@link CaseReader}, e.g. the query API's view of the stores. */
  public static List<Alert> alertsOf(
      final CaseReader reader, final RuleBook ruleBook, final String caseId) {
    return rebuilt(reader, ruleBook, caseId, reader.alerts(caseId));
  }

  /**
   * The case's alerts that match, read through {@code reader}. {@code matching} may look only at
   * what an alert's mark holds: its case and country, rule, status, severity, time and triage. It
   * is asked first of each alert as its mark stands, without explanation; only the alerts it takes
   * are rebuilt, so a case none of whose alerts match is answered without evaluating its rules.
   */
  public static List<Alert> alertsOf(
      final CaseReader reader,
      final RuleBook ruleBook,
      final String caseId,
      final Predicate<Alert> matching) {
    final Country country = countryOf(caseId);
    final Map<String, AlertMark> taken = new LinkedHashMap<>();
    reader
        .alerts(caseId)
        .forEach(
            (alertId, mark) -> {
              if (matching.test(
                  toAlert(
                      caseId,
                      country,
                      alertId,
                      mark,
                      asMarked(alertId, mark),
                      ruleBook.version()))) {
                taken.put(alertId, mark);
              }
            });
    return rebuilt(reader, ruleBook, caseId, taken).stream().filter(matching).toList();
  }

  /** The alerts of {@code marks}, in time order, with their explanations rebuilt. */
  private static List<Alert> rebuilt(
      final CaseReader reader,
      final RuleBook ruleBook,
      final String caseId,
      final Map<String, AlertMark> marks) {
    if (marks.isEmpty()) {
      return List.of();
    }
    final Country country = countryOf(caseId);
    final CaseFacts facts =
        CaseFacts.of(
            caseId, country, ruleBook.forCountry(country).calendar(), reader.events(caseId));
    final Map<String, List<AlertFinding>> findings =
        findingsById(ruleBook.evaluate(facts, Instant.MAX));
    final List<Alert> alerts = new ArrayList<>();
    marks.forEach(
        (alertId, mark) ->
            alerts.add(
                toAlert(
                    caseId,
                    country,
                    alertId,
                    mark,
                    rebuilt(mark, findings.getOrDefault(alertId, List.of()))
                        .orElseGet(() -> unrebuildable(alertId, mark, facts, ruleBook)),
                    ruleBook.version())));
    alerts.sort(Comparator.comparing(Alert::getAt).thenComparing(Alert::getAlertId));
    return alerts;
  }

  /** An alert's finding as far as its mark holds it: no explanation, no threshold. */
  private static AlertFinding asMarked(final String alertId, final AlertMark mark) {
    return new AlertFinding(
        alertId,
        mark.getRule(),
        mark.getRuleVersion(),
        mark.getStatus(),
        mark.getResolution(),
        mark.getSeverity(),
        atOf(mark),
        mark.getDeadline(),
        StoredEventIds.text(mark.getTriggeringEventId()),
        null,
        "");
  }

  private Instant advanceClock(final Country country, final Instant to) {
    final Optional<Instant> clock = store.clock(country);
    if (clock.isPresent() && !to.isAfter(clock.get())) {
      return clock.get();
    }
    store.putClock(country, to);
    return to;
  }

  /**
   * Judges the cases that have settled by {@code arrivalNow}, then every settled case whose
   * deadline its country's clock has passed.
   */
  private List<CaseOutput> moveOn(final Instant arrivalNow) {
    final List<CaseOutput> outputs = new ArrayList<>();
    keptSettled = null;
    for (final String caseId : store.settledBy(arrivalNow)) {
      outputs.addAll(judge(caseId, arrivalNow, true));
    }
    for (final Country country : Country.values()) {
      for (final String caseId : store.dueBy(country, judgingClock(country, arrivalNow))) {
        outputs.addAll(judge(caseId, arrivalNow, false));
      }
    }
    if (keptSettled != null && (settledThrough == null || settledThrough.isBefore(keptSettled))) {
      // Once for all the cases judged here: their records keep their settling entries.
      settledThrough = keptSettled;
      store.putSettledThrough(settledThrough);
    }
    return outputs;
  }

  /**
   * From now on, {@code moved} is told how every published state moves its country's figures, and
   * each case's record keeps what the case counts for. It is told as the record is written, not in
   * the outputs returned: a call that fails part-way (judging one case after another) returns none
   * of them, but a record it wrote stays, and what that record counts for must reach the figures.
   * The Streams topology sums the figures so; a replay that sums each case's latest state once does
   * not.
   */
  public void countFigures(final Consumer<CaseOutput.FiguresMoved> moved) {
    figures = moved;
  }

  /**
   * Publishes the case's state, judged as of its last judgement, when its record does not yet keep
   * what it counts for in the figures (a record written before December 2026), so that the figures,
   * summed from the changes, count it. Nothing for a case already counted or unknown.
   */
  public List<CaseOutput> recount(final String caseId) {
    return writingOut(() -> recounted(caseId));
  }

  private List<CaseOutput> recounted(final String caseId) {
    final Optional<CaseRecord> stored = store.record(caseId);
    if (figures == null || stored.isEmpty() || stored.get().getContribution() != null) {
      return List.of();
    }
    final CaseRecord record = stored.get();
    return reevaluate(
        caseId,
        countryOf(caseId),
        record,
        judgedThrough(record),
        Optional.empty(),
        true,
        settled(record),
        false);
  }

  /**
   * Whether the case's settling judgement is behind it although its record still names when it
   * settles: that judgement changed nothing, so the record was kept as it was (LIVE).
   */
  private boolean settledUnwritten(final CaseRecord record) {
    return record.getSettleAt() != null
        && settledThrough != null
        && !settledThrough.isBefore(record.getSettleAt());
  }

  /** Whether the case has settled and been judged since its latest event. */
  private boolean settled(final CaseRecord record) {
    return record.getSettleAt() == null || settledUnwritten(record);
  }

  /**
   * The clock of the case's last judgement: a settling judgement whose record was kept judged it as
   * of its settling time.
   */
  private Instant judgedThrough(final CaseRecord record) {
    final Instant written =
        record.getJudgedThrough() == null ? Instant.EPOCH : record.getJudgedThrough();
    return settledUnwritten(record) && record.getSettleAt().isAfter(written)
        ? record.getSettleAt()
        : written;
  }

  /**
   * Takes the case's settling entry off its record and the queue; a settling judgement that kept
   * the record judged the case as of that entry, which the record now says.
   */
  private void clearSettling(final String caseId, final CaseRecord record) {
    if (record.getSettleAt() == null) {
      return;
    }
    if (settledUnwritten(record)) {
      record.setJudgedThrough(judgedThrough(record));
    }
    store.removeSettling(record.getSettleAt(), caseId);
    record.setSettleAt(null);
  }

  /** From now on, a judgement that changes nothing writes the case's record all the same. */
  void writeEveryJudgement() {
    writeEveryJudgement = true;
  }

  /**
   * LIVE: the task (re)started at {@code wallClock}; until it has seen fresh events or none for a
   * while, it may still be working through a backlog that holds the answers to its deadlines.
   */
  public void startedAt(final Instant wallClock) {
    lastEventProcessed = wallClock;
    lastEventArrived = null;
  }

  /**
   * Whether the task is working through a backlog (after downtime, or lag): its latest event was
   * processed less than {@link ClockMode#LIVE_BACKLOG_GRACE} ago (30 s, whatever the settling
   * window) but had arrived more than {@link ClockMode#LIVE_BACKLOG} before it was processed. No
   * deadline is called missed then, since its answer may be further on in the backlog; a quiet
   * task, or one whose events are fresh, is not catching up.
   */
  private boolean catchingUp(final Instant wallClock) {
    return lastEventProcessed != null
        && wallClock.isBefore(lastEventProcessed.plus(ClockMode.LIVE_BACKLOG_GRACE))
        && (lastEventArrived == null
            || lastEventArrived.isBefore(lastEventProcessed.minus(ClockMode.LIVE_BACKLOG)));
  }

  /**
   * Judges the case's deadlines against its country's clock, if it has settled. In LIVE, a case
   * that has just {@code settling} is judged as of its settling time, and if that changes nothing
   * its record is kept as it was: what the judgement would write (settled, judged through that
   * time) follows from the record and {@link CaseStore#settledThrough}. A deadline passed since is
   * due, and judged next, at the clock.
   */
  private List<CaseOutput> judge(
      final String caseId, final Instant arrivalNow, final boolean settling) {
    final Optional<CaseRecord> stored = store.record(caseId);
    if (stored.isEmpty()) {
      return List.of();
    }
    final CaseRecord record = stored.get();
    if (record.getLastArrival() != null
        && record.getLastArrival().plus(settle).isAfter(arrivalNow)) {
      if (mode == ClockMode.LIVE && record.getLastArrival().isAfter(arrivalNow.plus(settle))) {
        resettle(caseId, record, arrivalNow);
      }
      return List.of();
    }
    final Country country = countryOf(caseId);
    final Instant clock = judgingClock(country, arrivalNow);
    final Instant settledAt =
        settling && mode == ClockMode.LIVE && record.getSettleAt() != null
            ? record.getSettleAt()
            : null;
    clearSettling(caseId, record);
    final Instant now = settledAt != null && settledAt.isBefore(clock) ? settledAt : clock;
    if (now.isAfter(judgedThrough(record))) {
      record.setJudgedThrough(now);
    }
    final List<CaseOutput> outputs =
        reevaluate(
            caseId,
            country,
            record,
            judgedThrough(record),
            Optional.empty(),
            false,
            true,
            settledAt != null);
    if (recordKept && (keptSettled == null || keptSettled.isBefore(settledAt))) {
      keptSettled = settledAt;
    }
    return outputs;
  }

  /**
   * LIVE: a case queued to settle more than two settling windows after {@code wallClock} had its
   * latest event processed by an instance whose clock was ahead (or its settling put off by the
   * release before, past a settled time that was ahead): it is {@linkplain #resettle resettled}
   * now. Its deadlines may have no entries to bring it back sooner (behind the time that instance
   * judged it through). Normally no case is queued so late.
   */
  private void resettleAhead(final Instant wallClock) {
    for (final String caseId : store.settlingAfter(wallClock.plus(settle).plus(settle))) {
      resettle(caseId, store.record(caseId).orElseThrow(), wallClock);
    }
  }

  /**
   * LIVE: the case's latest event was processed more than a settling window after {@code
   * wallClock}, by an instance whose clock was ahead of this one: it counts as processed now, and
   * settles a window from now, rather than wait for the real time to reach that instance's clock.
   */
  private void resettle(final String caseId, final CaseRecord record, final Instant wallClock) {
    clearSettling(caseId, record);
    if (record.getLastArrival() == null || record.getLastArrival().isAfter(wallClock)) {
      record.setLastArrival(wallClock);
    }
    record.setSettleAt(wallClock.plus(settle));
    store.addSettling(record.getSettleAt(), caseId);
    store.putRecord(caseId, record);
  }

  /**
   * The clock deadlines are judged against: the wall clock in LIVE, the country's own in REPLAY.
   */
  private Instant judgingClock(final Country country, final Instant arrivalNow) {
    return mode == ClockMode.LIVE ? arrivalNow : store.clock(country).orElse(Instant.EPOCH);
  }

  /**
   * Re-derives the case's alerts and state as of {@code now} after {@code cause} (an event just
   * applied) or the passing of time, stores what changed and says so. A case that has not {@code
   * settled} raises no deadline alert it did not have: its other events may still be on their way,
   * and it is judged again once it has settled. Its state is published when an alert moved or
   * {@code publish} asks (an event applied, an alert closed or reopened by triage, a recount).
   */
  private List<CaseOutput> reevaluate(
      final String caseId,
      final Country country,
      final CaseRecord record,
      final Instant now,
      final Optional<CaseEvent> cause,
      final boolean publish,
      final boolean settled,
      final boolean mayKeepRecord) {
    final CountryRules rules = ruleBook.forCountry(country);
    final CaseFacts facts = CaseFacts.of(caseId, country, rules.calendar(), store.events(caseId));
    final RuleVerdict verdict = ruleBook.evaluate(facts, now);
    final Map<String, AlertMark> marks = new LinkedHashMap<>(store.alerts(caseId));
    final List<Alert> transitions = new ArrayList<>();

    final Map<String, List<AlertFinding>> findings = findingsById(verdict);
    findings.forEach(
        (alertId, steps) -> {
          final AlertFinding target = steps.get(steps.size() - 1);
          final AlertMark mark = marks.get(alertId);
          final boolean raisedBefore = mark != null && mark.getStatus() == AlertStatus.RAISED;
          final boolean deadlineRule = steps.get(0).deadline() != null;
          if (!settled
              && deadlineRule
              && !raisedBefore
              && (target.status() == AlertStatus.RAISED || mark == null)) {
            return;
          }
          if (target.status() == AlertStatus.RAISED) {
            if (!raisedBefore) {
              transition(caseId, country, alertId, target, null, marks, transitions);
            } else if (mark.getSeverity() != target.severity()
                || !Objects.equals(mark.getDeadline(), target.deadline())) {
              // A late event shows a minor, or a victim held by the accused, or a term extended:
              // the open alert is raised again at its severity and deadline.
              transition(caseId, country, alertId, target, mark, marks, transitions);
            }
          } else if (raisedBefore) {
            transition(caseId, country, alertId, target, mark, marks, transitions);
          } else if (mark != null
              && (mark.getResolution() != target.resolution()
                  || !atOf(mark).equals(laterOf(target.at(), mark.getRaisedAt()))
                  || mark.getSeverity() != target.severity()
                  || !Objects.equals(mark.getDeadline(), target.deadline())
                  || !Objects.equals(
                      StoredEventIds.text(mark.getTriggeringEventId()),
                      target.triggeringEventId()))) {
            // A late event changes why or by what it was resolved (met after all rather than
            // withdrawn after the stall; answered by an earlier investigation than the one first
            // known), or shows the victim a minor: the resolution is stated again.
            transition(caseId, country, alertId, target, mark, marks, transitions);
          } else if (mark == null && steps.size() > 1) {
            // Missed and answered, both known at once: both are facts, in this order.
            final AlertMark raised =
                transition(caseId, country, alertId, steps.get(0), null, marks, transitions);
            transition(caseId, country, alertId, target, raised, marks, transitions);
          }
        });
    // An open alert no rule finds any more rested on something the case no longer holds.
    for (final Map.Entry<String, AlertMark> entry : List.copyOf(marks.entrySet())) {
      final AlertMark mark = entry.getValue();
      final boolean retraction =
          cause.isPresent() && cause.get().getPayload() instanceof EventRetracted;
      // A resolved alert whose ground was retracted is re-resolved as RETRACTED, as it would be had
      // the retraction arrived while it was open.
      if (mark.getRule() == RuleId.CASE_TOO_LARGE || findings.containsKey(entry.getKey())) {
        continue;
      }
      final Optional<AlertFinding> previous =
          previousFinding(entry.getKey(), mark, facts, cause, now);
      final boolean groundGone =
          mark.getStatus() == AlertStatus.RAISED
              || (retraction
                  && mark.getResolution() != AlertResolution.RETRACTED
                  && previous.isPresent());
      if (groundGone) {
        final AlertFinding before =
            previous.orElseGet(
                () ->
                    new AlertFinding(
                        entry.getKey(),
                        mark.getRule(),
                        mark.getRuleVersion(),
                        mark.getStatus(),
                        null,
                        mark.getSeverity(),
                        atOf(mark),
                        null,
                        null,
                        null,
                        ""));
        final AlertFinding gone =
            new AlertFinding(
                entry.getKey(),
                mark.getRule(),
                mark.getRuleVersion(),
                AlertStatus.RESOLVED,
                retraction ? AlertResolution.RETRACTED : AlertResolution.NO_LONGER_APPLIES,
                mark.getSeverity(),
                cause.map(CaseEvent::getOccurredAt).orElse(now),
                before.deadline(),
                cause.map(CaseEvent::getEventId).orElse(null),
                before.thresholdDays(),
                noLongerApplies(mark.getRule(), before.deadline(), retraction, cause, facts));
        transition(caseId, country, entry.getKey(), gone, mark, marks, transitions);
      }
    }

    final boolean reindexed = reindex(caseId, country, record, verdict.pendingDeadlines());
    final List<CaseOutput> outputs = new ArrayList<>();
    transitions.forEach(alert -> outputs.add(new CaseOutput.AlertChanged(alert)));
    Optional<CaseOutput.FiguresMoved> moved = Optional.empty();
    if (publish || !transitions.isEmpty()) {
      // Open: raised, not resolved, and not closed by a coordinator.
      final List<OpenAlert> open =
          marks.entrySet().stream()
              .filter(
                  entry ->
                      entry.getValue().getStatus() == AlertStatus.RAISED
                          && !TriageFold.closed(entry.getValue().getTriage()))
              .map(
                  entry ->
                      new OpenAlert(
                          entry.getKey(),
                          entry.getValue().getRule(),
                          entry.getValue().getSeverity(),
                          atOf(entry.getValue())))
              .sorted(OPEN_ALERT_ORDER)
              .toList();
      final CaseOutput.Fold fold =
          new CaseOutput.Fold(
              facts, rules, open, record.getEventCount(), withdrawnAfterStall(verdict));
      // Never earlier than any state before it: the latest event or alert the case has seen.
      final long at =
          Math.max(
              facts.lastEventAt().toEpochMilli(),
              marks.values().stream()
                  .mapToLong(mark -> atOf(mark).toEpochMilli())
                  .max()
                  .orElse(Long.MIN_VALUE));
      final CaseOutput.StateChanged changed = new CaseOutput.StateChanged(fold, at);
      outputs.add(changed);
      if (figures != null) {
        moved = figuresMoved(country, record, changed);
      }
    }
    // A settling judgement that moved no alert and no deadline changes nothing but when the case
    // was last judged and that it has settled: its record is kept as it was (on the live path, each
    // write is a changelog record; most cases settle with nothing to say).
    recordKept =
        mayKeepRecord && !publish && !reindexed && transitions.isEmpty() && !writeEveryJudgement;
    if (!recordKept) {
      store.putRecord(caseId, record);
    }
    // Told once the record that keeps what the case counts for is written, never ahead of it.
    moved.ifPresent(change -> store.whenWritten(caseId, () -> figures.accept(change)));
    return outputs;
  }

  /**
   * How the case's new state moves its country's figures, from what it counted for as last
   * published, kept in its record: nothing when it counts for the same. A record written before the
   * record kept it counts as not counted yet (see {@link #recount}).
   */
  private static Optional<CaseOutput.FiguresMoved> figuresMoved(
      final Country country, final CaseRecord record, final CaseOutput.StateChanged changed) {
    final Contribution before =
        record.getContribution() == null || !record.getContribution().hasRemaining()
            ? Contribution.NONE
            : Contribution.fromBytes(bytesOf(record.getContribution()));
    final Contribution now = Contribution.of(changed.state());
    record.setContribution(ByteBuffer.wrap(now.toBytes()));
    return now.equals(before)
        ? Optional.empty()
        : Optional.of(new CaseOutput.FiguresMoved(country, now.since(before)));
  }

  private static byte[] bytesOf(final ByteBuffer buffer) {
    final byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  /**
   * Stores and records the alert's move to {@code finding}; a resolution is never stamped before
   * its raise.
   */
  private AlertMark transition(
      final String caseId,
      final Country country,
      final String alertId,
      final AlertFinding finding,
      final AlertMark before,
      final Map<String, AlertMark> marks,
      final List<Alert> transitions) {
    final boolean raise = finding.status() == AlertStatus.RAISED;
    final Instant raisedAt = raise || before == null ? finding.at() : before.getRaisedAt();
    final Instant resolvedAt = raise ? null : laterOf(finding.at(), raisedAt);
    // What the rules can find again from the case's events is not stored.
    final boolean rebuildable =
        finding.rule() != RuleId.CASE_TOO_LARGE
            && finding.resolution() != AlertResolution.NO_LONGER_APPLIES
            && finding.resolution() != AlertResolution.RETRACTED;
    // The constructor, not the builder: the builder copies every field's default on each build.
    final AlertMark mark =
        new AlertMark(
            finding.rule(),
            finding.ruleVersion(),
            finding.status(),
            finding.resolution(),
            finding.severity(),
            raisedAt,
            resolvedAt,
            finding.deadline(),
            StoredEventIds.compact(finding.triggeringEventId()),
            rebuildable ? null : finding.thresholdDays(),
            // What coordinators did about the alert stays with it, whatever its rule finds next.
            marks.containsKey(alertId) ? marks.get(alertId).getTriage() : null);
    store.putAlert(caseId, alertId, mark);
    marks.put(alertId, mark);
    transitions.add(toAlert(caseId, country, alertId, mark, finding, ruleBook.version()));
    return mark;
  }

  /**
   * Replaces the case's deadline entries, each due one millisecond after its deadline; whether they
   * changed.
   */
  private boolean reindex(
      final String caseId,
      final Country country,
      final CaseRecord record,
      final List<Instant> deadlines) {
    final Set<Long> dues = new LinkedHashSet<>();
    for (final Instant deadline : deadlines) {
      dues.add(deadline.toEpochMilli() + 1);
    }
    final List<Long> before = record.getIndexedDues();
    if (before.equals(new ArrayList<>(dues))) {
      // Most events leave the case's deadlines as they were.
      return false;
    }
    before.stream()
        .filter(due -> !dues.contains(due))
        .forEach(due -> store.removeDue(country, Instant.ofEpochMilli(due), caseId));
    dues.stream()
        .filter(due -> !before.contains(due))
        .forEach(due -> store.addDue(country, Instant.ofEpochMilli(due), caseId));
    record.setIndexedDues(new ArrayList<>(dues));
    return true;
  }

  private List<CaseOutput> refuseTooLarge(
      final CaseEvent event, final CaseRecord record, final CountryRules rules) {
    final String caseId = event.getCaseId();
    final List<CaseOutput> outputs = new ArrayList<>();
    outputs.add(
        new CaseOutput.Refused(
            DeadLetterCode.CASE_TOO_LARGE,
            "event "
                + event.getEventId()
                + " for case "
                + caseId
                + (record.getEventCount() >= rules.maxEventsPerCase()
                    ? " would exceed the case's limit of "
                        + rules.maxEventsPerCase()
                        + " events (maxEventsPerCase in the rule table); ask the coalition why one"
                        + " case has so many, and if they are real raise the limit and re-send them"
                    : " is refused: the case"
                        + sizeLimitReached(record)
                        + "; ask the coalition why one case has so much (long event ids, many"
                        + " alerts acted on)")));
    outputs.addAll(
        markedTooLarge(
            caseId, event.getCountry(), record, rules, event.getOccurredAt(), event.getEventId()));
    return outputs;
  }

  /** Whether the case's state, as last written, takes {@link #MAX_STORED_BYTES} or more. */
  private static boolean atSizeLimit(final CaseRecord record) {
    return record.getStoredBytes() >= MAX_STORED_BYTES;
  }

  /** Why a case {@linkplain #atSizeLimit at the size limit} takes no more, after its name. */
  private static String sizeLimitReached(final CaseRecord record) {
    return " takes "
        + record.getStoredBytes()
        + " bytes of state, over the limit of "
        + MAX_STORED_BYTES
        + " that keeps it within Kafka's record size";
  }

  /**
   * The case's one CASE_TOO_LARGE alert, raised at {@code at} (by {@code eventId}, or null for an
   * action), and its state, the first time the case refuses an event or action; nothing after.
   */
  private List<CaseOutput> markedTooLarge(
      final String caseId,
      final Country country,
      final CaseRecord record,
      final CountryRules rules,
      final Instant at,
      final String eventId) {
    if (record.getTooLarge()) {
      return List.of();
    }
    record.setTooLarge(true);
    store.putRecord(caseId, record);
    final String alertId = AlertIds.of(caseId, RuleId.CASE_TOO_LARGE, "limit");
    final AlertFinding raised =
        new AlertFinding(
            alertId,
            RuleId.CASE_TOO_LARGE,
            1,
            AlertStatus.RAISED,
            null,
            Severity.HIGH,
            at,
            null,
            eventId,
            null,
            tooLargeExplanation(rules.maxEventsPerCase()));
    final Map<String, AlertMark> marks = new LinkedHashMap<>(store.alerts(caseId));
    final List<Alert> transitions = new ArrayList<>();
    transition(caseId, country, alertId, raised, null, marks, transitions);
    final List<CaseOutput> outputs = new ArrayList<>();
    transitions.forEach(alert -> outputs.add(new CaseOutput.AlertChanged(alert)));
    outputs.addAll(
        reevaluate(
            caseId, country, record, judgedThrough(record), Optional.empty(), true, false, false));
    return outputs;
  }

  private static String tooLargeExplanation(final int limit) {
    return "the case reached the limit of "
        + limit
        + " events (maxEventsPerCase) or of "
        + MAX_STORED_BYTES
        + " bytes of state; later events are dead-lettered "
        + "as case-too-large and not applied, so its state and alerts may be incomplete";
  }

  private static Map<String, List<AlertFinding>> findingsById(final RuleVerdict verdict) {
    final Map<String, List<AlertFinding>> byId = new LinkedHashMap<>();
    verdict
        .findings()
        .forEach(
            finding ->
                byId.computeIfAbsent(finding.alertId(), id -> new ArrayList<>()).add(finding));
    return byId;
  }

  /**
   * Whether a complaint of the case was withdrawn after its deadline: a fact of its events,
   * whatever the clock.
   */
  private static boolean withdrawnAfterStall(final RuleVerdict verdict) {
    return verdict.findings().stream()
        .anyMatch(finding -> finding.resolution() == AlertResolution.WITHDRAWN_AFTER_STALL);
  }

  /** The finding the rules make again of an alert in its stored status, if they do. */
  private static Optional<AlertFinding> rebuilt(
      final AlertMark mark, final List<AlertFinding> findings) {
    return findings.stream()
        .filter(
            finding ->
                finding.status() == mark.getStatus()
                    && Objects.equals(finding.resolution(), mark.getResolution()))
        .findFirst();
  }

  /** An alert the rules no longer find, from what its mark kept. */
  private static AlertFinding unrebuildable(
      final String alertId, final AlertMark mark, final CaseFacts facts, final RuleBook ruleBook) {
    final String explanation;
    if (mark.getRule() == RuleId.CASE_TOO_LARGE) {
      explanation = tooLargeExplanation(ruleBook.forCountry(facts.country()).maxEventsPerCase());
    } else if (mark.getStatus() == AlertStatus.RAISED) {
      explanation =
          mark.getRule()
              + " raised "
              + facts.calendar().date(mark.getRaisedAt())
              + " under an earlier rule table; the current one does not find it, and it is resolved"
              + " when the case is next judged";
    } else {
      final Optional<CaseEvent> cause =
          Optional.ofNullable(StoredEventIds.text(mark.getTriggeringEventId()))
              .flatMap(facts::stored);
      explanation =
          noLongerApplies(
              mark.getRule(),
              mark.getDeadline(),
              mark.getResolution() == AlertResolution.RETRACTED,
              cause,
              facts);
    }
    return new AlertFinding(
        alertId,
        mark.getRule(),
        mark.getRuleVersion(),
        mark.getStatus(),
        mark.getResolution(),
        mark.getSeverity(),
        atOf(mark),
        mark.getDeadline(),
        StoredEventIds.text(mark.getTriggeringEventId()),
        mark.getThresholdDays(),
        explanation);
  }

  /**
   * What the rules found of an alert, in its stored status, before {@code cause} (the case's events
   * without it): its deadline and threshold, and whether {@code cause} is what took it away.
   */
  private Optional<AlertFinding> previousFinding(
      final String alertId,
      final AlertMark mark,
      final CaseFacts facts,
      final Optional<CaseEvent> cause,
      final Instant now) {
    if (cause.isEmpty()) {
      return Optional.empty();
    }
    final List<CaseEvent> before =
        facts.storedEvents().stream()
            .filter(event -> !event.getEventId().equals(cause.get().getEventId()))
            .toList();
    final CaseFacts previous =
        CaseFacts.of(facts.caseId(), facts.country(), facts.calendar(), before);
    return rebuilt(
        mark, findingsById(ruleBook.evaluate(previous, now)).getOrDefault(alertId, List.of()));
  }

  private static String noLongerApplies(
      final RuleId rule,
      final Instant deadline,
      final boolean retraction,
      final Optional<CaseEvent> cause,
      final CaseFacts facts) {
    final String what =
        rule
            + (deadline == null
                ? ""
                : " (deadline end of " + facts.calendar().date(deadline) + ")");
    if (retraction
        && cause.isPresent()
        && cause.get().getPayload() instanceof EventRetracted retracted) {
      return what
          + ": no longer applies since event "
          + retracted.getRetractedEventId()
          + " was retracted on "
          + facts.calendar().date(cause.get().getOccurredAt());
    }
    return what
        + ": no longer applies: the case's events as now known give this rule no such alert";
  }

  private static Instant laterOf(final Instant one, final Instant other) {
    return one.isAfter(other) ? one : other;
  }

  private static Instant atOf(final AlertMark mark) {
    return mark.getResolvedAt() != null ? mark.getResolvedAt() : mark.getRaisedAt();
  }

  private static Alert toAlert(
      final String caseId,
      final Country country,
      final String alertId,
      final AlertMark mark,
      final AlertFinding details,
      final String rulesVersion) {
    return new Alert(
        alertId,
        caseId,
        country,
        mark.getRule(),
        mark.getRuleVersion(),
        mark.getStatus(),
        mark.getSeverity(),
        atOf(mark),
        details.deadline(),
        details.triggeringEventId(),
        details.thresholdDays(),
        mark.getResolution(),
        rulesVersion,
        details.explanation(),
        mark.getTriage());
  }

  private static boolean sameContent(final CaseEvent stored, final CaseEvent incoming) {
    return stored.getOccurredAt().equals(incoming.getOccurredAt())
        && stored.getCoalition().equals(incoming.getCoalition())
        && stored.getPayload().equals(incoming.getPayload());
  }

  private static String difference(final CaseEvent stored, final CaseEvent incoming) {
    if (!stored.getOccurredAt().equals(incoming.getOccurredAt())) {
      return "occurredAt " + stored.getOccurredAt() + " then " + incoming.getOccurredAt();
    }
    if (!stored.getCoalition().equals(incoming.getCoalition())) {
      return "coalition " + stored.getCoalition() + " then " + incoming.getCoalition();
    }
    return stored.getPayload().getClass().getSimpleName()
        + " then "
        + incoming.getPayload().getClass().getSimpleName()
        + (stored.getPayload().getClass() == incoming.getPayload().getClass()
            ? " with other fields"
            : "");
  }

  static Country countryOf(final String caseId) {
    return Countries.fromCode(caseId.substring(0, 2))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "caseId " + caseId + " does not start with a country code"));
  }

  private static CaseRecord newRecord(final String coalition) {
    return CaseRecord.newBuilder()
        .setCoalition(coalition)
        .setIndexedDues(new ArrayList<>())
        .setContribution(ByteBuffer.allocate(0))
        .build();
  }
}
