package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.casewatch.model.ActionTakenKind;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertAction;
import org.casewatch.model.AlertActionType;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CloseReason;
import org.casewatch.model.Country;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.RuleId;
import org.casewatch.model.TriageState;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.topology.deadletters.DeadLetter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Coordinators' actions folded into an alert's triage by the live topology: acknowledged, assigned,
 * actions taken, closed and reopened; what a closed alert does to the open counts of the case and
 * its country; and the actions it refuses.
 */
class TriageSpec {

  private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

  private static final String CASE = "KZ-2016-0042";

  private final CaseBuilder kz = aCase(CASE);
  private final CaseEvent reprisal =
      kz.reprisal(on("2016-03-05"), ReprisalKind.PRESSURE_TO_WITHDRAW);
  private CasewatchDriver casewatch;
  private String alertId;

  @BeforeEach
  void aReprisalAfterTheComplaintRaisedRetaliation() {
    casewatch = CasewatchDriver.live(NOW);
    casewatch.publishArriving(
        NOW.minusSeconds(3600),
        kz.registered(on("2016-03-01")),
        kz.complaintFiled(on("2016-03-02")),
        reprisal);
    final Alert retaliation = casewatch.alerts(RuleId.RETALIATION).get(0);
    alertId = retaliation.getAlertId();
    assertThat(openRetaliations()).isEqualTo(1);
  }

  @AfterEach
  void close() {
    casewatch.close();
  }

  @Test
  void acknowledgedAssignedAndActedOnTheAlertIsStillOpen() {
    casewatch.act(
        action(AlertActionType.ACKNOWLEDGED, 60).build(),
        action(AlertActionType.ASSIGNED, 120).setTo("bishkek-desk").build(),
        action(AlertActionType.ACTION_TAKEN, 180)
            .setKind(ActionTakenKind.URGENT_APPEAL_SENT)
            .build(),
        action(AlertActionType.ACTION_TAKEN, 240).setKind(ActionTakenKind.LAWYER_ASSIGNED).build());

    assertThat(casewatch.triage(CASE, alertId))
        .satisfies(
            triage -> {
              assertThat(triage.getState()).isEqualTo(TriageState.ACKNOWLEDGED);
              assertThat(triage.getAssignee()).isEqualTo("bishkek-desk");
              assertThat(triage.getActionsTaken())
                  .containsExactly(
                      ActionTakenKind.URGENT_APPEAL_SENT, ActionTakenKind.LAWYER_ASSIGNED);
              assertThat(triage.getAcknowledgedAt()).isEqualTo(NOW.plusSeconds(60));
              assertThat(triage.getLastActionAt()).isEqualTo(NOW.plusSeconds(240));
              assertThat(triage.getActionCount()).isEqualTo(4);
              assertThat(triage.getHistory())
                  .extracting(
                      step -> step.getType(), step -> step.getCoordinator(), step -> step.getAt())
                  .containsExactly(
                      tuple(AlertActionType.ACKNOWLEDGED, "kz-desk", NOW.plusSeconds(60)),
                      tuple(AlertActionType.ASSIGNED, "kz-desk", NOW.plusSeconds(120)),
                      tuple(AlertActionType.ACTION_TAKEN, "kz-desk", NOW.plusSeconds(180)),
                      tuple(AlertActionType.ACTION_TAKEN, "kz-desk", NOW.plusSeconds(240)));
              assertThat(triage.getHistory().get(1).getTo()).isEqualTo("bishkek-desk");
            });
    assertThat(openRetaliations()).isEqualTo(1);
    assertThat(casewatch.deadLetters()).isEmpty();
  }

  @Test
  void aClosedAlertIsNotOpenInTheCaseOrItsCountryUntilReopened() {
    casewatch.act(action(AlertActionType.CLOSED, 60).setReason(CloseReason.HANDLED).build());

    assertThat(casewatch.triage(CASE, alertId).getState()).isEqualTo(TriageState.CLOSED);
    assertThat(casewatch.caseState(CASE).getOpenAlertIds()).doesNotContain(alertId);
    assertThat(casewatch.caseState(CASE).getOpenAlertCountByRule())
        .doesNotContainKey("RETALIATION");
    assertThat(openRetaliations()).isZero();

    casewatch.act(action(AlertActionType.REOPENED, 120).build());

    assertThat(casewatch.triage(CASE, alertId))
        .satisfies(
            triage -> {
              assertThat(triage.getState()).isEqualTo(TriageState.ACKNOWLEDGED);
              assertThat(triage.getCloseReason()).isNull();
              assertThat(triage.getClosedAt()).isNull();
            });
    assertThat(casewatch.caseState(CASE).getOpenAlertIds()).contains(alertId);
    assertThat(openRetaliations()).isEqualTo(1);
  }

