package org.casewatch.topology.country;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.junit.jupiter.api.Test;

/** Honest figures: interpolated, uncapped percentiles, and shares that count complaints never investigated. */
class CountryFiguresTest {

  @Test
  void theMedianOfOneAndThirtyDaysIsFifteenAndAHalf() {
    assertThat(CountryFigures.percentile(Map.of("1", 1L, "30", 1L), 0.5)).isEqualTo(15.5);
    assertThat(CountryFigures.percentile(Map.of("1", 1L, "30", 1L), 0.9)).isCloseTo(27.1, within(1e-9));
    assertThat(CountryFigures.percentile(Map.of("4", 3L), 0.5)).isEqualTo(4.0);
    assertThat(CountryFigures.percentile(Map.of(), 0.5)).isNull();
  }

  @Test
  void daysBeyondAYearAreNotCapped() {
    assertThat(CountryFigures.percentile(Map.of("2", 1L, "400", 1L, "900", 1L), 0.5)).isEqualTo(400.0);
  }

  @Test
  void sharesCountComplaintsNeverInvestigated() {
    CountryStats stats = CountryFigures.empty();
    stats = CountryFigures.add(criminalComplaint(3), stats);
    stats = CountryFigures.add(criminalComplaint(25), stats);
    stats = CountryFigures.add(criminalComplaint(null), stats);
    stats = CountryFigures.add(criminalComplaint(null), stats);

    assertThat(stats.getCriminalComplaints()).isEqualTo(4);
    assertThat(stats.getInvestigatedWithin10DaysShare()).isEqualTo(0.25);
    assertThat(stats.getInvestigatedWithin30DaysShare()).isEqualTo(0.5);
    assertThat(stats.getInvestigatedWithin90DaysShare()).isEqualTo(0.5);
    assertThat(stats.getDaysToInvestigationMedian()).as("of the investigated only").isEqualTo(14.0);
    assertThat(stats.getDaysToInvestigationCounts()).isEqualTo(Map.of("3", 1L, "25", 1L));

    stats = CountryFigures.subtract(criminalComplaint(25), stats);
    assertThat(stats.getDaysToInvestigationCounts()).isEqualTo(Map.of("3", 1L));
    assertThat(stats.getInvestigatedWithin30DaysShare()).isEqualTo(1.0 / 3);
  }

  private static CaseState criminalComplaint(final Integer daysToInvestigation) {
    return CaseState.newBuilder()
        .setCaseId("KZ-2016-0001").setCountry(Country.KZ).setCoalition("kz").setStage(org.casewatch.model.CaseStage.COMPLAINT_FILED)
        .setComplaintFiledAt(Instant.parse("2016-03-02T00:00:00Z"))
        .setFirstCriminalComplaintAt(Instant.parse("2016-03-02T00:00:00Z"))
        .setDaysToInvestigation(daysToInvestigation)
        .setReprisals(List.of()).setCompensationMinorByCurrency(Map.of())
        .build();
  }
}
