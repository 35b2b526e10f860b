package org.casewatch.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.cli.simulate.SimulatedEvents.before;
import static org.casewatch.cli.simulate.SimulatedEvents.byCase;
import static org.casewatch.cli.simulate.SimulatedEvents.count;
import static org.casewatch.cli.simulate.SimulatedEvents.localDate;
import static org.casewatch.cli.simulate.SimulatedEvents.payloads;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.CompensationPaid;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.ComplaintWithdrawn;
import org.casewatch.model.Country;
import org.casewatch.model.Custodian;
import org.casewatch.model.CustodyChanged;
import org.casewatch.model.DecisionAnnulled;
import org.casewatch.model.DecisionAppealed;
import org.casewatch.model.Examiner;
import org.casewatch.model.ForensicExamination;
import org.casewatch.model.ForensicStage;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.InvestigationResumed;
import org.casewatch.model.InvestigationSuspended;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.ReprisalReported;
import org.casewatch.model.Sex;
import org.casewatch.model.SuspensionReason;
import org.casewatch.model.TermExtended;
import org.casewatch.model.UnCommunication;
import org.casewatch.model.UnStage;
import org.casewatch.simulation.Histories;
import org.casewatch.simulation.LegalArticles;
import org.junit.jupiter.api.Test;

/**
 * The history the demo publishes (seed 2016) has the coalitions' 2016 figures and the paths of a
 * complaint described in DOMAIN.md, in plausible proportions.
 */
class SimulatedHistoryTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final Set<ReprisalKind> V2_REPRISAL_KINDS =
      EnumSet.of(
          ReprisalKind.PUNISHMENT_CELL,
          ReprisalKind.TRANSFER_TO_WORSE_FACILITY,
          ReprisalKind.DENIAL_OF_MEDICAL_CARE,
          ReprisalKind.DENIAL_OF_LAWYER_ACCESS,
          ReprisalKind.NEW_OR_FABRICATED_CHARGES,
          ReprisalKind.FORCED_PSYCHIATRIC_EXAMINATION,
          ReprisalKind.DEPORTATION_OR_EXTRADITION_THREAT,
          ReprisalKind.DEFAMATION_SUIT);
  private static final Map<Country, String> LESSER_ARTICLES =
      Map.of(
          Country.KZ,
          "CC-362",
          Country.KG,
          "CC-320",
          Country.TJ,
          "CC-316",
          Country.TM,
          "CC-358",
          Country.UZ,
          "CC-206");

  private final List<CaseEvent> history = Histories.history2016(2016, NOW);
  private final Map<String, List<CaseEvent>> cases = byCase(history);

  @Test
  void theCasesRegisteredIn2016HaveTheCoalitionsFigures() {
    final Map<Country, Long> registered =
        history.stream()
            .filter(e -> e.getPayload() instanceof CaseRegistered)
            .collect(
                Collectors.groupingBy(
                    CaseEvent::getCountry,
                    () -> new EnumMap<>(Country.class),
                    Collectors.counting()));
    assertThat(registered)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                Country.KZ,
                163L,
                Country.KG,
                112L,
                Country.TJ,
                57L,
                Country.TM,
                4L,
                Country.UZ,
                9L));
    assertThat(history)
        .filteredOn(e -> e.getPayload() instanceof CaseRegistered)
        .allSatisfy(e -> assertThat(localDate(e).getYear()).as(e.getEventId()).isEqualTo(2016));
  }

  @Test
  void mostComplaintsAreRefusedAndSomeRefusalsBounceBetweenAppealsAndAnnulments() {
    final List<InvestigationClosed> decisions = payloads(history, InvestigationClosed.class);
    final long refusals = count(history, InvestigationClosed.class, refusal());
    assertThat(count(history, ComplaintFiled.class)).isBetween(250L, 330L);
    assertThat(refusals)
        .as("refusals of %d decisions", decisions.size())
        .isGreaterThan(decisions.size() * 2L / 3);
    assertThat(decisions)
        .extracting(InvestigationClosed::getOutcome)
        .as("v1 outcomes, replaced in v2")
        .doesNotContain(InvestigationOutcome.REFUSED_NO_CRIME, InvestigationOutcome.SUSPENDED);
    final List<DecisionAppealed> appeals = payloads(history, DecisionAppealed.class);
    assertThat(appeals)
        .hasSizeGreaterThanOrEqualTo(40)
        .extracting(DecisionAppealed::getAuthority)
        .containsOnly(Authority.PROSECUTOR, Authority.COURT);
    assertThat(count(history, DecisionAnnulled.class)).isBetween(15L, appeals.size() / 2L);
    assertThat(where(InvestigationOpened.class, opened -> true, afterAnAnnulment()))
        .as("reopenings")
        .isGreaterThanOrEqualTo(10);
    assertThat(where(InvestigationClosed.class, refusal(), afterAnAnnulment()))
        .as("refused again")
        .isGreaterThanOrEqualTo(5);
  }

  @Test
  void investigationsAreOpenedByInternalAffairsOrProsecutorsOftenUnderALesserArticle() {
    final List<CaseEvent> openings =
        history.stream().filter(e -> e.getPayload() instanceof InvestigationOpened).toList();
    final long byColleagues =
        count(
            history,
            InvestigationOpened.class,
            opened ->
                opened.getAuthority() == Authority.INTERNAL_AFFAIRS
                    || opened.getAuthority() == Authority.PROSECUTOR);
    final long lesser =
        openings.stream()
            .filter(e -> article(e).equals(LESSER_ARTICLES.get(e.getCountry())))
            .count();
    assertThat(openings).hasSizeBetween(30, 150);
    assertThat(byColleagues).isGreaterThanOrEqualTo(openings.size() * 3L / 4);
    assertThat(lesser).isBetween(openings.size() * 3L / 10, openings.size() * 8L / 10);
    assertThat(openings)
        .allSatisfy(
            e ->
                assertThat(article(e))
                    .as(e.getEventId())
                    .isIn(
                        LESSER_ARTICLES.get(e.getCountry()),
                        LegalArticles.torture(e.getCountry(), localDate(e))));
    assertThat(openings)
        .filteredOn(e -> e.getCountry() == Country.TM)
        .extracting(SimulatedHistoryTest::article)
        .as("no prosecution under Turkmenistan's torture article")
        .doesNotContain("CC-182");
  }

  @Test
  void theTortureArticleIsTheOneInForceOnTheDay() {
    final LocalDate in2016 = LocalDate.of(2016, 6, 1);
    assertThat(List.of(Country.KZ, Country.TJ, Country.TM, Country.UZ))
        .extracting(c -> LegalArticles.torture(c, in2016))
        .containsExactly("CC-146", "CC-143-1", "CC-182", "CC-235");
    assertThat(LegalArticles.torture(Country.KG, in2016)).isEqualTo("CC-305-1");
    assertThat(LegalArticles.torture(Country.KG, LocalDate.of(2018, 12, 31))).isEqualTo("CC-305-1");
    assertThat(LegalArticles.torture(Country.KG, LocalDate.of(2019, 1, 1))).isEqualTo("CC-143");
    assertThat(LegalArticles.torture(Country.KG, LocalDate.of(2021, 11, 30))).isEqualTo("CC-143");
    assertThat(LegalArticles.torture(Country.KG, LocalDate.of(2021, 12, 1))).isEqualTo("CC-137");
  }

  @Test
  void investigationsAreTerminatedSuspendedExtendedAndAFewSentToCourt() {
    final List<InvestigationSuspended> suspensions =
        payloads(history, InvestigationSuspended.class);
    assertThat(
            count(
                history,
                InvestigationClosed.class,
                c -> c.getOutcome() == InvestigationOutcome.SENT_TO_COURT))
        .isBetween(1L, 20L);
    assertThat(
            count(
                history,
                InvestigationClosed.class,
                c -> c.getOutcome() == InvestigationOutcome.TERMINATED))
        .isGreaterThanOrEqualTo(5);
    assertThat(suspensions).hasSizeGreaterThanOrEqualTo(5);
    assertThat(
            suspensions.stream()
                .filter(s -> s.getReason() == SuspensionReason.PERPETRATOR_NOT_IDENTIFIED)
                .count())
        .isGreaterThan(suspensions.size() / 2L);
    assertThat(count(history, InvestigationResumed.class)).isBetween(1L, suspensions.size() / 2L);
    assertThat(payloads(history, TermExtended.class))
        .hasSizeGreaterThanOrEqualTo(5)
        .allSatisfy(extension -> assertThat(extension.getDays()).isBetween(30, 120));
  }

  @Test
  void forensicExaminationsAreRequestedOftenConductedLateAndSometimesRefused() {
    final long complainants = cases.values().stream().filter(this::complained).count();
    final long requested =
        cases.values().stream()
            .filter(
                events ->
                    count(
                            events,
                            ForensicExamination.class,
                            exam -> exam.getStage() == ForensicStage.REQUESTED)
                        > 0)
            .count();
    final List<Duration> delays =
        history.stream()
            .filter(
                e ->
                    e.getPayload() instanceof ForensicExamination exam
                        && exam.getStage() == ForensicStage.CONDUCTED
                        && exam.getExaminer() == Examiner.STATE_BUREAU)
            .map(e -> Duration.between(firstComplaint(e.getCaseId()), e.getOccurredAt()))
            .toList();
    assertThat(requested).isGreaterThanOrEqualTo(complainants * 4 / 10);
    assertThat(delays.stream().filter(delay -> delay.compareTo(Duration.ofDays(3)) > 0).count())
        .as("late of %d conducted", delays.size())
        .isGreaterThan(delays.size() / 2L);
    assertThat(
            count(
                history,
                ForensicExamination.class,
                exam -> exam.getStage() == ForensicStage.REFUSED))
        .isGreaterThanOrEqualTo(5);
    assertThat(
            count(
                history,
                ForensicExamination.class,
                exam -> exam.getExaminer() == Examiner.INDEPENDENT))
        .isBetween(1L, complainants / 10);
  }

  @Test
  void kazakhOfficialsIntimidateBeforeComplaintsAndKyrgyzProsecutorsChargeThoseWhoWithdraw() {
    final long intimidatedBefore =
        where(
            ReprisalReported.class,
            r -> r.getKind() == ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES,
            (events, i) ->
                events.get(i).getCountry() == Country.KZ
                    && before(events, i, CaseRegistered.class)
                    && !before(events, i, ComplaintFiled.class)
                    && complained(events));
    final long deterred =
        cases.values().stream()
            .filter(
                events ->
                    !complained(events)
                        && count(
                                events,
                                ReprisalReported.class,
                                r -> r.getKind() == ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES)
                            > 0)
            .count();
    assertThat(intimidatedBefore)
        .as("intimidated between registration and complaint")
        .isGreaterThanOrEqualTo(5);
    assertThat(deterred).as("intimidated cases with no complaint").isGreaterThanOrEqualTo(1);
    assertThat(
            where(
                ReprisalReported.class,
                r -> r.getKind() == ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT,
                (events, i) ->
                    events.get(i).getCountry() == Country.KG
                        && before(events, i, ComplaintWithdrawn.class)))
        .isGreaterThanOrEqualTo(3);
    assertThat(
            payloads(history, ReprisalReported.class).stream()
                .map(ReprisalReported::getKind)
                .filter(V2_REPRISAL_KINDS::contains)
                .distinct()
                .count())
        .as("v2 reprisal kinds used")
        .isGreaterThanOrEqualTo(5);
  }

  @Test
  void victimsIncludeReturneesHeldByNationalSecurityDeathsInCustodyMinorsAndWomen() {
    final List<CaseEvent> uzbek =
        history.stream().filter(e -> e.getCountry() == Country.UZ).toList();
    assertThat(
            count(
                uzbek,
                CaseRegistered.class,
                r ->
                    r.getVictim().getReturnedFromAbroad()
                        && r.getPerpetratorAgency() == Agency.NATIONAL_SECURITY))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            count(
                uzbek,
                CustodyChanged.class,
                c -> c.getInCustodyOf() == Custodian.NATIONAL_SECURITY))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            count(
                history,
                CaseRegistered.class,
                r -> r.getAllegation() == Allegation.DEATH_IN_CUSTODY))
        .isBetween(1L, 10L);
    assertThat(
            count(
                history, CaseRegistered.class, r -> r.getVictim().getAgeBand() == AgeBand.UNDER_18))
        .isBetween(5L, 40L);
    assertThat(count(history, CaseRegistered.class, r -> r.getVictim().getSex() == Sex.FEMALE))
        .isBetween(15L, 70L);
    assertThat(
            count(
                history,
                CustodyChanged.class,
                c ->
                    c.getInCustodyOf() == Custodian.PENITENTIARY_SERVICE
                        || c.getInCustodyOf() == Custodian.RELEASED))
        .as("transfers and releases")
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void aFewCasesGoToTheUnTreatyBodiesWhoseViewsTheStatesLeaveUnanswered() {
    final long submitted =
        count(history, UnCommunication.class, u -> u.getStage() == UnStage.SUBMITTED);
    assertThat(submitted).isBetween(2L, 20L);
    assertThat(count(history, UnCommunication.class, u -> u.getStage() == UnStage.REGISTERED))
        .isBetween(1L, submitted);
    assertThat(count(history, UnCommunication.class, u -> u.getStage() == UnStage.INTERIM_MEASURES))
        .isGreaterThanOrEqualTo(1);
    assertThat(count(history, UnCommunication.class, u -> u.getStage() == UnStage.VIEWS_ADOPTED))
        .isBetween(1L, 4L);
    assertThat(count(history, UnCommunication.class, u -> u.getStage() == UnStage.STATE_REPLY))
        .isZero();
    assertThat(
            where(
                UnCommunication.class,
                u -> u.getStage() == UnStage.SUBMITTED,
                (events, i) -> !before(events, i, DecisionAppealed.class)))
        .as("submitted before national remedies were tried")
        .isZero();
  }

  @Test
  void tajikistansFiveAwardsArePaidLateInPartOrNever() {
    final List<CaseEvent> awards =
        history.stream().filter(e -> e.getPayload() instanceof CompensationAwarded).toList();
    assertThat(awards)
        .hasSize(Histories.TJ_COMPENSATIONS_2016)
        .allSatisfy(
            award -> {
              assertThat(award.getCountry()).isEqualTo(Country.TJ);
              assertThat(((CompensationAwarded) award.getPayload()).getCurrency()).isEqualTo("TJS");
              assertThat(localDate(award).getYear()).isEqualTo(2016);
              assertThat(award.getOccurredAt()).isAfter(firstComplaint(award.getCaseId()));
            });
    int neverPaid = 0;
    int paidInPart = 0;
    int paidLate = 0;
    for (final CaseEvent award : awards) {
      final long amount = ((CompensationAwarded) award.getPayload()).getAmountMinor();
      final List<CaseEvent> payments =
          cases.get(award.getCaseId()).stream()
              .filter(e -> e.getPayload() instanceof CompensationPaid)
              .toList();
      final long paid =
          payments.stream()
              .mapToLong(e -> ((CompensationPaid) e.getPayload()).getAmountMinor())
              .sum();
      assertThat(paid).as(award.getCaseId()).isBetween(0L, amount);
      neverPaid += payments.isEmpty() ? 1 : 0;
      paidInPart += paid > 0 && paid < amount ? 1 : 0;
      paidLate +=
          payments.stream()
                  .anyMatch(
                      e ->
                          e.getOccurredAt()
                              .isAfter(award.getOccurredAt().plus(Duration.ofDays(180))))
              ? 1
              : 0;
    }
    assertThat(neverPaid).as("never paid").isGreaterThanOrEqualTo(1);
    assertThat(paidInPart).as("paid in part only").isGreaterThanOrEqualTo(1);
    assertThat(paidLate).as("paid more than 180 days after the award").isGreaterThanOrEqualTo(1);
  }

  private static Predicate<InvestigationClosed> refusal() {
    return closed -> closed.getOutcome() == InvestigationOutcome.REFUSED_TO_INITIATE;
  }

  private static BiPredicate<List<CaseEvent>, Integer> afterAnAnnulment() {
    return (events, i) -> before(events, i, DecisionAnnulled.class);
  }

  private static String article(final CaseEvent opening) {
    return ((InvestigationOpened) opening.getPayload()).getLegalArticle();
  }

  private boolean complained(final List<CaseEvent> events) {
    return count(events, ComplaintFiled.class) > 0;
  }

  private Instant firstComplaint(final String caseId) {
    return cases.get(caseId).stream()
        .filter(e -> e.getPayload() instanceof ComplaintFiled)
        .findFirst()
        .orElseThrow()
        .getOccurredAt();
  }

  /**
   * Events of {@code type} passing {@code which} whose place in their case passes {@code context}.
   */
  private <T> long where(
      final Class<T> type,
      final Predicate<T> which,
      final BiPredicate<List<CaseEvent>, Integer> context) {
    long found = 0;
    for (final List<CaseEvent> events : cases.values()) {
      for (int i = 0; i < events.size(); i++) {
        final Object payload = events.get(i).getPayload();
        if (type.isInstance(payload) && which.test(type.cast(payload)) && context.test(events, i)) {
          found++;
        }
      }
    }
    return found;
  }
}