  @Test
  void aClosedAlertTakesOnlyReopeningAndEachRefusalIsDeadLetteredWithItsReason() {
    casewatch.act(
        action(AlertActionType.CLOSED, 60).setReason(CloseReason.FALSE_ALARM).build(),
        action(AlertActionType.CLOSED, 61).setReason(CloseReason.HANDLED).build(),
        action(AlertActionType.ACTION_TAKEN, 62).setKind(ActionTakenKind.MONITORING_VISIT).build());

    final List<TestRecord<byte[], byte[]>> refused = casewatch.deadLetters();
    assertThat(refused)
        .extracting(record -> DeadLetterSpec.header(record, DeadLetter.REASON_CODE))
        .containsExactly("refused-action", "refused-action");
    assertThat(DeadLetterSpec.header(refused.get(0), DeadLetter.REASON))
        .contains("was closed (FALSE_ALARM) by kz-desk", "reopen it (REOPENED) before CLOSED");
    assertThat(DeadLetterSpec.header(refused.get(0), DeadLetter.SOURCE_TOPIC))
        .isEqualTo(casewatch.topics().alertActions().orElseThrow().name());
    assertThat(casewatch.triage(CASE, alertId))
        .satisfies(
            triage -> {
              assertThat(triage.getCloseReason()).isEqualTo(CloseReason.FALSE_ALARM);
              assertThat(triage.getActionCount()).isEqualTo(1);
            });
  }

  @Test
  void anActionForAnAlertTheCaseDoesNotHaveIsRefused() {
    casewatch.act(
        action(AlertActionType.ACKNOWLEDGED, 60).setAlertId(UUID.randomUUID().toString()).build(),
        action(AlertActionType.ACKNOWLEDGED, 61).setCaseId("KZ-2016-0999").build());

    assertThat(casewatch.deadLetters())
        .extracting(record -> DeadLetterSpec.header(record, DeadLetter.REASON_CODE))
        .containsExactly("unknown-alert", "unknown-alert");
    assertThat(casewatch.triage(CASE, alertId)).isNull();
  }

  @Test
  void whatCoordinatorsDidStaysWithTheAlertWhenItsRuleResolvesItAndTheyMayStillAct() {
    casewatch.act(action(AlertActionType.ASSIGNED, 60).setTo("almaty-desk").build());
    casewatch.publishArriving(
        NOW.plusSeconds(120),
        kz.retraction(on("2016-03-06"), reprisal, RetractionReason.ENTERED_IN_ERROR));

    final Alert resolved = casewatch.alerts(RuleId.RETALIATION, AlertStatus.RESOLVED).get(0);
    assertThat(resolved.getResolution()).isEqualTo(AlertResolution.RETRACTED);
    assertThat(resolved.getTriage().getAssignee())
        .as("the RESOLVED record carries the triage")
        .isEqualTo("almaty-desk");

    casewatch.act(
        action(AlertActionType.CLOSED, 180).setReason(CloseReason.NO_ACTION_POSSIBLE).build());
    assertThat(casewatch.triage(CASE, alertId).getState()).isEqualTo(TriageState.CLOSED);
    assertThat(casewatch.deadLetters()).isEmpty();
    assertThat(openRetaliations()).isZero();
  }

  @Test
  void recordsOnTheActionsTopicThatAreNoActionOfTheirCaseAreDeadLettered() {
    final AlertAction misKeyed = action(AlertActionType.ACKNOWLEDGED, 60).build();
    casewatch.publishRawAction(
        "KZ-2016-0001".getBytes(StandardCharsets.UTF_8), casewatch.bytesOf(misKeyed));
    casewatch.publishRawAction(
        CASE.getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
    final AlertAction malformed = action(AlertActionType.CLOSED, 61).build(); // no reason
    casewatch.publishRawAction(CASE.getBytes(StandardCharsets.UTF_8), casewatch.bytesOf(malformed));

    assertThat(casewatch.deadLetters())
        .extracting(record -> DeadLetterSpec.header(record, DeadLetter.REASON_CODE))
        .containsExactly("invalid", "undecodable", "invalid");
    assertThat(casewatch.triage(CASE, alertId)).isNull();
  }

  private AlertAction.Builder action(final AlertActionType type, final long secondsAfterNow) {
    return AlertAction.newBuilder()
        .setActionId(UUID.randomUUID().toString())
        .setAlertId(alertId)
        .setCaseId(CASE)
        .setType(type)
        .setCoordinator("kz-desk")
        .setTokenId("3f9a12bc04de")
        .setAt(NOW.plusSeconds(secondsAfterNow));
  }

  private long openRetaliations() {
    final Map<String, Long> open = casewatch.countryStats(Country.KZ).getOpenAlertsByRule();
    return open.getOrDefault("RETALIATION", 0L);
  }
}
