package org.casewatch.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.cli.simulate.SimulatedEvents.byCase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseEventValidator;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.CompensationPaid;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.CustodyChanged;
import org.casewatch.model.DecisionAnnulled;
import org.casewatch.model.DecisionAppealed;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationResumed;
import org.casewatch.model.InvestigationSuspended;
import org.casewatch.model.ReprisalReported;
import org.casewatch.model.TermExtended;
import org.casewatch.model.UnCommunication;
import org.casewatch.model.UnStage;
import org.casewatch.simulation.Histories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever the seed, the history is reproducible, every event is one the gateway and the pipeline
 * accept, nothing is dated after the simulator's clock, and each case's events come in an order
 * that could have happened.
 */
class SimulatedHistoryConsistencyTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  @Test
  void theSameSeedAndClockGiveTheSameHistoryAndAnotherSeedAnother() {
    final List<CaseEvent> history = Histories.history2016(2016, NOW);
    assertThat(Histories.history2016(2016, NOW)).isEqualTo(history);
    assertThat(Histories.history2016(7, NOW)).isNotEqualTo(history);
  }

  @Test
  void aClockInTheMiddleOfTheStoriesCutsThemThereAndChangesNothingElse() {
    final Instant clock = Instant.parse("2017-03-01T00:00:00Z");
    final List<CaseEvent> cut = Histories.history2016(2016, clock);
    assertThat(cut)
        .isEqualTo(
            Histories.history2016(2016, NOW).stream()
                .filter(e -> !e.getOccurredAt().isAfter(clock))
                .toList());
    assertThat(cut).hasSizeLessThan(Histories.history2016(2016, NOW).size());
  }

  @ParameterizedTest
  @ValueSource(longs = {2016, 7, 42})
  void everyEventIsValidUniqueAndNotInTheFuture(final long seed) {
    final List<CaseEvent> history = Histories.history2016(seed, NOW);
    assertThat(history.stream().map(CaseEvent::getEventId).distinct().count())
        .isEqualTo(history.size());
    assertThat(history)
        .isSortedAccordingTo((a, b) -> a.getOccurredAt().compareTo(b.getOccurredAt()));
    assertThat(history)
        .allSatisfy(
            e -> {
              assertThat(CaseEventValidator.violations(e, e.getCountry(), NOW))
                  .as(e.getEventId())
                  .isEmpty();
              assertThat(e.getOccurredAt())
                  .as(e.getEventId())
                  .isBeforeOrEqualTo(NOW)
                  .isEqualTo(e.getRecordedAt());
            });
  }

  @ParameterizedTest
  @ValueSource(longs = {2016, 7, 42})
  void appealsAndAnnulmentsNameAnEarlierDecisionOfTheirCase(final long seed) {
    final List<CaseEvent> history = Histories.history2016(seed, NOW);
    final Map<String, CaseEvent> byId =
        history.stream().collect(Collectors.toMap(CaseEvent::getEventId, Function.identity()));
    assertThat(history)
        .filteredOn(e -> decisionNamedBy(e) != null)
        .isNotEmpty()
        .allSatisfy(
            e -> {
              final CaseEvent decision = byId.get(decisionNamedBy(e));
              assertThat(decision).as("decision named by " + e.getEventId()).isNotNull();
              assertThat(decision.getCaseId()).isEqualTo(e.getCaseId());
              assertThat(decision.getPayload())
                  .isInstanceOfAny(InvestigationClosed.class, InvestigationSuspended.class);
              assertThat(decision.getOccurredAt()).isBefore(e.getOccurredAt());
            });
  }

  @ParameterizedTest
  @ValueSource(longs = {2016, 7, 42})
  void eachCaseTellsItsStoryInAnOrderThatCouldHaveHappened(final long seed) {
    byCase(Histories.history2016(seed, NOW))
        .forEach(
            (caseId, events) -> {
              final CaseWalk walk = new CaseWalk(caseId);
              events.forEach(walk::step);
            });
  }

  private static String decisionNamedBy(final CaseEvent event) {
    if (event.getPayload() instanceof DecisionAppealed appeal) {
      return appeal.getDecisionEventId();
    }
    return event.getPayload() instanceof DecisionAnnulled annulment
        ? annulment.getDecisionEventId()
        : null;
  }

  /** Walks one case's events in time order, checking each against what came before it. */
  private static final class CaseWalk {

    private final String caseId;
    private boolean registered;
    private boolean complained;
    private boolean investigating;
    private boolean suspended;
    private Instant openedAt;
    private long awarded = -1;
    private long paid;
    private UnStage unStage;

    CaseWalk(final String caseId) {
      this.caseId = caseId;
    }

    void step(final CaseEvent event) {
      final Object payload = event.getPayload();
      final String what = caseId + ": " + event.getEventId();
      if (!(payload instanceof CaseRegistered)) {
        assertThat(registered).as(what + " after the registration").isTrue();
      }
      if (!(payload instanceof CaseRegistered
          || payload instanceof ComplaintFiled
          || payload instanceof CustodyChanged
          || payload instanceof ReprisalReported)) {
        assertThat(complained).as(what + " after a complaint").isTrue();
      }
      if (payload instanceof CaseRegistered) {
        assertThat(registered).as(what + ": registered once").isFalse();
        registered = true;
      } else if (payload instanceof ComplaintFiled) {
        complained = true;
      } else if (payload instanceof InvestigationOpened) {
        investigating = true;
        suspended = false;
        openedAt = event.getOccurredAt();
      } else if (payload instanceof InvestigationClosed) {
        assertThat(suspended).as(what + ": not closed while suspended").isFalse();
        investigating = false;
      } else if (payload instanceof InvestigationSuspended) {
        assertThat(investigating && !suspended)
            .as(what + ": suspends an open investigation")
            .isTrue();
        suspended = true;
      } else if (payload instanceof InvestigationResumed) {
        assertThat(suspended).as(what + ": resumes a suspended investigation").isTrue();
        suspended = false;
      } else if (payload instanceof TermExtended) {
        assertThat(
                investigating && event.getOccurredAt().isBefore(openedAt.plus(Duration.ofDays(60))))
            .as(what + ": extends an open investigation before its two months run out")
            .isTrue();
      } else if (payload instanceof CompensationAwarded award) {
        awarded = award.getAmountMinor();
      } else if (payload instanceof CompensationPaid payment) {
        paid += payment.getAmountMinor();
        assertThat(paid).as(what + ": paid no more than awarded").isBetween(1L, awarded);
      } else if (payload instanceof UnCommunication communication) {
        final UnStage stage = communication.getStage();
        assertThat(unStage == null ? stage == UnStage.SUBMITTED : unStage.compareTo(stage) < 0)
            .as(what + ": submitted first, then the stages in their order")
            .isTrue();
        unStage = stage;
      }
    }
  }
}
