package org.casewatch.topology.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.casewatch.model.ActionTakenKind;
import org.casewatch.model.AlertAction;
import org.casewatch.model.AlertActionType;
import org.casewatch.model.AlertTriage;
import org.casewatch.model.CloseReason;
import org.casewatch.model.TriageState;
import org.junit.jupiter.api.Test;

class TriageFoldTest {

  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  @Test
  void anAcknowledgementIsRecordedOnceAndItsTimeIsTheFirst() {
    final AlertTriage acknowledged = applied(null, action(AlertActionType.ACKNOWLEDGED, 0));
    assertThat(acknowledged.getState()).isEqualTo(TriageState.ACKNOWLEDGED);
    assertThat(acknowledged.getAcknowledgedAt()).isEqualTo(T0);
    assertThat(refusal(acknowledged, action(AlertActionType.ACKNOWLEDGED, 5)))
        .contains("already acknowledged");

    final AlertTriage assigned =
        applied(acknowledged, action(AlertActionType.ASSIGNED, 10).setTo("desk-2").build());
    assertThat(assigned.getAcknowledgedAt()).as("kept from the first").isEqualTo(T0);
    assertThat(assigned.getLastActionAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(assigned.getActionCount()).isEqualTo(2);
  }

  @Test
  void anAssignmentOrAnActionCountsAsAcknowledgement() {
    assertThat(
            applied(null, action(AlertActionType.ASSIGNED, 0).setTo("desk-2").build()).getState())
        .isEqualTo(TriageState.ACKNOWLEDGED);
    final AlertTriage acted =
        applied(
            null,
            action(AlertActionType.ACTION_TAKEN, 7).setKind(ActionTakenKind.UN_REFERRAL).build());
    assertThat(acted.getState()).isEqualTo(TriageState.ACKNOWLEDGED);
    assertThat(acted.getAcknowledgedAt()).isEqualTo(T0.plusSeconds(7));
  }

  @Test
  void assigningToWhomItIsAssignedChangesNothingAndIsRefused() {
    final AlertTriage assigned =
        applied(null, action(AlertActionType.ASSIGNED, 0).setTo("desk-2").build());
    assertThat(refusal(assigned, action(AlertActionType.ASSIGNED, 1).setTo("desk-2").build()))
        .contains("already assigned to desk-2");
    assertThat(
            applied(assigned, action(AlertActionType.ASSIGNED, 1).setTo("desk-3").build())
                .getAssignee())
        .isEqualTo("desk-3");
  }

  @Test
  void onlyAClosedAlertIsReopenedAndItKeepsItsAssigneeAndActions() {
    assertThat(refusal(null, action(AlertActionType.REOPENED, 0))).contains("is not closed (NEW)");
    AlertTriage triage = applied(null, action(AlertActionType.ASSIGNED, 0).setTo("desk-2").build());
    triage =
        applied(
            triage,
            action(AlertActionType.ACTION_TAKEN, 1)
                .setKind(ActionTakenKind.LAWYER_ASSIGNED)
                .build());
    final AlertTriage closed =
        applied(triage, action(AlertActionType.CLOSED, 2).setReason(CloseReason.HANDLED).build());
    assertThat(TriageFold.closed(closed)).isTrue();
    assertThat(
            applied(null, action(AlertActionType.CLOSED, 9).setReason(CloseReason.DUPLICATE))
                .getAcknowledgedAt())
        .as("an alert closed at once was acknowledged then")
        .isEqualTo(T0.plusSeconds(9));
    assertThat(closed.getClosedAt()).isEqualTo(T0.plusSeconds(2));

    final AlertTriage reopened = applied(closed, action(AlertActionType.REOPENED, 3));
    assertThat(reopened.getState()).isEqualTo(TriageState.ACKNOWLEDGED);
    assertThat(reopened.getAssignee()).isEqualTo("desk-2");
    assertThat(reopened.getActionsTaken()).containsExactly(ActionTakenKind.LAWYER_ASSIGNED);
    assertThat(reopened.getCloseReason()).isNull();
    assertThat(TriageFold.closed(reopened)).isFalse();
    assertThat(closed.getState())
        .as("the triage before is never changed")
        .isEqualTo(TriageState.CLOSED);
  }

  @Test
  void eachTypeTakesItsOwnFieldAndNoOther() {
    assertThat(refusal(null, action(AlertActionType.ASSIGNED, 0).build()))
        .contains("ASSIGNED takes 'to'");
    assertThat(refusal(null, action(AlertActionType.CLOSED, 0).build()))
        .contains("CLOSED takes 'reason'");
    assertThat(refusal(null, action(AlertActionType.ACTION_TAKEN, 0).build()))
        .contains("ACTION_TAKEN takes 'kind'");
    assertThat(
            refusal(
                null,
                action(AlertActionType.ACKNOWLEDGED, 0).setReason(CloseReason.DUPLICATE).build()))
        .contains("ACKNOWLEDGED takes no 'to', 'kind' or 'reason'");
    assertThat(
            refusal(
                null,
                action(AlertActionType.CLOSED, 0)
                    .setReason(CloseReason.DUPLICATE)
                    .setTo("desk-2")
                    .build()))
        .contains("CLOSED takes 'reason' and nothing else");
  }

  private static AlertTriage applied(final AlertTriage before, final AlertAction action) {
    final TriageFold.Outcome outcome = TriageFold.apply(before, action);
    assertThat(outcome).isInstanceOf(TriageFold.Applied.class);
    return ((TriageFold.Applied) outcome).triage();
  }

  private static AlertTriage applied(final AlertTriage before, final AlertAction.Builder action) {
    return applied(before, action.build());
  }

  private static String refusal(final AlertTriage before, final AlertAction.Builder action) {
    return refusal(before, action.build());
  }

  private static String refusal(final AlertTriage before, final AlertAction action) {
    final TriageFold.Outcome outcome = TriageFold.apply(before, action);
    assertThat(outcome).isInstanceOf(TriageFold.Refused.class);
    return ((TriageFold.Refused) outcome).reason();
  }

  private static AlertAction.Builder action(final AlertActionType type, final long seconds) {
    return AlertAction.newBuilder()
        .setActionId("a-" + seconds)
        .setAlertId("alert-1")
        .setCaseId("KZ-2016-0042")
        .setType(type)
        .setCoordinator("desk-1")
        .setTokenId("t1")
        .setAt(T0.plusSeconds(seconds));
  }
}
