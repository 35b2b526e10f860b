package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.OpenAlert;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.topology.cases.CaseFacts;

/**
 * Arrival order and duplicates never change where a case ends up: any permutation of a case's
 * events, with any events repeated, gives the same final case state and country figures as the
 * events in event-time order.
 */
class ArrivalOrderProperties {

  /** What happens to a case, as day offsets from its registration; negative means "never". */
  record CaseShape(int complaint, int investigation, int decision, int reprisal, int withdrawal, int compensation,
      int secondComplaint, int secondInvestigation) {

    List<CaseEvent> events(final String caseId) {
      final CaseBuilder events = aCase(caseId);
      final List<CaseEvent> all = new ArrayList<>(List.of(events.registered(day(0))));
      if (complaint >= 0) {
        all.add(events.complaintFiled(day(complaint)));
      }
      if (investigation >= 0) {
        all.add(events.investigationOpened(day(investigation)));
      }
      if (decision >= 0) {
        all.add(events.investigationClosed(day(decision), InvestigationOutcome.REFUSED_NO_CRIME));
      }
      if (reprisal >= 0) {
        all.add(events.reprisal(day(reprisal), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT));
      }
      if (withdrawal >= 0) {
        all.add(events.withdrawn(day(withdrawal), WithdrawalReason.PRESSURE));
      }
      if (compensation >= 0) {
        all.add(events.compensationAwarded(day(compensation), 250_000, "KGS"));
      }
      if (secondComplaint >= 0) {
        all.add(events.complaintFiled(day(secondComplaint)));
      }
      if (secondInvestigation >= 0) {
        all.add(events.investigationOpened(day(secondInvestigation)));
      }
      return all;
    }

    private static Instant day(final int offset) {
      return on("2016-01-10").plus(Duration.ofDays(offset));
    }
  }

  @Provide
  Arbitrary<CaseShape> shapes() {
    final Arbitrary<Integer> maybeDay = Arbitraries.integers().between(-40, 120);
    return Combinators.combine(maybeDay, maybeDay, maybeDay, maybeDay, maybeDay, maybeDay, maybeDay, maybeDay)
        .as(CaseShape::new);
  }

  @Property(tries = 40)
  void anyArrivalOrderWithDuplicatesEndsInTheSameState(
      @ForAll("shapes") final CaseShape shape, @ForAll final long shuffleSeed, @ForAll("duplicates") final List<Integer> repeats) {
    final List<CaseEvent> ordered = shape.events("KG-2016-0001");
    final List<CaseEvent> messy = new ArrayList<>(shape.events("KZ-2016-0001"));
    repeats.forEach(index -> messy.add(messy.get(index % messy.size())));
    Collections.shuffle(messy, new Random(shuffleSeed));

    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(ordered.stream().sorted(CaseFacts.EVENT_TIME_ORDER).toList());
      casewatch.publish(messy);
      // Both cases end at the same stream time: a later event on a third case passes every deadline.
      casewatch.publish(aCase("TM-2020-0001").registered(on("2020-01-01")));

      assertThat(comparable(casewatch.caseState("KZ-2016-0001")))
          .isEqualTo(comparable(casewatch.caseState("KG-2016-0001")));
      assertThat(comparable(casewatch.countryStats(Country.KZ)))
          .isEqualTo(comparable(casewatch.countryStats(Country.KG)));
      // The alert stream agrees with the state: an alert's last status is RAISED exactly when it is open.
      for (final String caseId : List.of("KZ-2016-0001", "KG-2016-0001")) {
        final Map<String, AlertStatus> lastStatus = new HashMap<>();
        casewatch.alerts().stream().filter(alert -> alert.getCaseId().equals(caseId))
            .forEach(alert -> lastStatus.put(alert.getAlertId(), alert.getStatus()));
        assertThat(lastStatus.entrySet().stream().filter(e -> e.getValue() == AlertStatus.RAISED).map(Map.Entry::getKey))
            .containsExactlyInAnyOrderElementsOf(casewatch.caseState(caseId).getOpenAlertIds());
      }
    }
  }

  @Provide
  Arbitrary<List<Integer>> duplicates() {
    return Arbitraries.integers().between(0, 6).list().ofMaxSize(5);
  }

  /** The state with what names the case (id, country, alert ids) blanked out. */
  private static CaseState comparable(final CaseState state) {
    final CaseState copy = CaseState.newBuilder(state).build();
    copy.setCaseId("");
    copy.setCountry(Country.TM);
    copy.setCoalition("");
    copy.setOpenAlertIds(List.of());
    copy.setOpenAlerts(copy.getOpenAlerts().stream().map(a -> new OpenAlert("", a.getRule(), a.getSeverity(), a.getAt())).toList());
    return copy;
  }

  private static CountryStats comparable(final CountryStats stats) {
    final CountryStats copy = CountryStats.newBuilder(stats).build();
    copy.setCountry(Country.TM);
    return copy;
  }
}
