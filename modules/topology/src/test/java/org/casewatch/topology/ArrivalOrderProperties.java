package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.HistoryStep;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.OpenAlert;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.topology.internals.rules.CaseFacts;

/**
 * Arrival order and duplicates never change where a case ends up: any permutation of the events,
 * with any events repeated or retracted, gives the same final case states, country figures and
 * alerts as the events in event-time order.
 */
class ArrivalOrderProperties {

  /** What happens to a case, as day offsets from its registration; negative means "never". */
  /** An article that is no country's torture article, so every country judges an opening alike. */
  static final String LESSER_ARTICLE = "CC-999";

  record CaseShape(
      int complaint,
      int investigation,
      int decision,
      int reprisal,
      int withdrawal,
      int compensation,
      int secondComplaint,
      int secondInvestigation) {

    List<CaseEvent> events(final String caseId) {
      final CaseBuilder events = aCase(caseId);
      final List<CaseEvent> all = new ArrayList<>(List.of(events.registered(day(0))));
      if (complaint >= 0) {
        all.add(events.complaintFiled(day(complaint)));
      }
      if (investigation >= 0) {
        all.add(
            events.investigationOpened(day(investigation), Authority.PROSECUTOR, LESSER_ARTICLE));
      }
      if (decision >= 0) {
        all.add(events.investigationClosed(day(decision), InvestigationOutcome.REFUSED_NO_CRIME));
      }
      if (reprisal >= 0) {
        all.add(
            events.reprisal(day(reprisal), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT));
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
        all.add(
            events.investigationOpened(
                day(secondInvestigation), Authority.PROSECUTOR, LESSER_ARTICLE));
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
    return Combinators.combine(
            maybeDay, maybeDay, maybeDay, maybeDay, maybeDay, maybeDay, maybeDay, maybeDay)
        .as(CaseShape::new);
  }

  @Property(tries = 40)
  void anyArrivalOrderWithDuplicatesEndsInTheSameState(
      @ForAll("shapes") final CaseShape shape,
      @ForAll final long shuffleSeed,
      @ForAll("duplicates") final List<Integer> repeats) {
    final List<CaseEvent> ordered = shape.events("KG-2016-0001");
    final List<CaseEvent> messy = new ArrayList<>(shape.events("KZ-2016-0001"));
    repeats.forEach(index -> messy.add(messy.get(index % messy.size())));
    Collections.shuffle(messy, new Random(shuffleSeed));

    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(ordered.stream().sorted(CaseFacts.EVENT_TIME_ORDER).toList());
      casewatch.publish(messy);
      // Both cases end at the same stream time: a later event on a third case passes every
      // deadline.
      casewatch.publish(aCase("TM-2020-0001").registered(on("2020-01-01")));

      assertThat(comparable(casewatch.caseState("KZ-2016-0001")))
          .isEqualTo(comparable(casewatch.caseState("KG-2016-0001")));
      assertThat(comparable(casewatch.countryStats(Country.KZ)))
          .isEqualTo(comparable(casewatch.countryStats(Country.KG)));
      // The alert stream agrees with the state: an alert's last status is RAISED exactly when it is
      // open.
      for (final String caseId : List.of("KZ-2016-0001", "KG-2016-0001")) {
        final Map<String, AlertStatus> lastStatus = new HashMap<>();
        casewatch.alerts().stream()
            .filter(alert -> alert.getCaseId().equals(caseId))
            .forEach(alert -> lastStatus.put(alert.getAlertId(), alert.getStatus()));
        assertThat(
                lastStatus.entrySet().stream()
                    .filter(e -> e.getValue() == AlertStatus.RAISED)
                    .map(Map.Entry::getKey))
            .containsExactlyInAnyOrderElementsOf(casewatch.caseState(caseId).getOpenAlertIds());
      }
    }
  }

  @Provide
  Arbitrary<List<Integer>> duplicates() {
    return Arbitraries.integers().between(0, 6).list().ofMaxSize(5);
  }

  /**
   * One case of the multi-country property: where, what happens, and maybe one event taken back.
   */
  record CountryCase(Country country, CaseShape shape, int retractedIndex, int retractionDelay) {

    List<CaseEvent> events(final int number) {
      final String caseId = country.name() + "-2016-" + String.format("%04d", number);
      final List<CaseEvent> events = new ArrayList<>(shape.events(caseId));
      if (retractedIndex >= 0) {
        final CaseEvent retracted = events.get(retractedIndex % events.size());
        events.add(
            aCase(caseId)
                .retraction(
                    retracted.getOccurredAt().plus(Duration.ofDays(retractionDelay)),
                    retracted,
                    RetractionReason.ENTERED_IN_ERROR));
      }
      return events;
    }
  }

  @Provide
  Arbitrary<List<CountryCase>> countryCases() {
    final Arbitrary<CountryCase> one =
        Combinators.combine(
                Arbitraries.of(Country.class),
                shapes(),
                Arbitraries.integers().between(-3, 8),
                Arbitraries.integers().between(1, 60))
            .as(CountryCase::new);
    return one.list().ofMinSize(1).ofMaxSize(6);
  }

  /**
   * Many cases in five countries, shuffled across countries (so events of one instant meet in any
   * order), with duplicates and retractions, give the same case states, the same figures and the
   * same alerts as the same events in event-time order. The only alerts allowed to differ are those
   * that record evidence arriving after them: resolved as DEADLINE_MET (an answer in time that
   * arrived after its deadline was judged), RETRACTED (a retraction that arrived after its event)
   * or NO_LONGER_APPLIES may exist in one order and be absent in the other, never open in either.
   */
  @Property(tries = 60)
  void anyArrivalOrderAcrossFiveCountriesGivesTheSameStatesFiguresAndAlerts(
      @ForAll("countryCases") final List<CountryCase> cases,
      @ForAll final long shuffleSeed,
      @ForAll("duplicates") final List<Integer> repeats) {
    final List<CaseEvent> all = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      all.addAll(cases.get(i).events(i + 1));
    }
    final List<CaseEvent> ordered = all.stream().sorted(CaseFacts.EVENT_TIME_ORDER).toList();
    final List<CaseEvent> messy = new ArrayList<>(all);
    repeats.forEach(index -> messy.add(messy.get(index % messy.size())));
    Collections.shuffle(messy, new Random(shuffleSeed));
    // Every country's clock ends past every deadline.
    final List<CaseEvent> endOfTime =
        Arrays.stream(Country.values())
            .map(country -> aCase(country.name() + "-2020-0001").registered(on("2020-01-01")))
            .toList();

    try (CasewatchDriver inOrder = CasewatchDriver.replay();
        CasewatchDriver shuffled = CasewatchDriver.replay()) {
      inOrder.publish(ordered).publish(endOfTime);
      shuffled.publish(messy).publish(endOfTime);

      assertThat(shuffled.caseStates()).isEqualTo(inOrder.caseStates());
      assertThat(shuffled.countryStats()).isEqualTo(inOrder.countryStats());
      final Map<String, Alert> expected = lastOfEach(inOrder.alerts());
      final Map<String, Alert> actual = lastOfEach(shuffled.alerts());
      final Set<String> ids = new TreeSet<>(expected.keySet());
      ids.addAll(actual.keySet());
      for (final String id : ids) {
        final Alert one = expected.get(id);
        final Alert other = actual.get(id);
        if (recordsLateEvidence(one) || recordsLateEvidence(other)) {
          assertThat(List.of(Optional.ofNullable(one), Optional.ofNullable(other)))
              .as("alert %s: late evidence never leaves it open", id)
              .noneMatch(
                  alert -> alert.isPresent() && alert.get().getStatus() == AlertStatus.RAISED);
        } else {
          assertThat(other).as("alert %s", id).isNotNull();
          assertThat(one).as("alert %s", id).isNotNull();
          assertThat(other.getStatus()).as("alert %s", id).isEqualTo(one.getStatus());
          assertThat(other.getResolution()).as("alert %s", id).isEqualTo(one.getResolution());
          assertThat(other.getAt()).as("alert %s", id).isEqualTo(one.getAt());
        }
      }
    }
  }

