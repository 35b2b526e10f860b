package org.casewatch.topology.internals.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.casewatch.model.AlertAction;
import org.casewatch.model.AlertActionType;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.Examiner;
import org.casewatch.model.ForensicStage;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.RuleId;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.deadletters.DeadLetterCode;
import org.casewatch.topology.internals.stores.StoredEventIds;
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
  void aCaseThatSettlesWithNothingToSayKeepsItsRecordAsItWas() {
    final AtomicInteger recordWrites = new AtomicInteger();
    final InMemoryCaseStore plain = new InMemoryCaseStore();
    final CaseTracker tracker =
        new CaseTracker(RULES, ClockMode.LIVE, watched(plain, recordWrites, NOTHING_FAILS));
    tracker.accept(aCase("KZ-2026-0006").complaintFiled(on("2026-11-28")), NOW, NOW);

    // Settled 30 s after its event; its deadlines are weeks away.
    assertThat(tracker.advance(NOW.plusSeconds(40))).isEmpty();

    assertThat(recordWrites).as("writes of the case's record").hasValue(1);
    assertThat(plain.settledThrough())
        .as("how far settled cases were judged: to the case's settling time")
        .hasValue(NOW.plusSeconds(30));
    assertThat(plain.restarted().settledBy(Instant.MAX))
        .as("cases settling again after a restart")
        .isEmpty();
  }

  @Test
  void aCaseThatSettlesIntoAMissedDeadlineIsWrittenAgain() {
    final AtomicInteger recordWrites = new AtomicInteger();
    final CaseTracker tracker =
        new CaseTracker(
            RULES, ClockMode.LIVE, watched(new InMemoryCaseStore(), recordWrites, NOTHING_FAILS));
    // An archived complaint whose deadline passed long ago: raised once the case has settled.
    tracker.accept(aCase("KZ-2026-0007").complaintFiled(on("2025-01-10")), NOW, NOW);

    assertThat(tracker.advance(NOW.plusSeconds(40)))
        .anySatisfy(output -> assertThat(output).isInstanceOf(CaseOutput.AlertChanged.class));
    assertThat(recordWrites).as("writes of the case's record").hasValue(2);
  }

  @Test
  void aDeadlinePassedBetweenSettlingAndThePunctuationIsRaisedByThatPunctuation() {
    // A complaint of 2026-11-20 in Kazakhstan, examined the next day, is stalled after the end of
    // 2026-11-30 in Almaty; until then the case has nothing to say.
    final CaseBuilder kz = aCase("KZ-2026-0010");
    final Instant deadline = Instant.parse("2026-11-30T18:59:59.999Z");
    final CaseTracker tracker = new CaseTracker(RULES, ClockMode.LIVE, new InMemoryCaseStore());
    // The events arrive 35 s before the deadline: settled 5 s before it, found 5 s after it.
    final Instant arrived = deadline.minusSeconds(35);
    examinedComplaint(tracker, kz, arrived);

    assertOneStallRaised(tracker.advance(deadline.plusSeconds(5)), deadline);
  }

  @Test
  void aDeadlinePassedWhileTheTaskWasDownIsRaisedOnceItIsBack() {
    final CaseBuilder kz = aCase("KZ-2026-0011");
    final Instant deadline = Instant.parse("2026-11-30T18:59:59.999Z");
    InMemoryCaseStore store = new InMemoryCaseStore();
    final Instant arrived = deadline.minus(Duration.ofMinutes(20));
    final CaseTracker before = new CaseTracker(RULES, ClockMode.LIVE, store);
    examinedComplaint(before, kz, arrived);
    // The task stops before the case settles, and is back ten minutes after its deadline.
    store = store.restarted();
    final Instant back = deadline.plus(Duration.ofMinutes(10));
    final CaseTracker after = new CaseTracker(RULES, ClockMode.LIVE, store);
    after.startedAt(back);

    final List<CaseOutput> outputs = punctuations(after, back, back.plusSeconds(40));

    assertThat(outputs)
        .filteredOn(CaseOutput.AlertChanged.class::isInstance)
        .map(output -> ((CaseOutput.AlertChanged) output).alert())
        .singleElement()
        .satisfies(alert -> assertThat(alert.getRule()).isEqualTo(RuleId.STALLED_COMPLAINT));
  }

  @Test
  void aTaskMovedOffAnInstanceWhoseClockWasADayAheadSettlesItsNewCasesOnTime() {
    InMemoryCaseStore store = new InMemoryCaseStore();
    final Instant ahead = NOW.plus(Duration.ofDays(1));
    final CaseTracker before = new CaseTracker(RULES, ClockMode.LIVE, store);
    before.startedAt(ahead);
    before.accept(aCase("KZ-2026-0012").complaintFiled(on("2026-11-28")), ahead, ahead);
    assertThat(before.advance(ahead.plusSeconds(40))).as("settled with nothing to say").isEmpty();
    // The task moves to an instance whose clock is right, and an archived complaint arrives,
    // whose deadline passed long ago.
    store = store.restarted();
    final AtomicInteger recordWrites = new AtomicInteger();
    final CaseTracker after =
        new CaseTracker(RULES, ClockMode.LIVE, watched(store, recordWrites, NOTHING_FAILS));
    after.startedAt(NOW);
    after.accept(aCase("KZ-2026-0013").complaintFiled(on("2025-01-10")), NOW, NOW);

    // Its deadlines are due at the first punctuation, before it has settled: the judgement it
    // settles with raises their alerts.
    final List<CaseOutput> outputs = punctuations(after, NOW, NOW.plusSeconds(40));

    assertThat(outputs)
        .as("the archived complaint's alerts, once it settled 30 s after it arrived")
        .filteredOn(CaseOutput.AlertChanged.class::isInstance)
        .map(output -> ((CaseOutput.AlertChanged) output).alert())
        .extracting(alert -> alert.getCaseId() + " " + alert.getRule())
        .containsExactlyInAnyOrder(
            "KZ-2026-0013 STALLED_COMPLAINT", "KZ-2026-0013 FORENSIC_EXAMINATION_MISSING");
    assertThat(store.record("KZ-2026-0012").orElseThrow())
        .as("the case settled ahead, written as judged through its settling time")
        .satisfies(
            record -> {
              assertThat(record.getSettleAt()).isNull();
              assertThat(record.getJudgedThrough()).isEqualTo(ahead.plusSeconds(30));
            });
    assertThat(store.settledThrough())
        .as("how far settled cases were judged: back to the clock")
        .hasValue(NOW);
    assertThat(recordWrites)
        .as("writes: the case settled ahead, the archived complaint's event and its alerts")
        .hasValue(3);
  }

  @Test
  void aCaseLastProcessedOnAnInstanceWhoseClockWasADayAheadIsJudgedWhenItsDeadlinePasses() {
    // Examined, so stalled after the end of 2026-11-30 in Almaty, and nothing to say before.
    final CaseBuilder kz = aCase("KZ-2026-0014");
    final Instant deadline = Instant.parse("2026-11-30T18:59:59.999Z");
    InMemoryCaseStore store = new InMemoryCaseStore();
    // Its events are processed on an instance whose clock is a day ahead, five seconds before the
    // task moves to one whose clock is right, an hour before the deadline.
    final Instant moved = deadline.minus(Duration.ofHours(1));
    final Instant ahead = moved.plus(Duration.ofDays(1)).minusSeconds(5);
    final CaseTracker before = new CaseTracker(RULES, ClockMode.LIVE, store);
    before.startedAt(ahead);
    examinedComplaint(before, kz, ahead);
    store = store.restarted();
    final CaseTracker after = new CaseTracker(RULES, ClockMode.LIVE, store);
    after.startedAt(moved);

    final List<CaseOutput> outputs = punctuations(after, moved, deadline.plusSeconds(60));

    // The stall, within a minute of its deadline, not a day later.
    assertOneStallRaised(outputs, deadline);
  }

  @Test
  void aCaseJudgedOnAnInstanceWhoseClockWasADayAheadIsJudgedAgainSoonAfterItsTaskMoves() {
    final CaseBuilder kz = aCase("KZ-2026-0016");
    final Instant deadline = Instant.parse("2026-11-30T18:59:59.999Z");
    InMemoryCaseStore store = new InMemoryCaseStore();
    final Instant moved = deadline.minus(Duration.ofHours(1));
    final Instant ahead = moved.plus(Duration.ofDays(1));
    final CaseTracker before = new CaseTracker(RULES, ClockMode.LIVE, store);
    before.startedAt(ahead.minus(Duration.ofMinutes(20)));
    // Registered and judged on the instance that is a day ahead: judged through its clock, so the
    // deadline the complaint sets is behind that, and no deadline entry waits for it.
    final Instant registered = ahead.minus(Duration.ofMinutes(10));
    before.accept(kz.registered(on("2026-11-19")), registered, registered);
    assertThat(punctuations(before, registered, ahead.minusSeconds(6))).isEmpty();
    examinedComplaint(before, kz, ahead.minusSeconds(5));
    store = store.restarted();
    final CaseTracker after = new CaseTracker(RULES, ClockMode.LIVE, store);
    after.startedAt(moved);

    final List<CaseOutput> outputs = punctuations(after, moved, moved.plusSeconds(60));

    // The stall, as the instance that was ahead would have raised it once the case settled, and
    // not a day later.
    assertOneStallRaised(outputs, deadline);
  }

  @Test
  void aCoordinatorsActionOnAMarkWrittenBeforeDecember2026KeepsItsEventIdInSixteenBytes() {
    final InMemoryCaseStore store = new InMemoryCaseStore();
    final CaseTracker tracker = new CaseTracker(RULES, ClockMode.LIVE, store);
    final String eventId = "0f8fad5b-d9cb-469f-a165-70867728950e";
    tracker.accept(aCase("KZ-2026-0015").complaintFiled(on("2026-11-20")), NOW, NOW);
    tracker.accept(
        CaseEvent.newBuilder(
                aCase("KZ-2026-0015")
                    .reprisal(on("2026-11-28"), ReprisalKind.PRESSURE_ON_RELATIVES))
            .setEventId(eventId)
            .build(),
        NOW,
        NOW);
    final String alertId = store.alerts("KZ-2026-0015").keySet().iterator().next();
    // As the release before wrote it: the event id as text.
    store.putAlert(
        "KZ-2026-0015",
        alertId,
        AlertMark.newBuilder(store.alerts("KZ-2026-0015").get(alertId))
            .setTriggeringEventId(eventId)
            .build());

    tracker.act(
        AlertAction.newBuilder()
            .setActionId("5d1b4a2e-0d6f-4f0e-9c55-2b8f0f9a1c11")
            .setAlertId(alertId)
            .setCaseId("KZ-2026-0015")
            .setType(AlertActionType.ACKNOWLEDGED)
            .setCoordinator("kz-desk")
            .setTokenId("3f9a12bc04de")
            .setAt(NOW.plusSeconds(60))
            .build());

    final AlertMark acted = store.alerts("KZ-2026-0015").get(alertId);
    assertThat(acted.getTriage()).as("the action folded in").isNotNull();
    assertThat(acted.getTriggeringEventId()).isInstanceOf(ByteBuffer.class);
    assertThat(StoredEventIds.text(acted.getTriggeringEventId())).isEqualTo(eventId);
  }

  @Test
  void aCaseThatHasNotSettledWhenTheTaskRestartsIsJudgedAfterIt() {
    final InMemoryCaseStore store = new InMemoryCaseStore();
    final CaseTracker tracker = new CaseTracker(RULES, ClockMode.LIVE, store);
    tracker.accept(aCase("KZ-2026-0008").complaintFiled(on("2026-11-28")), NOW, NOW);
    tracker.advance(NOW.plusSeconds(40));
    tracker.accept(
        aCase("KZ-2026-0009").complaintFiled(on("2025-01-10")),
        NOW.plusSeconds(45),
        NOW.plusSeconds(45));

    assertThat(store.restarted().settledBy(Instant.MAX))
        .as("cases settling again after a restart")
        .containsExactly("KZ-2026-0009");
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

  /**
   * A complaint of 2026-11-20, examined the next day: stalled after the end of 2026-11-30 in
   * Almaty, and nothing to say before.
   */
  private static void examinedComplaint(
      final CaseTracker tracker, final CaseBuilder kz, final Instant arrived) {
    tracker.accept(kz.complaintFiled(on("2026-11-20")), arrived, arrived);
    tracker.accept(
        kz.examination(on("2026-11-21"), ForensicStage.CONDUCTED, Examiner.STATE_BUREAU),
        arrived,
        arrived);
  }

  /** What the tracker's punctuations put out, every 10 s after {@code from} up to {@code to}. */
  private static List<CaseOutput> punctuations(
      final CaseTracker tracker, final Instant from, final Instant to) {
    final List<CaseOutput> outputs = new ArrayList<>();
    for (Instant punctuation = from.plusSeconds(10);
        !punctuation.isAfter(to);
        punctuation = punctuation.plusSeconds(10)) {
      outputs.addAll(tracker.advance(punctuation));
    }
    return outputs;
  }

  /** The outputs raise one alert: the complaint's stall at {@code deadline}. */
  private static void assertOneStallRaised(final List<CaseOutput> outputs, final Instant deadline) {
    assertThat(outputs)
        .filteredOn(CaseOutput.AlertChanged.class::isInstance)
        .map(output -> ((CaseOutput.AlertChanged) output).alert())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.getRule()).isEqualTo(RuleId.STALLED_COMPLAINT);
              assertThat(alert.getStatus()).isEqualTo(AlertStatus.RAISED);
              assertThat(alert.getDeadline()).isEqualTo(deadline);
            });
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
