package org.casewatch.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseEventValidator;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.ReprisalReported;
import org.junit.jupiter.api.Test;

class SimulatedCasesTest {

  private final List<CaseEvent> history = SimulatedCases.history2016(2016);

  @Test
  void the2016HistoryHasTheCoalitionsFigures() {
    final Map<Country, Long> registered = history.stream().filter(e -> e.getPayload() instanceof CaseRegistered)
        .collect(Collectors.groupingBy(CaseEvent::getCountry, Collectors.counting()));
    assertThat(registered).containsEntry(Country.KZ, 163L).containsEntry(Country.KG, 112L).containsEntry(Country.TJ, 57L);
    assertThat(registered.get(Country.TM) + registered.get(Country.UZ)).as("sparse: no public figures").isLessThan(20);
    assertThat(history.stream().filter(e -> e.getPayload() instanceof CompensationAwarded)
        .map(CaseEvent::getCountry)).containsExactly(Country.TJ, Country.TJ, Country.TJ, Country.TJ, Country.TJ);
    assertThat(history).allMatch(e -> e.getOccurredAt().atZone(java.time.ZoneOffset.UTC).getYear() == 2016);
  }

  @Test
  void complaintsAreCommonAndInvestigationsRare() {
    final long complaints = history.stream().filter(e -> e.getPayload() instanceof ComplaintFiled).count();
    final long investigations = history.stream().filter(e -> e.getPayload() instanceof InvestigationOpened).count();
    assertThat(complaints).isBetween(250L, 320L);
    assertThat(investigations).isBetween(10L, complaints / 5);
    assertThat(history).anyMatch(e -> e.getCountry() == Country.KZ && e.getPayload() instanceof ReprisalReported r
        && r.getKind() == ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES);
    assertThat(history).anyMatch(e -> e.getCountry() == Country.KG && e.getPayload() instanceof ReprisalReported r
        && r.getKind() == ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT);
  }

  @Test
  void theSameSeedGivesTheSameHistoryAndEveryEventIsValid() {
    assertThat(SimulatedCases.history2016(2016)).isEqualTo(history);
    assertThat(SimulatedCases.history2016(7)).isNotEqualTo(history);
    assertThat(history.stream().map(CaseEvent::getEventId).distinct().count()).isEqualTo(history.size());
    assertThat(history).allSatisfy(e -> assertThat(CaseEventValidator.violations(e, e.getCountry(), e.getRecordedAt()))
        .as(e.getEventId()).isEmpty());
  }

  @Test
  void aLiveCaseIsReportedJustBeforeItsComplaintStalls() {
    final Instant now = Instant.parse("2026-11-28T12:00:00Z");
    final List<CaseEvent> live = SimulatedCases.liveCase(2016, 3, now, Duration.ofDays(10));
    final CaseEvent complaint = live.stream().filter(e -> e.getPayload() instanceof ComplaintFiled).findFirst().orElseThrow();
    assertThat(complaint.getOccurredAt().plus(Duration.ofDays(10))).isBetween(now, now.plus(Duration.ofMinutes(6)));
    assertThat(live).allSatisfy(e -> {
      assertThat(e.getRecordedAt()).isEqualTo(now);
      assertThat(CaseEventValidator.violations(e, e.getCountry(), now)).isEmpty();
    });
  }
}