  private static Map<String, Alert> lastOfEach(final List<Alert> alerts) {
    final Map<String, Alert> last = new HashMap<>();
    alerts.forEach(alert -> last.put(alert.getAlertId(), alert));
    return last;
  }

  private static boolean recordsLateEvidence(final Alert alert) {
    return alert != null
        && (alert.getResolution() == AlertResolution.DEADLINE_MET
            || alert.getResolution() == AlertResolution.RETRACTED
            || alert.getResolution() == AlertResolution.NO_LONGER_APPLIES);
  }

  /** The state with what names the case (id, country, alert ids) blanked out. */
  private static CaseState comparable(final CaseState state) {
    final CaseState copy = CaseState.newBuilder(state).build();
    copy.setCaseId("");
    copy.setCountry(Country.TM);
    copy.setCoalition("");
    copy.setOpenAlertIds(List.of());
    copy.setOpenAlerts(
        copy.getOpenAlerts().stream()
            .map(a -> new OpenAlert("", a.getRule(), a.getSeverity(), a.getAt()))
            .toList());
    // Event ids name the case; the steps themselves must agree.
    copy.setHistory(
        copy.getHistory().stream()
            .map(
                step ->
                    HistoryStep.newBuilder(step)
                        .setEventId("")
                        .setRef(step.getRef() == null ? null : "")
                        .build())
            .toList());
    return copy;
  }

  private static CountryStats comparable(final CountryStats stats) {
    final CountryStats copy = CountryStats.newBuilder(stats).build();
    copy.setCountry(Country.TM);
    return copy;
  }
}
