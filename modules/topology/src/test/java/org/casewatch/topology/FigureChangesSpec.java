package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;

import java.time.Duration;
import java.time.Instant;
import org.casewatch.model.Country;
import org.casewatch.topology.internals.cases.CaseProcessor;
import org.junit.jupiter.api.Test;

/**
 * Live, the case processor sums each country's changes of the figures and sends them on once a
 * second, one record per country, instead of one per case change: a burst of complaints costs the
 * figures a handful of writes, not one each.
 */
class FigureChangesSpec {

  private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

  @Test
  void liveEachCountrysChangesAreSummedAndSentOnceASecond() {
    try (CasewatchDriver casewatch = CasewatchDriver.live(NOW)) {
      final Instant yesterday = NOW.minus(Duration.ofDays(1));
      for (int i = 0; i < 20; i++) {
        casewatch.publish(aCase("KZ-2026-%04d".formatted(i)).complaintFiled(yesterday));
      }
      for (int i = 0; i < 10; i++) {
        casewatch.publish(aCase("UZ-2026-%04d".formatted(i)).complaintFiled(yesterday));
      }
      assertThat(casewatch.figureChangesSent()).as("before a second has passed").isEmpty();

      casewatch.advanceWallClock(CaseProcessor.FIGURES_EVERY);

      assertThat(casewatch.figureChangesSent())
          .as("one summed change per country")
          .extracting(change -> change.key)
          .containsExactlyInAnyOrder("KZ", "UZ");
      assertThat(casewatch.countryStats(Country.KZ).getComplaintsFiled()).isEqualTo(20);
      assertThat(casewatch.countryStats(Country.UZ).getComplaintsFiled()).isEqualTo(10);
      assertThat(casewatch.figureChangesSent()).as("nothing moved since").isEmpty();
    }
  }

  @Test
  void aReplaySendsEachChangeAtOnce() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final Instant day = Instant.parse("2016-03-01T09:00:00Z");
      casewatch.publish(aCase("TJ-2016-0001").registered(day));
      casewatch.publish(aCase("TJ-2016-0001").complaintFiled(day.plus(Duration.ofDays(1))));

      assertThat(casewatch.figureChangesSent())
          .extracting(change -> change.key)
          .containsExactly("TJ", "TJ");
      assertThat(casewatch.countryStats(Country.TJ).getComplaintsFiled()).isEqualTo(1);
      assertThat(casewatch.countryStats(Country.TJ).getCasesRegistered()).isEqualTo(1);
    }
  }
}
