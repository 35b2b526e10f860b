package org.casewatch.topology.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.RuleId;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.topology.rules.RuleBook;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;

/** The case logic on plain maps, with no Kafka: an archive arriving at once is judged on all of it. */
class CaseTrackerTest {

  private static final Instant TODAY = Instant.parse("2026-11-30T06:00:00Z");

  @Test
  void aReplayOfAnArchiveThatArrivedAtOnceJudgesEachCaseOnAllOfItsEvents() {
    final CaseTracker tracker = new CaseTracker(new RuleBook(RulesFile.defaults()), ClockMode.REPLAY, new InMemoryCaseStore());
    final List<CaseOutput> outputs = new ArrayList<>();
    // Each case's events in one request, cases one after another: the KZ clock runs far ahead of
    // each next case's complaint, but every record arrived at the same moment.
    for (int i = 1; i <= 30; i++) {
      final CaseBuilder archived = aCase(String.format("KZ-2016-%04d", i));
      final Instant day = on("2016-01-04").plusSeconds(86_400L * 7 * i);
      outputs.addAll(tracker.accept(archived.complaintFiled(day), TODAY, TODAY));
      outputs.addAll(tracker.accept(archived.investigationClosed(day.plusSeconds(86_400L * 40),
          org.casewatch.model.InvestigationOutcome.REFUSED_NO_CRIME), TODAY, TODAY));
      outputs.addAll(tracker.accept(archived.investigationOpened(day.plusSeconds(86_400L * 5)), TODAY, TODAY));
    }
    final CaseBuilder stalled = aCase("KZ-2016-0999");
    outputs.addAll(tracker.accept(stalled.complaintFiled(on("2016-03-01")), TODAY, TODAY));

    outputs.addAll(tracker.advance(on("2016-12-31")));

    final List<Alert> alerts = outputs.stream().filter(CaseOutput.AlertChanged.class::isInstance)
        .map(output -> ((CaseOutput.AlertChanged) output).alert()).toList();
    assertThat(alerts).as("no alert raised and then found met: each case was judged once it had settled")
        .singleElement().satisfies(alert -> {
          assertThat(alert.getCaseId()).isEqualTo("KZ-2016-0999");
          assertThat(alert.getRule()).isEqualTo(RuleId.STALLED_COMPLAINT);
          assertThat(alert.getStatus()).isEqualTo(AlertStatus.RAISED);
        });
    assertThat(tracker.alerts("KZ-2016-0999")).singleElement()
        .satisfies(alert -> assertThat(alert.getExplanation()).contains("no investigation opened or decision by then"));
  }
}
