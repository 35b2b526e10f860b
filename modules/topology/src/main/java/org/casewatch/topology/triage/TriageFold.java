package org.casewatch.topology.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.casewatch.model.ActionTakenKind;
import org.casewatch.model.AlertAction;
import org.casewatch.model.AlertActionType;
import org.casewatch.model.AlertTriage;
import org.casewatch.model.TriageState;
import org.casewatch.model.TriageStep;

/**
 * Folds a coordinator's action into an alert's triage: the pure rule both the service (before it
 * accepts an action) and the topology (when it applies one) follow, so an action the service
 * accepted is applied, and one that lost a race to another coordinator's is refused the same way.
 *
 * <ul>
 *   <li>ACKNOWLEDGED: a NEW alert becomes ACKNOWLEDGED; acknowledging it again is refused.
 *   <li>ASSIGNED {to}: gives the alert to a coordinator (it counts as acknowledged); assigning it
 *       to whom it is already assigned is refused.
 *   <li>ACTION_TAKEN {kind}: records an action (it counts as acknowledged); a kind may repeat.
 *   <li>CLOSED {reason}: the alert is no longer open, whatever its rule says, until REOPENED (it
 *       counts as acknowledged).
 *   <li>REOPENED: a closed alert is ACKNOWLEDGED again, its assignee and actions kept.
 * </ul>
 *
 * <p>A closed alert takes only REOPENED. An alert its rule has RESOLVED can still be acted on: what
 * coordinators did is their record, whatever became of the condition.
 */
public final class TriageFold {

  /**
   * How many of an alert's actions its triage lists (the latest); {@code actionCount} counts them
   * all.
   */
  public static final int LISTED_STEPS = 100;

  /** What an action does to a triage. */
  public sealed interface Outcome {}

  /** The triage after the action. */
  public record Applied(AlertTriage triage) implements Outcome {}

  /** The action does not apply; {@code reason} says why and what to do. */
  public record Refused(String reason) implements Outcome {}

  private TriageFold() {}

  /** The triage of an alert no coordinator has acted on yet. */
  public static AlertTriage untouched() {
    return AlertTriage.newBuilder().setState(TriageState.NEW).build();
  }

  /**
   * Applies {@code action} to {@code before} (null: none recorded yet). Never changes {@code
   * before}.
   */
  public static Outcome apply(final AlertTriage before, final AlertAction action) {
    final AlertTriage current = before == null ? untouched() : before;
    final String malformed = malformed(action);
    if (malformed != null) {
      return new Refused(malformed);
    }
    final AlertActionType type = action.getType();
    if (current.getState() == TriageState.CLOSED && type != AlertActionType.REOPENED) {
      return new Refused(
          "alert "
              + action.getAlertId()
              + " was closed ("
              + current.getCloseReason()
              + ") by "
              + current.getLastActionBy()
              + " at "
              + current.getClosedAt()
              + "; reopen it (REOPENED) before "
              + type);
    }
    final AlertTriage.Builder after =
        AlertTriage.newBuilder(current)
            .setActionsTaken(new ArrayList<>(current.getActionsTaken()))
            .setHistory(withStep(current.getHistory(), action))
            .setLastActionAt(action.getAt())
            .setLastActionBy(action.getCoordinator())
            .setActionCount(current.getActionCount() + 1);
    switch (type) {
      case ACKNOWLEDGED -> {
        if (current.getState() != TriageState.NEW) {
          return new Refused(
              "alert "
                  + action.getAlertId()
                  + " is already acknowledged (at "
                  + current.getAcknowledgedAt()
                  + "); nothing to do");
        }
        acknowledge(after, current, action);
      }
      case ASSIGNED -> {
        if (Objects.equals(current.getAssignee(), action.getTo())) {
          return new Refused(
              "alert "
                  + action.getAlertId()
                  + " is already assigned to "
                  + action.getTo()
                  + "; nothing to do");
        }
        acknowledge(after, current, action);
        after.setAssignee(action.getTo());
      }
      case ACTION_TAKEN -> {
        acknowledge(after, current, action);
        final List<ActionTakenKind> taken = new ArrayList<>(current.getActionsTaken());
        taken.add(action.getKind());
        after.setActionsTaken(taken);
      }
      case CLOSED -> {
        // Closing is handling it: an alert closed at once was acknowledged then.
        acknowledge(after, current, action);
        after
            .setState(TriageState.CLOSED)
            .setCloseReason(action.getReason())
            .setClosedAt(action.getAt());
      }
      case REOPENED -> {
        if (current.getState() != TriageState.CLOSED) {
          return new Refused(
              "alert "
                  + action.getAlertId()
                  + " is not closed ("
                  + current.getState()
                  + "); only a closed alert can be reopened");
        }
        after.setState(TriageState.ACKNOWLEDGED).setCloseReason(null).setClosedAt(null);
      }
      default -> throw new IllegalArgumentException("unknown action type " + type);
    }
    return new Applied(after.build());
  }

  /** {@code history} and the action's step, the latest {@link #LISTED_STEPS} kept. */
  private static List<TriageStep> withStep(
      final List<TriageStep> history, final AlertAction action) {
    final List<TriageStep> steps = new ArrayList<>(history);
    steps.add(
        TriageStep.newBuilder()
            .setActionId(action.getActionId())
            .setType(action.getType())
            .setTo(action.getTo())
            .setKind(action.getKind())
            .setReason(action.getReason())
            .setCoordinator(action.getCoordinator())
            .setAt(action.getAt())
            .build());
    return steps.size() <= LISTED_STEPS
        ? steps
        : new ArrayList<>(steps.subList(steps.size() - LISTED_STEPS, steps.size()));
  }

  /**
   * Whether an alert with this triage is closed: a closed alert is not open, whatever its rule
   * says.
   */
  public static boolean closed(final AlertTriage triage) {
    return triage != null && triage.getState() == TriageState.CLOSED;
  }

  private static void acknowledge(
      final AlertTriage.Builder after, final AlertTriage current, final AlertAction action) {
    after.setState(TriageState.ACKNOWLEDGED);
    if (current.getAcknowledgedAt() == null) {
      after.setAcknowledgedAt(action.getAt());
    }
  }

  /**
   * What is wrong with the action's fields for its type (each type takes its own field only), or
   * null.
   */
  public static String malformed(final AlertAction action) {
    final AlertActionType type = action.getType();
    final boolean to = action.getTo() != null;
    final boolean kind = action.getKind() != null;
    final boolean reason = action.getReason() != null;
    final String needs =
        switch (type) {
          case ASSIGNED ->
              to && !kind && !reason
                  ? null
                  : "ASSIGNED takes 'to' (a coordinator id) and nothing else";
          case ACTION_TAKEN ->
              kind && !to && !reason ? null : "ACTION_TAKEN takes 'kind' and nothing else";
          case CLOSED -> reason && !to && !kind ? null : "CLOSED takes 'reason' and nothing else";
          case ACKNOWLEDGED, REOPENED ->
              !to && !kind && !reason ? null : type + " takes no 'to', 'kind' or 'reason'";
        };
    return needs == null
        ? null
        : "action " + action.getActionId() + " on alert " + action.getAlertId() + ": " + needs;
  }
}
