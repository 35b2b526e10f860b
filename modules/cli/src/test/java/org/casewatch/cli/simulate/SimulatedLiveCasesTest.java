package org.casewatch.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.cli.simulate.SimulatedEvents.before;
import static org.casewatch.cli.simulate.SimulatedEvents.count;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseEventValidator;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.Country;
import org.casewatch.model.DecisionAnnulled;
import org.casewatch.model.DecisionAppealed;
import org.casewatch.model.ForensicExamination;
import org.casewatch.model.ForensicStage;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.ReprisalReported;
import org.casewatch.simulation.Histories;
import org.junit.jupiter.api.Test;

/**
 * Live cases arrive as if reported late, each a new case, in the shapes of the history, with the
 * latest complaint or appeal about to stall so that alerts keep appearing within minutes.
 */
class SimulatedLiveCasesTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static final Duration STALLED_AFTER = Duration.ofDays(10);

  private final List<List<CaseEvent>> live =
      LongStream.rangeClosed(1, 200)
          .mapToObj(sequence -> Histories.liveCase(2016, sequence, NOW, STALLED_AFTER))
          .toList();

  @Test
  void eachLiveCaseIsOneNewCaseRecordedNowWithNothingDatedLater() {
    assertThat(live)
        .allSatisfy(
            events -> {
              assertThat(events.get(0).getPayload()).isInstanceOf(CaseRegistered.class);
              assertThat(count(events, CaseRegistered.class)).isEqualTo(1);
              assertThat(events)
                  .extracting(CaseEvent::getCaseId)
                  .containsOnly(events.get(0).getCaseId());
              assertThat(events)
                  .allSatisfy(
                      e -> {
                        assertThat(e.getRecordedAt()).isEqualTo(NOW);
                        assertThat(e.getOccurredAt()).isBeforeOrEqualTo(NOW);
                        assertThat(CaseEventValidator.violations(e, e.getCountry(), NOW))
                            .as(e.getEventId())
                            .isEmpty();
                      });
            });
    assertThat(live.stream().flatMap(List::stream).map(CaseEvent::getEventId).distinct().count())
        .isEqualTo(live.stream().mapToLong(List::size).sum());
    assertThat(live.subList(0, 5))
        .extracting(events -> events.get(0).getCountry())
        .containsExactly(Country.KG, Country.TJ, Country.TM, Country.UZ, Country.KZ);
  }

  @Test
  void theLatestComplaintOrAppealStallsWithinMinutes() {
    final List<Instant> latest =
        live.stream()
            .map(
                events ->
                    events.stream()
                        .filter(
                            e ->
                                e.getPayload() instanceof ComplaintFiled
                                    || e.getPayload() instanceof DecisionAppealed)
                        .map(CaseEvent::getOccurredAt)
                        .max(Instant::compareTo))
            .flatMap(java.util.Optional::stream)
            .toList();
    assertThat(latest)
        .hasSizeGreaterThan(150)
        .allSatisfy(
            filed ->
                assertThat(filed.plus(STALLED_AFTER))
                    .isBetween(NOW, NOW.plus(Duration.ofMinutes(6))));
  }

  @Test
  void liveCasesTakeTheShapesOfTheHistory() {
    assertThat(
            cases(
                events ->
                    count(events, ReprisalReported.class) > 0
                        && count(events, ComplaintFiled.class) > 0))
        .as("retaliation")
        .isGreaterThanOrEqualTo(20);
    assertThat(
            cases(
                events ->
                    events.get(0).getCountry() == Country.KZ
                        && count(
                                events,
                                ReprisalReported.class,
                                r -> r.getKind() == ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES)
                            > 0))
        .as("Kazakh false-report threats")
        .isGreaterThanOrEqualTo(5);
    assertThat(
            cases(
                events ->
                    count(events, ReprisalReported.class) > 0
                        && count(events, ComplaintFiled.class) == 0))
        .as("intimidation before any complaint")
        .isGreaterThanOrEqualTo(5);
    assertThat(
            cases(
                events ->
                    count(events, DecisionAnnulled.class) == 1
                        && count(events, DecisionAppealed.class) == 2
                        && count(
                                events,
                                InvestigationClosed.class,
                                c -> c.getOutcome() == InvestigationOutcome.REFUSED_TO_INITIATE)
                            == 2))
        .as("ping-pong")
        .isGreaterThanOrEqualTo(10);
    assertThat(
            cases(
                events ->
                    count(
                            events,
                            CaseRegistered.class,
                            r -> r.getAllegation() == Allegation.DEATH_IN_CUSTODY)
                        > 0))
        .as("deaths in custody")
        .isGreaterThanOrEqualTo(5);
    assertThat(
            cases(
                events ->
                    count(events, InvestigationOpened.class) > 0
                        && count(events, InvestigationClosed.class) == 0))
        .as("investigations just opened")
        .isGreaterThanOrEqualTo(5);
    assertThat(
            cases(
                events ->
                    count(
                            events,
                            ForensicExamination.class,
                            f -> f.getStage() == ForensicStage.REFUSED)
                        > 0))
        .as("forensic examinations refused")
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void anAppealNamesTheRefusalBeforeIt() {
    for (final List<CaseEvent> events : live) {
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i).getPayload() instanceof DecisionAppealed appeal) {
          final String decision = appeal.getDecisionEventId();
          assertThat(before(events, i, InvestigationClosed.class, closed -> true)).isTrue();
          assertThat(events.subList(0, i)).extracting(CaseEvent::getEventId).contains(decision);
        }
      }
    }
  }

  @Test
  void theSameSeedAndSequenceGiveTheSameCase() {
    assertThat(Histories.liveCase(2016, 3, NOW, STALLED_AFTER)).isEqualTo(live.get(2));
    assertThat(Histories.liveCase(7, 3, NOW, STALLED_AFTER)).isNotEqualTo(live.get(2));
  }

  @Test
  void aStalledTermShorterThanADayStillDatesNothingAfterNow() {
    assertThat(
            LongStream.rangeClosed(1, 50)
                .mapToObj(sequence -> Histories.liveCase(2016, sequence, NOW, Duration.ZERO))
                .flatMap(List::stream))
        .allSatisfy(e -> assertThat(e.getOccurredAt()).isBeforeOrEqualTo(NOW));
  }

  private long cases(final Predicate<List<CaseEvent>> shape) {
    return live.stream().filter(shape).count();
  }
}
