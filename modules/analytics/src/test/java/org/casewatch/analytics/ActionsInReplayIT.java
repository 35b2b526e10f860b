package org.casewatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.casewatch.model.ActionTakenKind;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertAction;
import org.casewatch.model.AlertActionType;
import org.casewatch.model.CloseReason;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.RuleId;
import org.casewatch.model.Topics;
import org.casewatch.model.TriageState;
import org.casewatch.registry.serde.AvroSerializer;
import org.casewatch.testkit.CaseEvents;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;

/**
 * Analysts' replays include coordinators' actions: as of a date, each alert carries what had been
 * done about it by then (actions dated later are left out), and an alert closed by then is not open
 * in the figures.
 */
@WithCasewatchKafka
class ActionsInReplayIT {

  private static final String CLOSED = "KZ-2017-0801";
  private static final String ASSIGNED = "KZ-2017-0802";

  private final CasewatchCluster cluster;

  ActionsInReplayIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void whatCoordinatorsHadDoneByADate() {
    final String prefix = CasewatchCluster.uniqueName("actions") + ".";
    cluster.createTopics(
        3, Topics.allEvents().stream().map(topic -> prefix + topic).toArray(String[]::new));
    cluster.createTopics(3, prefix + Topics.ALERT_ACTIONS);
    for (final String caseId : List.of(CLOSED, ASSIGNED)) {
      final CaseEvents.CaseBuilder builder = CaseEvents.aCase(caseId);
      cluster.publishEvents(
          prefix,
          List.of(
              builder.registered(on("2017-05-01")),
              builder.complaintFiled(on("2017-05-03")),
              builder.reprisal(on("2017-06-05"), ReprisalKind.PRESSURE_TO_WITHDRAW)));
    }
    final Map<String, String> alertIds =
        Map.of(
            CLOSED,
            retaliation(replay(prefix, "2017-12-31"), CLOSED).getAlertId(),
            ASSIGNED,
            retaliation(replay(prefix, "2017-12-31"), ASSIGNED).getAlertId());
    cluster.produce(
        List.of(
            record(
                prefix,
                action(CLOSED, alertIds, AlertActionType.ACKNOWLEDGED, "2017-06-10").build()),
            record(
                prefix,
                action(CLOSED, alertIds, AlertActionType.CLOSED, "2017-06-20")
                    .setReason(CloseReason.HANDLED)
                    .build()),
            record(
                prefix,
                action(ASSIGNED, alertIds, AlertActionType.ASSIGNED, "2017-06-10")
                    .setTo("almaty-desk")
                    .build()),
            record(
                prefix,
                action(ASSIGNED, alertIds, AlertActionType.ACTION_TAKEN, "2018-01-05")
                    .setKind(ActionTakenKind.UN_REFERRAL)
                    .build())),
        new AvroSerializer<AlertAction>(cluster.registryClient(), true, false));

    final ReplayResult midJune = replay(prefix, "2017-06-15");
    assertThat(retaliation(midJune, CLOSED).getTriage().getState())
        .isEqualTo(TriageState.ACKNOWLEDGED);
    assertThat(retaliation(midJune, ASSIGNED).getTriage().getAssignee()).isEqualTo("almaty-desk");
    assertThat(openRetaliations(midJune)).isEqualTo(2);

    final ReplayResult yearEnd = replay(prefix, "2017-12-31");
    assertThat(retaliation(yearEnd, CLOSED).getTriage().getState()).isEqualTo(TriageState.CLOSED);
    assertThat(retaliation(yearEnd, CLOSED).getTriage().getCloseReason())
        .isEqualTo(CloseReason.HANDLED);
    assertThat(retaliation(yearEnd, ASSIGNED).getTriage().getActionsTaken())
        .as("the referral came in 2018")
        .isEmpty();
    assertThat(openRetaliations(yearEnd)).as("the closed one is not open").isEqualTo(1);
    assertThat(yearEnd.deadLetters()).isZero();

    final YearReport report = YearReport.of(2017, yearEnd);
    assertThat(report.response())
        .contains(new YearReport.Response(Country.KZ, RuleId.RETALIATION, 2, 2, 5.0, 1, 15.0))
        .contains(
            new YearReport.Response(Country.KZ, RuleId.STALLED_COMPLAINT, 2, 0, null, 0, null));
    assertThat(report.markdown())
        .contains(
            "| Kazakhstan | " + StatementWords.label("RETALIATION") + " | 2 | 2 | 5 | 1 | 15 |");
    assertThat(report.csv()).contains("response RETALIATION median days to close,15,,,,");
    assertThat(report.html())
        .contains(
            "<tr data-country=\"KZ\" data-rule=\"RETALIATION\"><td>Kazakhstan</td>"
                + "<td>"
                + StatementWords.label("RETALIATION")
                + "</td><td>2</td><td>2</td><td>5</td><td>1</td><td>15</td></tr>");
  }

  private ReplayResult replay(final String prefix, final String asOf) {
    return Replay.run(
        new ReplayOptions(
            cluster.bootstrapServers(),
            cluster.registryUrl(),
            on(asOf).plusSeconds(86_399),
            RulesFile.defaults(),
            prefix,
            Map.of()),
        ReplayProgress.NONE);
  }

  private static Alert retaliation(final ReplayResult result, final String caseId) {
    return result.alerts().stream()
        .filter(alert -> alert.getCaseId().equals(caseId) && alert.getRule() == RuleId.RETALIATION)
        .findFirst()
        .orElseThrow();
  }

  private static long openRetaliations(final ReplayResult result) {
    return result.countries().stream()
        .filter(stats -> stats.getCountry() == Country.KZ)
        .map(CountryStats::getOpenAlertsByRule)
        .findFirst()
        .orElseThrow()
        .getOrDefault("RETALIATION", 0L);
  }

  private static AlertAction.Builder action(
      final String caseId,
      final Map<String, String> alertIds,
      final AlertActionType type,
      final String date) {
    return AlertAction.newBuilder()
        .setActionId(UUID.randomUUID().toString())
        .setAlertId(alertIds.get(caseId))
        .setCaseId(caseId)
        .setType(type)
        .setCoordinator("almaty-desk")
        .setTokenId("3f9a12bc04de")
        .setAt(Instant.parse(date + "T09:00:00Z"));
  }

  private static ProducerRecord<String, AlertAction> record(
      final String prefix, final AlertAction action) {
    return new ProducerRecord<>(prefix + Topics.ALERT_ACTIONS, action.getCaseId(), action);
  }
}
