package org.casewatch.topology.internals.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.deadletters.DeadLetterCode;
import org.casewatch.topology.rules.RuleBook;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;

/**
 * A case's bookkeeping record is written once per event: each write is a changelog record on the
 * live path. The case still belongs to the coalition whose event for it came first even when the
 * case logic fails on that event.
 */
class CaseRecordWritesTest {

  private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");
  private static final RuleBook RULES = new RuleBook(RulesFile.defaults());
  private static final String NOTHING_FAILS = "";

  @Test
  void aNewCasesFirstEventWritesItsRecordOnce() {
    final AtomicInteger recordWrites = new AtomicInteger();
    final CaseStore store = watched(new InMemoryCaseStore(), recordWrites, NOTHING_FAILS);
    final CaseTracker tracker = new CaseTracker(RULES, ClockMode.LIVE, store);

    tracker.accept(aCase("KZ-2026-0001").complaintFiled(on("2026-11-28")), NOW, NOW);

    assertThat(recordWrites).as("writes of the case's record").hasValue(1);
    assertOneEventOfKazakhCoalition(store, "KZ-2026-0001");
  }

  @Test
  void aCaseBelongsToTheCoalitionOfItsFirstEventEvenIfTheCaseLogicFailedOnIt() {
    final InMemoryCaseStore plain = new InMemoryCaseStore();
    final CaseTracker failing =
        new CaseTracker(RULES, ClockMode.LIVE, watched(plain, new AtomicInteger(), "putEvent"));
    final CaseEvent first = aCase("KZ-2026-0002").complaintFiled(on("2026-11-28"));
    assertThatThrownBy(() -> failing.accept(first, NOW, NOW)).hasMessageContaining("disk full");

    final CaseEvent foreign =
        CaseEvent.newBuilder(aCase("KZ-2026-0002").registered(on("2026-11-27")))
            .setCoalition("another-coalition")
            .build();
    final List<CaseOutput> outputs =
        new CaseTracker(RULES, ClockMode.LIVE, plain).accept(foreign, NOW, NOW);

    assertThat(outputs)
        .singleElement()
        .isInstanceOfSatisfying(
            CaseOutput.Refused.class,
            refused -> assertThat(refused.code()).isEqualTo(DeadLetterCode.FOREIGN_COALITION));
  }

  @Test
  void aFailureAfterTheFirstEventWasAppliedLeavesItsRecordAsApplied() {
    final InMemoryCaseStore plain = new InMemoryCaseStore();
    // In REPLAY the tracker moves on to the cases that have settled once the event is applied.
    final CaseTracker failing =
        new CaseTracker(RULES, ClockMode.REPLAY, watched(plain, new AtomicInteger(), "settledBy"));
    assertThatThrownBy(
            () -> failing.accept(aCase("KZ-2016-0003").complaintFiled(on("2016-03-02")), NOW, NOW))
        .hasMessageContaining("disk full");

    assertOneEventOfKazakhCoalition(plain, "KZ-2016-0003");
  }

  @Test
  void countingTheFiguresStillWritesTheRecordOnce() {
    final AtomicInteger recordWrites = new AtomicInteger();
    final CaseTracker tracker =
        new CaseTracker(
            RULES, ClockMode.LIVE, watched(new InMemoryCaseStore(), recordWrites, NOTHING_FAILS));
    final List<CaseOutput.FiguresMoved> moved = new ArrayList<>();
    tracker.countFigures(moved::add);

    tracker.accept(aCase("KZ-2026-0004").complaintFiled(on("2026-11-28")), NOW, NOW);

    assertThat(recordWrites).as("writes of the case's record").hasValue(1);
    assertThat(moved).hasSize(1);
  }

  @Test
  void aFailureAfterTheFirstEventWasAppliedStillSendsTheFiguresWhatItsRecordNowCounts() {
    final InMemoryCaseStore plain = new InMemoryCaseStore();
    final CaseTracker failing =
        new CaseTracker(RULES, ClockMode.REPLAY, watched(plain, new AtomicInteger(), "settledBy"));
    final List<CaseOutput.FiguresMoved> moved = new ArrayList<>();
    failing.countFigures(moved::add);
    assertThatThrownBy(
            () -> failing.accept(aCase("KZ-2016-0005").complaintFiled(on("2016-03-02")), NOW, NOW))
        .hasMessageContaining("disk full");

    assertThat(plain.record("KZ-2016-0005").orElseThrow().getContribution().remaining())
        .as("the record counts the complaint")
        .isPositive();
    assertThat(moved)
        .as("and so do the figures, though the call failed after the record was written")
        .singleElement()
        .satisfies(change -> assertThat(change.country()).isEqualTo(Country.KZ));
  }

  /** The case's record is stored, owned by the Kazakh coalition, with its one event counted. */
  private static void assertOneEventOfKazakhCoalition(final CaseReader store, final String caseId) {
    assertThat(store.record(caseId))
        .hasValueSatisfying(
            record -> {
              assertThat(record.getCoalition()).isEqualTo("kz-coalition");
              assertThat(record.getEventCount()).as("the applied event counted").isEqualTo(1);
            });
  }

  /** {@code store}, counting record writes, and failing every call of {@code failingMethod}. */
  private static CaseStore watched(
      final CaseStore store, final AtomicInteger recordWrites, final String failingMethod) {
    return (CaseStore)
        Proxy.newProxyInstance(
            CaseStore.class.getClassLoader(),
            new Class<?>[] {CaseStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("putRecord") && args[1] instanceof CaseRecord) {
                recordWrites.incrementAndGet();
              }
              if (method.getName().equals(failingMethod)) {
                throw new IllegalStateException("disk full");
              }
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
