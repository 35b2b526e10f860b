package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseStage;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.ReprisalKind;
import org.junit.jupiter.api.Test;

/** Per-case state and per-country figures under duplicates, reordering and stage changes. */
class CaseStateSpec {

  private static final String CASE = "TJ-2016-0005";

  private static List<CaseEvent> history() {
    return List.of(
        aCase(CASE).registered(on("2016-02-01")),
        aCase(CASE).complaintFiled(on("2016-02-03")),
        aCase(CASE).reprisal(on("2016-02-10"), ReprisalKind.PRESSURE_ON_RELATIVES),
        aCase(CASE).investigationOpened(on("2016-02-20")),
        aCase(CASE).investigationClosed(on("2016-07-01"), InvestigationOutcome.CONVICTED),
        aCase(CASE).compensationAwarded(on("2016-10-01"), 150_000, "TJS"));
  }

  @Test
  void aCaseRecordsEveryMilestone() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(history());

      final CaseState state = casewatch.caseState(CASE);
      assertThat(state.getStage()).isEqualTo(CaseStage.COMPENSATED);
      assertThat(state.getOutcome()).isEqualTo(InvestigationOutcome.CONVICTED);
      assertThat(state.getComplaintFiledAt()).isEqualTo(on("2016-02-03"));
      assertThat(state.getInvestigationOpenedAt()).isEqualTo(on("2016-02-20"));
      assertThat(state.getInvestigationClosedAt()).isEqualTo(on("2016-07-01"));
      assertThat(state.getReprisals()).hasSize(1);
      assertThat(state.getCompensationMinorByCurrency()).isEqualTo(Map.of("TJS", 150_000L));
      assertThat(state.getInconsistent()).isFalse();
      assertThat(state.getEventCount()).isEqualTo(6);
    }
  }

  @Test
  void aRepeatedEventIdChangesNothing() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(history());
      final CaseState before = casewatch.caseState(CASE);
      final CountryStats statsBefore = casewatch.countryStats(Country.TJ);

      casewatch.publish(history());

      assertThat(casewatch.newCaseStateRecords()).as("no new case state for duplicates").isEmpty();
      assertThat(casewatch.caseState(CASE)).isEqualTo(before);
      assertThat(casewatch.countryStats(Country.TJ)).isEqualTo(statsBefore);
    }
  }

  @Test
  void eventsArrivingOutOfOrderAreAppliedInEventTimeOrder() {
    try (CasewatchDriver inOrder = CasewatchDriver.replay();
        CasewatchDriver reversed = CasewatchDriver.replay()) {
      inOrder.publish(history());
      final List<CaseEvent> backwards = new ArrayList<>(history());
      Collections.reverse(backwards);
      reversed.publish(backwards);

      assertThat(reversed.caseState(CASE)).isEqualTo(inOrder.caseState(CASE));
      assertThat(reversed.countryStats(Country.TJ)).isEqualTo(inOrder.countryStats(Country.TJ));
    }
  }

  @Test
  void anImplausibleSequenceIsKeptAndMarkedInconsistent() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase("KG-2016-0007").registered(on("2016-03-01")),
          aCase("KG-2016-0007")
              .investigationClosed(on("2016-03-05"), InvestigationOutcome.TERMINATED),
          aCase("KG-2016-0007").complaintFiled(on("2016-03-06")),
          aCase("KG-2016-0007").investigationOpened(on("2016-03-10")));

      final CaseState state = casewatch.caseState("KG-2016-0007");
      assertThat(state.getInconsistent()).isTrue();
      assertThat(state.getInconsistencies())
          .containsExactly(
              "decision on 2016-03-05 without a complaint or an investigation before it");
      assertThat(state.getStage())
          .as("the latest event in event time")
          .isEqualTo(CaseStage.INVESTIGATION_OPENED);
    }
  }

  @Test
  void aCaseThatMovesOnMovesBetweenCountsAndIsNeverCountedTwice() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase(CASE).registered(on("2016-02-01")),
          aCase(CASE).complaintFiled(on("2016-02-03")),
          aCase(CASE).investigationOpened(on("2016-02-08")));
      final CountryStats open = casewatch.countryStats(Country.TJ);
      assertThat(open.getCasesRegistered()).isEqualTo(1);
      assertThat(open.getCasesRegisteredByYear()).isEqualTo(Map.of("2016", 1L));
      assertThat(open.getInvestigationsOpenNow()).isEqualTo(1);
      assertThat(open.getClosedByOutcome()).isEmpty();
      assertThat(open.getDaysToInvestigationMedian()).isEqualTo(5.0);

      casewatch.publish(
          aCase(CASE).investigationClosed(on("2016-05-01"), InvestigationOutcome.TERMINATED));

      final CountryStats closed = casewatch.countryStats(Country.TJ);
      assertThat(closed.getCasesRegistered()).isEqualTo(1);
      assertThat(closed.getComplaintsFiled()).isEqualTo(1);
      assertThat(closed.getInvestigationsOpened()).isEqualTo(1);
      assertThat(closed.getInvestigationsOpenNow()).isZero();
      assertThat(closed.getClosedByOutcome()).isEqualTo(Map.of("TERMINATED", 1L));
    }
  }

  @Test
  void countryFiguresFollowThe2016Statement() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      for (int i = 1; i <= 57; i++) {
        final String caseId = String.format("TJ-2016-%04d", i);
        casewatch.publish(
            aCase(caseId).registered(on("2016-01-01").plusSeconds(86_400L * (i % 300))));
        if (i <= 5) {
          casewatch.publish(aCase(caseId).compensationAwarded(on("2016-12-01"), 100_000, "TJS"));
        }
      }

      final CountryStats tajikistan = casewatch.countryStats(Country.TJ);
      assertThat(tajikistan.getCasesRegisteredByYear()).isEqualTo(Map.of("2016", 57L));
      assertThat(tajikistan.getCompensations()).isEqualTo(5);
      assertThat(tajikistan.getCompensationMinorByCurrency()).isEqualTo(Map.of("TJS", 500_000L));
    }
  }

  @Test
  void anInvestigationOpenedExOfficioIsNotAnInconsistency() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(
          aCase("KG-2016-0008").registered(on("2016-01-05")),
          aCase("KG-2016-0008").investigationOpened(on("2016-01-10")));

      assertThat(casewatch.caseState("KG-2016-0008").getInconsistencies()).isEmpty();
      assertThat(casewatch.caseState("KG-2016-0008").getInvestigationOpenNow()).isTrue();
    }
  }
}
