package org.casewatch.topology.internals.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.rules.RuleBook;
import org.casewatch.topology.rules.RulesFile;

/**
 * The ping-pong of a complaint: after the complaint, k rounds of refusal, appeal, annulment and
 * reopening. Each answer comes after its deadline, so every deadline shows as an alert raised and
 * answered late: the complaint's and each appeal's (k + 1 complaint deadlines), each reopening's (k
 * opening deadlines, the last one never decided), k refusals and REPEATED_REFUSALS from the second
 * on, whatever order the events arrive in.
 */
class RefusalCycleProperties {

  private static final String CASE = "KG-2016-0500";
  private static final Instant ARRIVAL = Instant.parse("2026-11-30T06:00:00Z");

  @Property(tries = 40)
  void everyRoundOfThePingPongStartsItsOwnDeadlinesInAnyArrivalOrder(
      @ForAll @IntRange(min = 1, max = 5) final int k, @ForAll final long shuffleSeed) {
    final List<CaseEvent> inOrder = pingPong(k);
    final List<CaseEvent> shuffled = new ArrayList<>(inOrder);
    Collections.shuffle(shuffled, new Random(shuffleSeed));

    final Outcome ordered = replay(inOrder);
    final Outcome messy = replay(shuffled);

    // Explanations tell what was known when an alert was last emitted ("refusal no. 2" until an
    // earlier one arrives).
    assertThat(messy.judgements()).isEqualTo(ordered.judgements());
    assertThat(messy.state()).isEqualTo(ordered.state());

    assertThat(messy.ids(RuleId.STALLED_COMPLAINT))
        .as("the complaint's deadline and one per appeal")
        .hasSize(k + 1);
    assertThat(messy.ids(RuleId.STALLED_INVESTIGATION)).as("one per reopening").hasSize(k);
    assertThat(messy.ids(RuleId.REFUSAL_TO_INVESTIGATE)).as("one per refusal").hasSize(k);
    assertThat(messy.ids(RuleId.REPEATED_REFUSALS)).as("from the second refusal on").hasSize(k - 1);
    assertThat(messy.lastByAlert().values())
        .filteredOn(alert -> alert.getRule() == RuleId.REPEATED_REFUSALS)
        .allSatisfy(alert -> assertThat(alert.getSeverity()).isEqualTo(Severity.HIGH));
    assertThat(messy.lastByAlert().values())
        .filteredOn(alert -> alert.getRule() == RuleId.STALLED_COMPLAINT)
        .allSatisfy(
            alert -> assertThat(alert.getResolution()).isEqualTo(AlertResolution.ANSWERED_LATE));
    assertThat(messy.lastByAlert().values())
        .filteredOn(
            alert ->
                alert.getRule() == RuleId.STALLED_INVESTIGATION
                    && alert.getStatus() == AlertStatus.RAISED)
        .as("only the last reopening is still undecided")
        .hasSize(1);
    assertThat(messy.lastByAlert().values())
        .filteredOn(alert -> alert.getRule() == RuleId.REFUSAL_TO_INVESTIGATE)
        .allSatisfy(
            alert ->
                assertThat(alert.getResolution())
                    .as("every refusal was annulled")
                    .isEqualTo(AlertResolution.NO_LONGER_APPLIES));
    assertThat(messy.state())
        .satisfies(
            state -> {
              assertThat(state.getRefusalCount()).isEqualTo(k);
              assertThat(state.getAppealCount()).isEqualTo(k);
              assertThat(state.getAnnulmentCount()).isEqualTo(k);
              assertThat(state.getReopeningCount()).isEqualTo(k);
              assertThat(state.getInvestigationOpenNow()).isTrue();
              assertThat(state.getInconsistent()).as("%s", state.getInconsistencies()).isFalse();
            });
  }

  /**
   * A complaint on day 0, then per round: refusal, appeal 5 days later, annulment 15 days after the
   * appeal (its 10 days passed), reopening the next day, and the next refusal 70 days later (its 60
   * days passed).
   */
  static List<CaseEvent> pingPong(final int rounds) {
    final CaseBuilder kg = aCase(CASE);
    final List<CaseEvent> events =
        new ArrayList<>(
            List.of(kg.registered(day(-1)), kg.complaintTo(Authority.PROSECUTOR, day(0))));
    int refusalDay = 15;
    for (int round = 1; round <= rounds; round++) {
      final CaseEvent refusal =
          kg.investigationClosed(
              day(refusalDay),
              round % 2 == 1
                  ? InvestigationOutcome.REFUSED_TO_INITIATE
                  : InvestigationOutcome.TERMINATED);
      events.add(refusal);
      events.add(kg.appealed(day(refusalDay + 5), refusal, Authority.COURT));
      events.add(kg.annulled(day(refusalDay + 20), refusal));
      events.add(kg.investigationOpened(day(refusalDay + 21)));
      refusalDay += 21 + 70;
    }
    return events;
  }

  private static Instant day(final int offset) {
    return on("2016-02-01").plus(Duration.ofDays(offset));
  }

  private static Outcome replay(final List<CaseEvent> events) {
    final CaseTracker tracker =
        new CaseTracker(
            new RuleBook(RulesFile.defaults()), ClockMode.REPLAY, new InMemoryCaseStore());
    final List<CaseOutput> outputs = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      final Instant arrived = ARRIVAL.plusSeconds(i);
      outputs.addAll(tracker.accept(events.get(i), arrived, arrived));
    }
    outputs.addAll(tracker.advance(on("2030-01-01")));
    final Map<String, Alert> last = new LinkedHashMap<>();
    CaseState state = null;
    for (final CaseOutput output : outputs) {
      if (output instanceof CaseOutput.AlertChanged changed) {
        last.put(changed.alert().getAlertId(), changed.alert());
      } else if (output instanceof CaseOutput.StateChanged changed) {
        state = changed.state();
      }
    }
    return new Outcome(last, state);
  }

  private record Outcome(Map<String, Alert> lastByAlert, CaseState state) {

    Map<String, List<Object>> judgements() {
      final Map<String, List<Object>> judgements = new LinkedHashMap<>();
      lastByAlert.forEach(
          (id, alert) ->
              judgements.put(
                  id,
                  java.util.Arrays.asList(
                      alert.getRule(),
                      alert.getStatus(),
                      alert.getResolution(),
                      alert.getSeverity(),
                      alert.getAt(),
                      alert.getDeadline(),
                      alert.getTriggeringEventId())));
      return judgements;
    }

    List<String> ids(final RuleId rule) {
      return lastByAlert.values().stream()
          .filter(alert -> alert.getRule() == rule)
          .map(Alert::getAlertId)
          .toList();
    }
  }
}
