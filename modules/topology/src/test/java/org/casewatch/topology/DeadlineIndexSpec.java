package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.model.RuleId.STALLED_COMPLAINT;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.junit.jupiter.api.Test;

/** Deadlines wait in the index and fire once each, however many fall due at once. */
class DeadlineIndexSpec {

  private static List<CaseEvent> fiftyComplaintsOverFiftyDays() {
    final List<CaseEvent> complaints = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      complaints.add(
          aCase(String.format("UZ-2016-%04d", i))
              .complaintFiled(on("2016-01-01").plus(Duration.ofDays(i))));
    }
    return complaints;
  }

  @Test
  void replayManyDeadlinesDueAfterALongGapAllFireOnceEach() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      casewatch.publish(fiftyComplaintsOverFiftyDays());
      // Stream time stopped at the last complaint (day 50): deadlines up to day 49 are strictly
      // past.
      assertThat(casewatch.alerts(STALLED_COMPLAINT))
          .as("stream time stopped at the last complaint")
          .hasSize(39);

      casewatch.publish(aCase("UZ-2017-0001").registered(on("2017-06-01")));
      casewatch.publish(aCase("UZ-2017-0002").registered(on("2017-07-01")));

      final List<Alert> alerts = casewatch.alerts(STALLED_COMPLAINT);
      assertThat(alerts).hasSize(50);
      assertThat(alerts).extracting(Alert::getAlertId).doesNotHaveDuplicates();
      assertThat(casewatch.countryStats(Country.UZ).getComplaintsStalledNow()).isEqualTo(50);
    }
  }

  @Test
  void liveOneWallClockJumpOverManyDeadlinesFiresEachOnce() {
    try (CasewatchDriver casewatch = CasewatchDriver.live(on("2016-03-04"))) {
      for (int i = 1; i <= 50; i++) {
        casewatch.publish(
            aCase(String.format("UZ-2016-%04d", i))
                .complaintFiled(on("2016-03-01").plus(Duration.ofHours(i))));
      }
      assertThat(casewatch.alerts(STALLED_COMPLAINT)).isEmpty();

      casewatch.advanceWallClock(Duration.ofDays(365));
      casewatch.advanceWallClock(Duration.ofDays(1));

      assertThat(casewatch.alerts(STALLED_COMPLAINT))
          .hasSize(50)
          .extracting(Alert::getAlertId)
          .doesNotHaveDuplicates();
    }
  }
}
