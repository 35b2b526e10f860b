package org.casewatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.junit.jupiter.api.Test;

/** Results kept off the heap read back whole and in order, however they were split into runs. */
class SpilledRecordsTest {

  @Test
  void runsAddedOutOfOrderAreReadBackMergedInOrder() {
    final SpilledRecords<Alert> spilled = alerts(SpilledRecords.RUN_BYTES);
    spilled.add(List.of(alert("c", 30), alert("a", 10), alert("e", 50)), Set.of());
    spilled.add(List.of(), Set.of());
    spilled.add(List.of(alert("d", 40), alert("b", 10)), Set.of());

    final List<Alert> merged = spilled.merged();

    assertThat(merged).extracting(Alert::getAlertId).containsExactly("a", "b", "c", "d", "e");
    assertThat(merged.get(3)).isEqualTo(alert("d", 40));
  }

  @Test
  void aRunLargerThanOneFileIsSplitAndStillReadBackWhole() {
    final SpilledRecords<Alert> spilled = alerts(600);
    final List<Alert> many = new ArrayList<>();
    for (int i = 999; i >= 0; i--) {
      many.add(alert(String.format("%04d", i), i));
    }
    spilled.add(many, Set.of());
    spilled.add(List.of(alert("0500-second-task", 500)), Set.of());

    final List<Alert> merged = spilled.merged();

    assertThat(merged).hasSize(1001);
    assertThat(merged.get(0).getAlertId()).isEqualTo("0000");
    assertThat(merged.get(501).getAlertId()).isEqualTo("0500-second-task");
    assertThat(merged.get(1000).getAlertId()).isEqualTo("0999");
    assertThat(merged).isSortedAccordingTo(ReplayResult.ALERT_ORDER);
  }

  @Test
  void nothingAddedIsAnEmptyListAndAResultKeepsTheListItWasGiven() {
    assertThat(alerts(SpilledRecords.RUN_BYTES).merged()).isEmpty();

    final SpilledRecords<Alert> spilled = alerts(SpilledRecords.RUN_BYTES);
    spilled.add(List.of(alert("a", 1)), Set.of());
    final List<Alert> merged = spilled.merged();
    final ReplayResult result = new ReplayResult(Instant.EPOCH, List.of(), List.of(), merged, 1, 0);
    assertThat(result.alerts()).as("not copied back onto the heap").isSameAs(merged);
  }

  @Test
  void ofRecordsAddedTwiceTheOneAddedLastIsKeptInItsOwnPlace() {
    final SpilledRecords<Alert> spilled = alerts(SpilledRecords.RUN_BYTES);
    spilled.add(List.of(alert("a", 10), alert("x", 20), alert("y", 60)), Set.of());
    spilled.add(List.of(alert("b", 30), alert("x", 40)), Set.of("x"));
    spilled.add(List.of(alert("y", 5)), Set.of("y"));

    assertThat(spilled.merged())
        .extracting(Alert::getAlertId, alert -> alert.getAt().toString())
        .containsExactly(
            tuple("y", "2016-01-06T00:00:00Z"),
            tuple("a", "2016-01-11T00:00:00Z"),
            tuple("b", "2016-01-31T00:00:00Z"),
            tuple("x", "2016-02-10T00:00:00Z"));
  }

  @Test
  void theAlertsFromADateAreTheEndOfTheListAndStayOffTheHeap() {
    final SpilledRecords<Alert> spilled = alerts(SpilledRecords.RUN_BYTES);
    spilled.add(
        List.of(alert("a", 10), alert("b", 20), alert("c", 30), alert("d", 30), alert("e", 50)),
        Set.of());
    final ReplayResult result =
        new ReplayResult(Instant.EPOCH, List.of(), List.of(), spilled.merged(), 5, 0);

    final List<Alert> from = result.alertsFrom(Instant.parse("2016-01-31T00:00:00Z"));

    assertThat(from).extracting(Alert::getAlertId).containsExactly("c", "d", "e");
    assertThat(new ReplayResult(Instant.EPOCH, List.of(), List.of(), from, 5, 0).alerts())
        .isSameAs(from);
    assertThat(result.alertsFrom(Instant.parse("2017-01-01T00:00:00Z"))).isEmpty();
    assertThat(
            new ReplayResult(
                    Instant.EPOCH, List.of(), List.of(), List.copyOf(spilled.merged()), 5, 0)
                .alertsFrom(Instant.EPOCH))
        .as("on the heap too")
        .hasSize(5);
  }

  private static SpilledRecords<Alert> alerts(final int runBytes) {
    return new SpilledRecords<>(
        Alert.getEncoder(),
        Alert.getDecoder(),
        ReplayResult.ALERT_ORDER,
        Alert::getAlertId,
        runBytes);
  }

  private static Alert alert(final String alertId, final int day) {
    return Alert.newBuilder()
        .setAlertId(alertId)
        .setCaseId("KZ-2016-0042")
        .setCountry(Country.KZ)
        .setRule(RuleId.STALLED_COMPLAINT)
        .setRuleVersion(1)
        .setStatus(AlertStatus.RAISED)
        .setSeverity(Severity.MEDIUM)
        .setAt(Instant.parse("2016-01-01T00:00:00Z").plusSeconds(86_400L * day))
        .setExplanation("no investigation opened or decision by then")
        .build();
  }
}
