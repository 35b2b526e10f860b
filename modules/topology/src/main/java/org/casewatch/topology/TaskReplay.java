package org.casewatch.topology;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertAction;
import org.casewatch.model.CaseState;
import org.casewatch.model.LogSafe;
import org.casewatch.topology.deadletters.DeadLetterCode;
import org.casewatch.topology.deadletters.Decoded;
import org.casewatch.topology.internals.cases.CaseOutput;
import org.casewatch.topology.internals.cases.CaseTracker;
import org.casewatch.topology.internals.cases.InMemoryCaseStore;
import org.casewatch.topology.rules.RuleBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task of a replay on heap objects: what the topology's case processor does in REPLAY as of a
 * date, fed decoded records in the order the task reads them, without Kafka Streams. It keeps each
 * case's latest state and each alert's latest version, and counts what would be dead-lettered.
 */
public final class TaskReplay {

  private static final Logger log = LoggerFactory.getLogger(TaskReplay.class);

  private final CaseTracker tracker;
  private final Instant asOf;
  private final Instant wallClock;

  /**
   * Each case's latest state change, folded once when asked for: most states are replaced before
   * the end.
   */
  private final Map<String, CaseOutput.StateChanged> cases = new HashMap<>();

  private final Map<String, Alert> alerts = new HashMap<>();
  private long deadLetters;

  /**
   * @param asOf events that occurred after it are left out, and the task's clock moves to it at the
   *     end
   * @param wallClock when the replay runs (a replay's outcome does not depend on it)
   */
  public TaskReplay(final RuleBook ruleBook, final Instant asOf, final Instant wallClock) {
    this.tracker = new CaseTracker(ruleBook, ClockMode.REPLAY, new InMemoryCaseStore());
    this.asOf = asOf;
    this.wallClock = wallClock;
  }

  /**
   * The task's next record, decoded: a valid event is applied unless it occurred after the as-of
   * date.
   */
  public void accept(final Decoded decoded) {
    if (decoded instanceof Decoded.Valid valid) {
      if (!valid.event().getOccurredAt().isAfter(asOf)) {
        try {
          collect(tracker.accept(valid.event(), valid.arrivedAt(), wallClock));
        } catch (RuntimeException e) {
          // What the topology's processing handler does with an event the case logic fails on: a
          // dead letter.
          log.warn(
              "Dead-lettering event {} of case {}: the case logic failed on it: {}",
              valid.event().getEventId(),
              valid.event().getCaseId(),
              LogSafe.text(String.valueOf(e)));
          deadLetters++;
        }
      }
    } else {
      deadLetters++;
    }
  }

  /**
   * After the task's last record: its clock moves to the as-of date, and what falls due by then is
   * judged.
   */
  public void finish() {
    collect(tracker.advance(asOf));
  }

  /**
   * After {@link #finish}: a coordinator's action, folded into its alert's triage as the live
   * topology folds it; the alert's latest version then carries the triage. An action the live
   * topology would refuse counts as a dead letter.
   */
  public void act(final AlertAction action) {
    try {
      final List<CaseOutput> outputs = tracker.act(action);
      if (outputs.stream()
          .anyMatch(
              output ->
                  output instanceof CaseOutput.Refused refused
                      && refused.code() == DeadLetterCode.UNKNOWN_ALERT)) {
        // An alert this rule table does not raise (a what-if with other thresholds): nothing to
        // fold it into.
        return;
      }
      collect(outputs);
    } catch (RuntimeException e) {
      log.warn(
          "Dead-lettering action {} on alert {}: the case logic failed on it: {}",
          action.getActionId(),
          action.getAlertId(),
          LogSafe.text(String.valueOf(e)));
      deadLetters++;
      return;
    }
    tracker.alerts(action.getCaseId()).stream()
        .filter(alert -> alert.getAlertId().equals(action.getAlertId()))
        .findFirst()
        .ifPresent(alert -> alerts.put(alert.getAlertId(), alert));
  }

  /** A record of the actions topic that is not an action: what the live topology dead-letters. */
  public void refuseAction() {
    deadLetters++;
  }

  /** Each case's latest state, by caseId, folded on each call. */
  public Map<String, CaseState> cases() {
    final Map<String, CaseState> states = new HashMap<>(cases.size() * 2);
    cases.forEach((caseId, changed) -> states.put(caseId, changed.state()));
    return states;
  }

  /** The cases the task has had, without folding them. */
  public Set<String> caseIds() {
    return Collections.unmodifiableSet(cases.keySet());
  }

  /** Each alert's latest version, by alertId. */
  public Map<String, Alert> alerts() {
    return Collections.unmodifiableMap(alerts);
  }

  /**
   * Records that could not be decoded or applied: the dead letters a Streams replay would write.
   */
  public long deadLetters() {
    return deadLetters;
  }

  private void collect(final List<CaseOutput> outputs) {
    for (final CaseOutput output : outputs) {
      if (output instanceof CaseOutput.StateChanged changed) {
        // Kept until it is replaced or the task ends, and then folded once.
        changed.fold().facts().forgetGroups();
        cases.put(changed.caseId(), changed);
      } else if (output instanceof CaseOutput.AlertChanged changed) {
        alerts.put(changed.alert().getAlertId(), changed.alert());
      } else if (output instanceof CaseOutput.Refused) {
        deadLetters++;
      }
    }
  }
}
