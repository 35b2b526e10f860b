package org.casewatch.topology.internals.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.country.CountryFigures;
import org.casewatch.topology.rules.RuleBook;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;

/**
 * Each published state says how it moves its country's figures, from what the case counted for as
 * last published (kept in its record), so the figures summed from the changes are the figures of
 * the cases' latest states; a record written before the figures were kept there is counted once.
 */
class FiguresMovedTest {

  private static final RuleBook RULES = new RuleBook(RulesFile.defaults());
  private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

  private final InMemoryCaseStore store = new InMemoryCaseStore();
  private final Map<String, CaseState> latest = new TreeMap<>();
  private final Map<Country, CountryStats> summed = new TreeMap<>();

  @Test
  void theFiguresSummedFromTheChangesAreThoseOfTheCasesLatestStates() {
    final CaseTracker tracker = counting();
    final CaseBuilder kz = aCase("KZ-2016-0001");
    final CaseEvent refusal = kz.refused(on("2016-03-10"));
    final CaseEvent reprisal = kz.reprisal(on("2016-03-12"), ReprisalKind.DETENTION);
    final CaseBuilder other = aCase("KZ-2017-0002");
    final CaseBuilder tj = aCase("TJ-2016-0003");
    for (final CaseEvent event :
        List.of(
            kz.registered(on("2016-03-01"), Allegation.TORTURE, Agency.POLICE, AgeBand.UNDER_18),
            kz.complaintTo(Authority.PROSECUTOR, on("2016-03-02")),
            refusal,
            reprisal,
            other.registered(on("2017-01-05")),
            kz.appealed(on("2016-03-20"), refusal, Authority.COURT),
            tj.registered(on("2016-05-01")),
            kz.annulled(on("2016-04-01"), refusal),
            kz.investigationOpened(on("2016-04-10")),
            other.complaintFiled(on("2017-01-06")),
            tj.complaintFiled(on("2016-05-02")),
            kz.retraction(on("2016-05-01"), reprisal, RetractionReason.ENTERED_IN_ERROR),
            kz.investigationClosed(on("2016-06-01"), InvestigationOutcome.SUSPENDED),
            tj.compensationAwarded(on("2016-09-01"), 2_241_000, "TJS"))) {
      collect(tracker.accept(event, NOW, NOW));
    }
    collect(tracker.advance(NOW.plusSeconds(60)));

    assertThat(summed).isEqualTo(CountryFigures.of(latest.values()));
    assertThat(summed.get(Country.KZ).getCasesRegistered()).isEqualTo(2);
    assertThat(summed.get(Country.KZ).getCasesWithReprisals()).as("retracted").isZero();
  }

  @Test
  void aCaseWhoseRecordDoesNotKeepWhatItCountsForIsRecountedOnce() {
    final CaseTracker before = counting();
    final CaseBuilder uz = aCase("UZ-2016-0004");
    collect(before.accept(uz.registered(on("2016-02-01")), NOW, NOW));
    collect(before.accept(uz.complaintFiled(on("2016-02-02")), NOW, NOW));
    // As a release before December 2026 left it, with figures that do not count it yet.
    final CaseRecord record = store.record("UZ-2016-0004").orElseThrow();
    record.setContribution(null);
    store.putRecord("UZ-2016-0004", record);
    summed.clear();

    final CaseTracker after = counting();
    final List<CaseOutput> recounted = after.recount("UZ-2016-0004");
    collect(recounted);

    assertThat(recounted).hasAtLeastOneElementOfType(CaseOutput.StateChanged.class);
    assertThat(summed).isEqualTo(CountryFigures.of(latest.values()));
    assertThat(after.recount("UZ-2016-0004")).as("counted once").isEmpty();
    assertThat(after.recount("UZ-2016-9999")).as("an unknown case").isEmpty();

    collect(after.accept(uz.investigationOpened(on("2016-03-01")), NOW, NOW));
    assertThat(summed).isEqualTo(CountryFigures.of(latest.values()));
  }

  @Test
  void aCaseWhoseRecordDoesNotKeepItIsCountedInFullByItsNextChange() {
    final CaseTracker before = counting();
    final CaseBuilder kg = aCase("KG-2016-0005");
    collect(before.accept(kg.registered(on("2016-02-01")), NOW, NOW));
    final CaseRecord record = store.record("KG-2016-0005").orElseThrow();
    record.setContribution(null);
    store.putRecord("KG-2016-0005", record);
    summed.clear();

    collect(counting().accept(kg.complaintFiled(on("2016-02-02")), NOW, NOW));

    assertThat(summed).isEqualTo(CountryFigures.of(latest.values()));
  }

  @Test
  void aTrackerThatDoesNotCountFiguresRecountsNothing() {
    final CaseTracker plain = new CaseTracker(RULES, ClockMode.LIVE, store);
    plain.accept(aCase("TM-2016-0006").registered(on("2016-02-01")), NOW, NOW);
    final CaseRecord record = store.record("TM-2016-0006").orElseThrow();
    record.setContribution(null);
    store.putRecord("TM-2016-0006", record);

    assertThat(plain.recount("TM-2016-0006")).isEmpty();
  }

  private CaseTracker counting() {
    final CaseTracker tracker = new CaseTracker(RULES, ClockMode.LIVE, store);
    tracker.countFigures(this::moved);
    return tracker;
  }

  private void collect(final List<CaseOutput> outputs) {
    for (final CaseOutput output : outputs) {
      if (output instanceof CaseOutput.StateChanged changed) {
        latest.put(changed.caseId(), changed.state());
      }
    }
  }

  private void moved(final CaseOutput.FiguresMoved moved) {
    summed.put(
        moved.country(),
        CountryFigures.plus(
            summed.getOrDefault(moved.country(), CountryFigures.empty()),
            moved.change(),
            moved.country()));
  }
}
