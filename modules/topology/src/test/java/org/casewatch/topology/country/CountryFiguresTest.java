package org.casewatch.topology.country;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseStage;
import org.casewatch.model.CaseState;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.PlaceOfDetention;
import org.casewatch.model.Sex;
import org.casewatch.model.UnBody;
import org.casewatch.model.UnStage;
import org.casewatch.model.VictimProfile;
import org.junit.jupiter.api.Test;

/**
 * Honest figures: interpolated, uncapped percentiles, shares that count complaints never
 * investigated, and per-year figures that count each case once, under its local year of
 * registration, and move with it when its state changes or an event is retracted.
 */
class CountryFiguresTest {

  @Test
  void theMedianOfOneAndThirtyDaysIsFifteenAndAHalf() {
    assertThat(CountryFigures.percentile(Map.of("1", 1L, "30", 1L), 0.5)).isEqualTo(15.5);
    assertThat(CountryFigures.percentile(Map.of("1", 1L, "30", 1L), 0.9))
        .isCloseTo(27.1, within(1e-9));
    assertThat(CountryFigures.percentile(Map.of("4", 3L), 0.5)).isEqualTo(4.0);
    assertThat(CountryFigures.percentile(Map.of(), 0.5)).isNull();
  }

  @Test
  void daysBeyondAYearAreNotCapped() {
    assertThat(CountryFigures.percentile(Map.of("2", 1L, "400", 1L, "900", 1L), 0.5))
        .isEqualTo(400.0);
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

  @Test
  void aCaseCountsEveryFigureOnceUnderItsLocalYearOfRegistration() {
    final CountryStats stats = CountryFigures.add(pingPong(), CountryFigures.empty());

    assertThat(stats.getCountry()).isEqualTo(Country.TJ);
    assertThat(stats.getCasesRegisteredByYear())
        .as("registered 31 Dec 2016 UTC, 1 Jan 2017 in Dushanbe")
        .isEqualTo(Map.of("2017", 1L));
    assertThat(stats.getRefusals()).isEqualTo(3);
    assertThat(stats.getRefusalsByYear()).isEqualTo(Map.of("2017", 3L));
    assertThat(stats.getAppeals()).isEqualTo(2);
    assertThat(stats.getAppealsByYear()).isEqualTo(Map.of("2017", 2L));
    assertThat(stats.getAnnulments()).isEqualTo(1);
    assertThat(stats.getAnnulmentsByYear()).isEqualTo(Map.of("2017", 1L));
    assertThat(stats.getReopenings()).isEqualTo(1);
    assertThat(stats.getReopeningsByYear()).isEqualTo(Map.of("2017", 1L));
    assertThat(stats.getCasesByRefusals()).isEqualTo(Map.of("3+", 1L));
    assertThat(stats.getCasesByRefusalsByYear()).isEqualTo(Map.of("2017", Map.of("3+", 1L)));
    assertThat(stats.getSuspensions()).isEqualTo(1);
    assertThat(stats.getSuspensionsByYear()).isEqualTo(Map.of("2017", 1L));
    assertThat(stats.getInvestigationsSuspendedNow()).isEqualTo(1);
    assertThat(stats.getCasesByAllegation()).isEqualTo(Map.of("DEATH_IN_CUSTODY", 1L));
    assertThat(stats.getCasesByAllegationByYear())
        .isEqualTo(Map.of("2017", Map.of("DEATH_IN_CUSTODY", 1L)));
    assertThat(stats.getDeathsInCustody()).isEqualTo(1);
    assertThat(stats.getDeathsInCustodyByYear()).isEqualTo(Map.of("2017", 1L));
    assertThat(stats.getCasesByPerpetratorAgency()).isEqualTo(Map.of("POLICE", 1L));
    assertThat(stats.getCasesByPerpetratorAgencyByYear())
        .isEqualTo(Map.of("2017", Map.of("POLICE", 1L)));
    assertThat(stats.getCasesByPlaceOfDetention())
        .isEqualTo(Map.of("TEMPORARY_DETENTION_FACILITY", 1L));
    assertThat(stats.getCasesByPlaceOfDetentionByYear())
        .isEqualTo(Map.of("2017", Map.of("TEMPORARY_DETENTION_FACILITY", 1L)));
    assertThat(stats.getCasesByVictimProfile())
        .isEqualTo(Map.of("UNDER_18", 1L, "FEMALE", 1L, "RETURNED_FROM_ABROAD", 1L));
    assertThat(stats.getCasesByVictimProfileByYear())
        .isEqualTo(
            Map.of("2017", Map.of("UNDER_18", 1L, "FEMALE", 1L, "RETURNED_FROM_ABROAD", 1L)));
    assertThat(stats.getInvestigations()).isEqualTo(2);
    assertThat(stats.getInvestigationsByYear()).isEqualTo(Map.of("2017", 2L));
    assertThat(stats.getIndependentInvestigations()).isEqualTo(1);
    assertThat(stats.getIndependentInvestigationsByYear()).isEqualTo(Map.of("2017", 1L));
    assertThat(stats.getIndependentInvestigationShare()).isEqualTo(0.5);
    assertThat(stats.getTortureArticleInvestigations()).isZero();
    assertThat(stats.getTortureArticleInvestigationsByYear()).isEmpty();
    assertThat(stats.getTortureArticleInvestigationShare()).isEqualTo(0.0);
    assertThat(stats.getExaminationsByStage())
        .isEqualTo(Map.of("REQUESTED", 2L, "CONDUCTED", 1L, "REFUSED", 1L));
    assertThat(stats.getExaminationsByStageByYear())
        .isEqualTo(Map.of("2017", Map.of("REQUESTED", 2L, "CONDUCTED", 1L, "REFUSED", 1L)));
    assertThat(stats.getIndependentExaminations()).isEqualTo(1);
    assertThat(stats.getIndependentExaminationsByYear()).isEqualTo(Map.of("2017", 1L));
    assertThat(stats.getComplaintsFiledByYear()).isEqualTo(Map.of("2017", 1L));
    assertThat(stats.getExaminedWithin3Days()).isEqualTo(1);
    assertThat(stats.getExaminedWithin3DaysByYear()).isEqualTo(Map.of("2017", 1L));
    assertThat(stats.getExaminedWithin3DaysShare()).isEqualTo(1.0);
    assertThat(stats.getCasesByUnStage()).isEqualTo(Map.of("VIEWS_ADOPTED", 1L));
    assertThat(stats.getCasesByUnStageByYear())
        .isEqualTo(Map.of("2017", Map.of("VIEWS_ADOPTED", 1L)));
    assertThat(stats.getCompensationsByYear()).isEqualTo(Map.of("2017", 1L));
    assertThat(stats.getCompensationMinorByCurrency()).isEqualTo(Map.of("TJS", 2_241_000L));
    assertThat(stats.getCompensationMinorByYear())
        .isEqualTo(Map.of("2017", Map.of("TJS", 2_241_000L)));
    assertThat(stats.getCompensationPaidMinorByCurrency()).isEqualTo(Map.of("TJS", 1_000_000L));
    assertThat(stats.getCompensationPaidMinorByYear())
        .isEqualTo(Map.of("2017", Map.of("TJS", 1_000_000L)));
  }

  @Test
  void aCaseThatMovesOnMovesBetweenCountsAndARetractionTakesItsFiguresBack() {
    final CaseState firstRefusal =
        state("TJ-2016-0007", 2016)
            .setRefusalCount(1)
            .setComplaintCount(1)
            .setComplaintFiledAt(Instant.parse("2016-03-02T00:00:00Z"))
            .build();
    final CaseState annulledAndRefusedAgain =
        CaseState.newBuilder(firstRefusal)
            .setRefusalCount(2)
            .setAppealCount(1)
            .setAnnulmentCount(1)
            .setDaysToExamination(5)
            .setExaminationsConducted(1)
            .build();
    final CaseState other = state("TJ-2015-0001", 2015).setRefusalCount(1).build();

    CountryStats stats =
        CountryFigures.add(other, CountryFigures.add(firstRefusal, CountryFigures.empty()));
    assertThat(stats.getCasesByRefusalsByYear())
        .isEqualTo(Map.of("2015", Map.of("1", 1L), "2016", Map.of("1", 1L)));

    stats =
        CountryFigures.add(annulledAndRefusedAgain, CountryFigures.subtract(firstRefusal, stats));
    assertThat(stats.getRefusals()).isEqualTo(3);
    assertThat(stats.getRefusalsByYear()).isEqualTo(Map.of("2015", 1L, "2016", 2L));
    assertThat(stats.getCasesByRefusals())
        .as("the case moved from '1' to '2'")
        .isEqualTo(Map.of("1", 1L, "2", 1L));
    assertThat(stats.getCasesByRefusalsByYear())
        .isEqualTo(Map.of("2015", Map.of("1", 1L), "2016", Map.of("2", 1L)));
    assertThat(stats.getAppealsByYear()).isEqualTo(Map.of("2016", 1L));
    assertThat(stats.getAnnulmentsByYear()).isEqualTo(Map.of("2016", 1L));
    assertThat(stats.getExaminationsByStage()).isEqualTo(Map.of("CONDUCTED", 1L));
    assertThat(stats.getExaminedWithin3Days()).as("5 days is too late").isZero();
    assertThat(stats.getExaminedWithin3DaysShare()).isEqualTo(0.0);

    // The annulment and the second refusal are retracted: the case is back where it was.
    stats =
        CountryFigures.add(firstRefusal, CountryFigures.subtract(annulledAndRefusedAgain, stats));
    assertThat(stats.getCasesByRefusalsByYear())
        .isEqualTo(Map.of("2015", Map.of("1", 1L), "2016", Map.of("1", 1L)));
    assertThat(stats.getAnnulmentsByYear()).as("no zero entries are left behind").isEmpty();
    assertThat(stats.getExaminationsByStage()).isEmpty();
  }

  @Test
  void subtractingEveryCaseAddedLeavesNoFigureBehind() {
    final CaseState full = pingPong();
    final CaseState unregistered =
        CaseState.newBuilder(full)
            .setCaseId("TJ-2016-0099")
            .setRegisteredAt(null)
            .setRegisteredYear(null)
            .setAllegation(null)
            .setVictim(null)
            .build();
    final CountryStats added =
        CountryFigures.add(unregistered, CountryFigures.add(full, CountryFigures.empty()));
    assertThat(added.getRefusals()).as("totals count unregistered cases too").isEqualTo(6);
    assertThat(added.getRefusalsByYear())
        .as("years only registered ones")
        .isEqualTo(Map.of("2017", 3L));

    final CountryStats none =
        CountryFigures.subtract(unregistered, CountryFigures.subtract(full, added));

    final CountryStats expected = CountryFigures.empty();
    expected.setCountry(Country.TJ);
    expected.setUpdatedAt(full.getLastEventAt());
    assertThat(none).isEqualTo(expected);
  }

  @Test
  void summingStatesOnceGivesWhatAddingThemOneByOneGives() {
    final CaseState full = pingPong();
    final List<CaseState> states =
        List.of(
            full,
            CaseState.newBuilder(full).setCaseId("TJ-2016-0098").build(),
            CaseState.newBuilder(full)
                .setCaseId("TJ-2016-0099")
                .setRegisteredAt(null)
                .setRegisteredYear(null)
                .build(),
            criminalComplaint(3),
            criminalComplaint(25),
            criminalComplaint(null));
    CountryStats tajik = CountryFigures.empty();
    CountryStats other = CountryFigures.empty();
    for (final CaseState state : states) {
      if (state.getCountry() == Country.TJ) {
        tajik = CountryFigures.add(state, tajik);
      } else {
        other = CountryFigures.add(state, other);
      }
    }

    final Map<Country, CountryStats> summed = CountryFigures.of(states);

    assertThat(summed).containsEntry(Country.TJ, tajik).containsEntry(other.getCountry(), other);
    assertThat(summed).hasSize(2);
    final CountryStats before = CountryStats.newBuilder(summed.get(Country.TJ)).build();
    CountryFigures.add(full, summed.get(Country.TJ));
    assertThat(summed.get(Country.TJ))
        .as("adding to the sum leaves it as it was")
        .isEqualTo(before);
  }

  @Test
  void sharesOfInvestigationsAndExaminationsCountThoseThatNeverCame() {
    CountryStats stats = CountryFigures.empty();
    stats =
        CountryFigures.add(
            state("KZ-2016-0001", 2016)
                .setComplaintFiledAt(Instant.parse("2016-03-02T00:00:00Z"))
                .setDaysToExamination(3)
                .setInvestigationCount(3)
                .setTortureArticleInvestigations(1)
                .build(),
            stats);
    stats =
        CountryFigures.add(
            state("KZ-2016-0002", 2016)
                .setComplaintFiledAt(Instant.parse("2016-03-02T00:00:00Z"))
                .setInvestigationCount(1)
                .setIndependentInvestigations(1)
                .build(),
            stats);
    stats =
        CountryFigures.add(
            state("KZ-2016-0003", 2016)
                .setComplaintFiledAt(Instant.parse("2016-03-02T00:00:00Z"))
                .setDaysToExamination(4)
                .build(),
            stats);
    stats =
        CountryFigures.add(
            state("KZ-2016-0004", 2016)
                .setComplaintFiledAt(Instant.parse("2016-03-02T00:00:00Z"))
                .build(),
            stats);

    assertThat(stats.getInvestigations()).isEqualTo(4);
    assertThat(stats.getTortureArticleInvestigationShare()).isEqualTo(0.25);
    assertThat(stats.getIndependentInvestigationShare()).isEqualTo(0.25);
    assertThat(stats.getComplaintsFiledByYear()).isEqualTo(Map.of("2016", 4L));
    assertThat(stats.getExaminedWithin3DaysByYear()).isEqualTo(Map.of("2016", 1L));
    assertThat(stats.getExaminedWithin3DaysShare())
        .as("1 of 4 complaints, never-examined ones included")
        .isEqualTo(0.25);
    assertThat(CountryFigures.empty().getIndependentInvestigationShare())
        .as("no investigation, no share")
        .isNull();
  }

  @Test
  void refusalsPerCaseAreGroupedAsOnceTwiceAndThreeOrMoreTimes() {
    assertThat(CountryFigures.refusalsKey(1)).isEqualTo("1");
    assertThat(CountryFigures.refusalsKey(2)).isEqualTo("2");
    assertThat(CountryFigures.refusalsKey(3)).isEqualTo("3+");
    assertThat(CountryFigures.refusalsKey(11)).isEqualTo("3+");
  }

  @Test
  void theVictimProfilesAreMinorsWomenAndReturnees() {
    assertThat(CountryFigures.victimProfile(null)).isEmpty();
    assertThat(CountryFigures.victimProfile(new VictimProfile(Sex.MALE, AgeBand.AGE_30_44, false)))
        .isEmpty();
    assertThat(
            CountryFigures.victimProfile(new VictimProfile(Sex.FEMALE, AgeBand.AGE_18_29, false)))
        .containsExactly("FEMALE");
    assertThat(
            CountryFigures.victimProfile(
                new VictimProfile(Sex.UNDISCLOSED, AgeBand.UNDER_18, true)))
        .containsExactly("UNDER_18", "RETURNED_FROM_ABROAD");
  }

  /**
   * A TJ case registered on 1 January 2017 in Dushanbe (still 2016 in UTC): a death in custody in
   * police custody, refused three times, appealed twice, one annulment and reopening, suspended.
   */
  private static CaseState pingPong() {
    return state("TJ-2017-0001", 2017)
        .setRegisteredAt(Instant.parse("2016-12-31T20:00:00Z"))
        .setAllegation(Allegation.DEATH_IN_CUSTODY)
        .setPerpetratorAgency(Agency.POLICE)
        .setPlaceOfDetention(PlaceOfDetention.TEMPORARY_DETENTION_FACILITY)
        .setVictim(new VictimProfile(Sex.FEMALE, AgeBand.UNDER_18, true))
        .setComplaintFiledAt(Instant.parse("2017-01-03T05:00:00Z"))
        .setComplaintCount(2)
        .setRefusalCount(3)
        .setAppealCount(2)
        .setAnnulmentCount(1)
        .setReopeningCount(1)
        .setInvestigationCount(2)
        .setIndependentInvestigations(1)
        .setSuspensionCount(1)
        .setSuspendedNow(true)
        .setExaminationsRequested(2)
        .setExaminationsConducted(1)
        .setExaminationsRefused(1)
        .setIndependentExaminations(1)
        .setDaysToExamination(2)
        .setUnBody(UnBody.COMMITTEE_AGAINST_TORTURE)
        .setUnStage(UnStage.VIEWS_ADOPTED)
        .setCompensatedAt(Instant.parse("2017-09-01T05:00:00Z"))
        .setCompensationMinorByCurrency(Map.of("TJS", 2_241_000L))
        .setCompensationPaidMinorByCurrency(Map.of("TJS", 1_000_000L))
        .setLastEventAt(Instant.parse("2017-10-01T05:00:00Z"))
        .build();
  }

  private static CaseState.Builder state(final String caseId, final int registeredYear) {
    return CaseState.newBuilder()
        .setCaseId(caseId)
        .setCountry(Countries.fromCode(caseId.substring(0, 2)).orElseThrow())
        .setCoalition("coalition")
        .setStage(CaseStage.REGISTERED)
        .setRegisteredAt(Instant.parse(registeredYear + "-06-01T00:00:00Z"))
        .setRegisteredYear(registeredYear);
  }

  private static CaseState criminalComplaint(final Integer daysToInvestigation) {
    return CaseState.newBuilder()
        .setCaseId("KZ-2016-0001")
        .setCountry(Country.KZ)
        .setCoalition("kz")
        .setStage(org.casewatch.model.CaseStage.COMPLAINT_FILED)
        .setComplaintFiledAt(Instant.parse("2016-03-02T00:00:00Z"))
        .setFirstCriminalComplaintAt(Instant.parse("2016-03-02T00:00:00Z"))
        .setDaysToInvestigation(daysToInvestigation)
        .setReprisals(List.of())
        .setCompensationMinorByCurrency(Map.of())
        .build();
  }
}
