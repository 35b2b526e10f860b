package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.model.RuleId.CASE_TOO_LARGE;
import static org.casewatch.model.RuleId.RETALIATION;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.Severity;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.topology.deadletters.DeadLetter;
import org.junit.jupiter.api.Test;

/** Sequence 12: a case holds a bounded number of events, and no case can stop its partition. */
class BoundedCaseStateSpec {

  @Test
  void eventsBeyondTheLimitAreDeadLetteredAndTheCaseCarriesOneHighAlert() {
    try (CasewatchDriver casewatch =
        new CasewatchDriver(
            org.casewatch.topology.ClockMode.REPLAY,
            org.casewatch.topology.rules.RulesFile.parse("defaults: {maxEventsPerCase: 20}"),
            java.time.Instant.now())) {
      final CaseBuilder tj = aCase("TJ-2016-0100");
      final List<CaseEvent> events =
          new ArrayList<>(
              List.of(tj.registered(on("2016-01-01")), tj.complaintFiled(on("2016-01-02"))));
      for (int i = 0; i < 25; i++) {
        events.add(
            CaseEvent.newBuilder(
                    tj.reprisal(
                        on("2016-02-01").plus(Duration.ofHours(i)),
                        ReprisalKind.PRESSURE_TO_WITHDRAW))
                .setEventId("reprisal-" + i)
                .build());
      }
      casewatch.publish(events);
      casewatch.publish(aCase("TJ-2016-0101").registered(on("2016-03-01")));

      assertThat(casewatch.deadLetters())
          .hasSize(7)
          .allSatisfy(
              letter ->
                  assertThat(ComplaintPathSpec.header(letter, DeadLetter.REASON_CODE))
                      .isEqualTo("case-too-large"));
      assertThat(casewatch.alerts(CASE_TOO_LARGE))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getSeverity()).isEqualTo(Severity.HIGH);
                assertThat(alert.getStatus()).isEqualTo(AlertStatus.RAISED);
                assertThat(alert.getTriggeringEventId()).isEqualTo("reprisal-18");
                assertThat(alert.getExplanation()).contains("limit of 20 events");
              });
      assertThat(casewatch.alerts(RETALIATION)).hasSize(18);
      assertThat(casewatch.caseState("TJ-2016-0100").getEventCount()).isEqualTo(20);
      assertThat(casewatch.caseState("TJ-2016-0100").getOpenAlerts())
          .extracting(a -> a.getRule())
          .contains(CASE_TOO_LARGE);
      assertThat(casewatch.caseState("TJ-2016-0101")).as("the next case is served").isNotNull();
    }
  }

  /**
   * A typical case of ten events, as coalitions enter them (UUID event ids), stores at most 960
   * bytes (the target is 1 KiB), the marks of its alerts under seventeen rules included: each event
   * recorded on the day it occurred and sent at once.
   */
  @Test
  void aTypicalTenEventCaseStoresAtMost960Bytes() {
    assertThat(typicalCaseStoredBytes(Duration.ZERO, Duration.ZERO)).isLessThanOrEqualTo(960);
  }

  /**
   * The same case with its events recorded two days and three hours after they occurred and sent 47
   * minutes after that, as coalitions' systems more often do: its times take more bytes, and it
   * still stores at most 1 KiB.
   */
  @Test
  void theTypicalCaseRecordedDaysLaterStoresAtMostOneKibibyte() {
    assertThat(typicalCaseStoredBytes(Duration.ofHours(51), Duration.ofMinutes(47)))
        .isLessThanOrEqualTo(1024);
  }

  private static long typicalCaseStoredBytes(
      final Duration recordedAfter, final Duration arrivedAfter) {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseBuilder kz = aCase("KZ-2016-0042");
      final List<CaseEvent> typical =
          List.of(
              kz.registered(on("2016-02-25")),
              kz.complaintTo(Authority.PROSECUTOR, on("2016-03-01")),
              kz.investigationClosed(on("2016-03-09"), InvestigationOutcome.REFUSED_NO_CRIME),
              kz.reprisal(on("2016-03-12"), ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES),
              kz.complaintTo(Authority.COURT, on("2016-04-01")),
              kz.investigationOpened(on("2016-05-01")),
              kz.reprisal(on("2016-05-10"), ReprisalKind.PRESSURE_ON_RELATIVES),
              kz.investigationClosed(on("2016-06-20"), InvestigationOutcome.SUSPENDED),
              kz.complaintTo(Authority.PROSECUTOR, on("2016-07-01")),
              kz.withdrawn(on("2016-07-20"), WithdrawalReason.FEAR_OF_REPRISAL));
      for (final CaseEvent event : typical) {
        final Instant recordedAt = event.getOccurredAt().plus(recordedAfter);
        casewatch.publishArriving(
            recordedAt.plus(arrivedAfter),
            CaseEvent.newBuilder(event)
                .setEventId(UUID.nameUUIDFromBytes(event.getEventId().getBytes()).toString())
                .setRecordedAt(recordedAt)
                .build());
      }
      casewatch.publish(aCase("KZ-2016-0043").registered(on("2016-12-31")));

      final long bytes = casewatch.storedBytes("KZ-2016-0042");
      System.out.println(
          "Stored bytes of a typical 10-event case (keys and values, every store), recorded "
              + recordedAfter
              + " after it occurred and sent "
              + arrivedAfter
              + " later: "
              + bytes
              + "; alerts: "
              + casewatch.alerts().stream()
                  .filter(a -> a.getCaseId().equals("KZ-2016-0042"))
                  .count());
      return bytes;
    }
  }

  /** Per event, the case's published state stays small: lists are capped, counts are not. */
  @Test
  void theStateOfACaseWithAThousandReprisalsStaysSmall() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseBuilder tj = aCase("TJ-2016-1000");
      casewatch.publish(tj.registered(on("2016-01-01")), tj.complaintFiled(on("2016-01-02")));
      final List<CaseEvent> flood = new ArrayList<>();
      for (int i = 0; i < 998; i++) {
        flood.add(
            CaseEvent.newBuilder(
                    tj.reprisal(
                        on("2016-02-01").plusSeconds(i), ReprisalKind.PRESSURE_ON_RELATIVES))
                .setEventId(UUID.nameUUIDFromBytes(("reprisal-" + i).getBytes()).toString())
                .build());
      }
      casewatch.newCaseStateRecords();
      casewatch.publish(flood);

      final var serializer = casewatch.topics().caseState().valueSerde().serializer();
      final long largest =
          casewatch.newCaseStateRecords().stream()
              .mapToLong(
                  record -> serializer.serialize("casewatch.case-state", record.value()).length)
              .max()
              .orElseThrow();
      System.out.println(
          "Largest case-state record of a case with 1,000 events: " + largest + " bytes");
      assertThat(largest).isLessThanOrEqualTo(12 * 1024);
      // The case is one entry of its store, rewritten whole on each event: far under the 1 MB a
      // Kafka record may take by default, at the largest size a case may reach.
      final long stored = casewatch.storedBytes("TJ-2016-1000");
      System.out.println("Stored bytes of a case with 1,000 events and 998 alerts: " + stored);
      assertThat(stored).isLessThanOrEqualTo(256 * 1024);
      final var state = casewatch.caseState("TJ-2016-1000");
      assertThat(state.getReprisalCount()).isEqualTo(998);
      assertThat(state.getReprisals()).hasSize(50);
      assertThat(state.getOpenAlerts()).hasSize(100);
      assertThat(state.getOpenAlertCountByRule()).containsEntry("RETALIATION", 998L);
      assertThat(casewatch.countryStats(org.casewatch.model.Country.TJ).getOpenAlertsByRule())
          .containsEntry("RETALIATION", 998L);
    }
  }
}
