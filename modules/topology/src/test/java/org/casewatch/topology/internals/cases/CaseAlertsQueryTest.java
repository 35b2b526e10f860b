package org.casewatch.topology.internals.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.rules.RuleBook;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;

/**
 * The query side's filtered read of a case's alerts: it answers what filtering the whole case's
 * alerts answers, and a case none of whose marks match is answered without reading its events.
 */
class CaseAlertsQueryTest {

  private static final Instant TODAY = Instant.parse("2026-11-30T06:00:00Z");
  private static final RuleBook RULES = new RuleBook(RulesFile.defaults());
  private static final String CASE = "KG-2016-0042";

  @Test
  void aFilteredReadGivesTheCasesAlertsFiltered() {
    final InMemoryCaseStore store = caseWithRaisedAndResolvedAlerts();
    final List<Alert> all = CaseTracker.alertsOf(store, RULES, CASE);
    assertThat(all).extracting(Alert::getStatus).contains(AlertStatus.RAISED, AlertStatus.RESOLVED);

    for (final Predicate<Alert> matching :
        List.<Predicate<Alert>>of(
            alert -> true,
            alert -> alert.getStatus() == AlertStatus.RAISED,
            alert -> alert.getStatus() == AlertStatus.RESOLVED,
            alert -> alert.getRule() == RuleId.RETALIATION,
            alert -> alert.getSeverity() == Severity.HIGH,
            alert -> alert.getAt().isAfter(on("2016-06-01")),
            alert -> false)) {
      assertThat(CaseTracker.alertsOf(store, RULES, CASE, matching))
          .usingRecursiveFieldByFieldElementComparator()
          .containsExactlyElementsOf(all.stream().filter(matching).toList());
    }
  }

  @Test
  void aCaseNoneOfWhoseAlertsMatchIsAnsweredWithoutItsEvents() {
    final InMemoryCaseStore store = caseWithRaisedAndResolvedAlerts();
    final CaseReader marksOnly =
        new CaseReader() {
          @Override
          public List<CaseEvent> events(final String caseId) {
            throw new AssertionError("the case's events were read to rebuild explanations");
          }

          @Override
          public Map<String, AlertMark> alerts(final String caseId) {
            return store.alerts(caseId);
          }

          @Override
          public Optional<CaseRecord> record(final String caseId) {
            return store.record(caseId);
          }
        };

    assertThat(
            CaseTracker.alertsOf(
                marksOnly, RULES, CASE, alert -> alert.getRule() == RuleId.CASE_TOO_LARGE))
        .isEmpty();
  }

  /** A complaint refused, then reprisals: RETALIATION raised, a refusal alert resolved. */
  private static InMemoryCaseStore caseWithRaisedAndResolvedAlerts() {
    final InMemoryCaseStore store = new InMemoryCaseStore();
    final CaseTracker tracker = new CaseTracker(RULES, ClockMode.REPLAY, store);
    final CaseBuilder kg = aCase(CASE);
    for (final CaseEvent event :
        List.of(
            kg.complaintFiled(on("2016-03-01")),
            kg.refused(on("2016-03-20")),
            kg.reprisal(on("2016-04-02"), ReprisalKind.PRESSURE_TO_WITHDRAW),
            kg.investigationOpened(on("2016-05-10")),
            kg.investigationClosed(on("2016-07-01"), InvestigationOutcome.REFUSED_NO_CRIME),
            kg.reprisal(on("2016-08-15"), ReprisalKind.DETENTION))) {
      tracker.accept(event, TODAY, TODAY);
    }
    tracker.advance(on("2017-12-31"));
    return store;
  }
}
