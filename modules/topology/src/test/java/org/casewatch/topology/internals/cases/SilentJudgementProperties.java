package org.casewatch.topology.internals.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.rules.RuleBook;
import org.casewatch.topology.rules.RulesFile;

/**
 * A judgement by the passing of time that changes nothing leaves the case's record unwritten, its
 * settling entry in it. That changes nothing coordinators see: on the live path, with events
 * arriving seconds or weeks apart, deadlines passing, duplicates, retractions and restarts (the
 * queues rebuilt from the records) anywhere, and a wall clock set back or a task moved to an
 * instance whose clock is behind, the tracker emits the same alerts, states and figure changes,
 * call for call, as one that writes the record on every judgement, as before.
 */
class SilentJudgementProperties {

  private static final Instant WALL_CLOCK = Instant.parse("2026-11-30T06:00:00Z");
  private static final RuleBook RULES = new RuleBook(RulesFile.defaults());
  private static final List<Duration> GAPS =
      List.of(
          Duration.ofSeconds(1),
          Duration.ofSeconds(12),
          Duration.ofSeconds(35),
          Duration.ofMinutes(3),
          Duration.ofHours(5),
          Duration.ofDays(3),
          Duration.ofDays(25));
  private static final List<Duration> STEPS_BACK =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofSeconds(29),
          Duration.ofSeconds(30),
          Duration.ofSeconds(41),
          Duration.ofMinutes(10),
          Duration.ofDays(1));

  @Property(tries = 200)
  void judgementsThatChangeNothingNeedNoRecordWrite(@ForAll final long seed) {
    final Random random = new Random(seed);
    final List<CaseEvent> arrivals = new ArrayList<>();
    arrivals.addAll(history(aCase("KZ-2026-0001"), random));
    arrivals.addAll(history(aCase("KG-2026-0002"), random));
    arrivals.addAll(history(aCase("KZ-2026-0003"), random));
    arrivals.sort(Comparator.comparing(CaseEvent::getOccurredAt));
    // Some events are recorded late, some sent twice.
    for (int i = 0; i + 1 < arrivals.size(); i++) {
      if (random.nextInt(4) == 0) {
        arrivals.add(i, arrivals.remove(i + 1));
      }
    }
    for (int repeats = random.nextInt(4); repeats > 0; repeats--) {
      final int original = random.nextInt(arrivals.size());
      arrivals.add(
          original + 1 + random.nextInt(arrivals.size() - original), arrivals.get(original));
    }

    final Run reference = new Run(true);
    final Run silent = new Run(false);
    Instant wallClock = WALL_CLOCK;
    for (final CaseEvent event : arrivals) {
      final Instant before = wallClock;
      final Instant stalled = stalledAfter(event, arrivals);
      wallClock =
          random.nextInt(3) == 0 && stalled.minusSeconds(35).isAfter(wallClock)
              ? stalled.minusSeconds(35)
              : wallClock.plus(GAPS.get(random.nextInt(GAPS.size())));
      // The punctuations in between: every 10 s in a short gap, a few in a long one.
      for (final Instant tick : ticks(before, wallClock, random)) {
        compare(reference, silent, run -> run.tracker.advance(tick));
      }
      if (random.nextInt(7) == 0) {
        if (random.nextBoolean()) {
          // The task moves to an instance whose clock is behind that of the one it left.
          wallClock = wallClock.minus(STEPS_BACK.get(random.nextInt(STEPS_BACK.size())));
        }
        final Instant at = wallClock;
        reference.restart(at);
        silent.restart(at);
      } else if (random.nextInt(20) == 0) {
        // The clock is set back while the task runs.
        wallClock = wallClock.minus(STEPS_BACK.get(random.nextInt(STEPS_BACK.size())));
      }
      final Instant at = wallClock;
      compare(reference, silent, run -> run.tracker.accept(event, at, at));
    }
    for (final Instant tick : ticks(wallClock, wallClock.plus(Duration.ofDays(400)), random)) {
      compare(reference, silent, run -> run.tracker.advance(tick));
    }
    assertThat(silent.figures).isEqualTo(reference.figures);
  }

  /** A case's events, each there or not, on days from 100 days before the wall clock on. */
  private static List<CaseEvent> history(final CaseBuilder events, final Random random) {
    final List<CaseEvent> all = new ArrayList<>();
    all.add(events.registered(day(random)));
    final CaseEvent complaint = events.complaintFiled(day(random));
    all.add(complaint);
    if (random.nextBoolean()) {
      all.add(events.investigationOpened(day(random)));
    }
    final CaseEvent refusal = events.refused(day(random));
    if (random.nextBoolean()) {
      all.add(refusal);
      if (random.nextBoolean()) {
        all.add(events.appealed(day(random), refusal, Authority.COURT));
      }
    }
    if (random.nextInt(3) == 0) {
      all.add(events.investigationClosed(day(random), InvestigationOutcome.REFUSED_NO_CRIME));
    }
    if (random.nextInt(3) == 0) {
      all.add(events.reprisal(day(random), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT));
    }
    if (random.nextInt(3) == 0) {
      all.add(events.withdrawn(day(random), WithdrawalReason.PRESSURE));
    }
    if (random.nextInt(4) == 0) {
      all.add(events.termExtended(day(random), 30));
    }
    if (random.nextInt(4) == 0) {
      all.add(events.retraction(day(random), complaint, RetractionReason.ENTERED_IN_ERROR));
    }
    return all;
  }

  private static Instant day(final Random random) {
    return WALL_CLOCK.minus(Duration.ofDays(100)).plus(Duration.ofHours(random.nextInt(150 * 24)));
  }

  /**
   * When the complaint of the event's case is stalled (ten days, to the end of the day in the
   * country's capital): an event arriving 35 s before settles 5 s before that deadline, and the
   * punctuation after finds it past.
   */
  private static Instant stalledAfter(final CaseEvent event, final List<CaseEvent> arrivals) {
    final ZoneId zone =
        ZoneId.of(event.getCaseId().startsWith("KZ") ? "Asia/Almaty" : "Asia/Bishkek");
    final Instant complained =
        arrivals.stream()
            .filter(other -> other.getCaseId().equals(event.getCaseId()))
            .filter(other -> other.getEventId().contains(":complaint-filed:"))
            .findFirst()
            .orElseThrow()
            .getOccurredAt();
    return complained
        .atZone(zone)
        .toLocalDate()
        .plusDays(11)
        .atStartOfDay(zone)
        .toInstant()
        .minusMillis(1);
  }

  /** Punctuation times after {@code from} up to {@code to}. */
  private static List<Instant> ticks(final Instant from, final Instant to, final Random random) {
    final List<Instant> ticks = new ArrayList<>();
    final long seconds = Duration.between(from, to).toSeconds();
    if (seconds <= 120) {
      for (Instant tick = from.plusSeconds(10); !tick.isAfter(to); tick = tick.plusSeconds(10)) {
        ticks.add(tick);
      }
      return ticks;
    }
    final int count = 1 + random.nextInt(4);
    for (int i = 0; i < count; i++) {
      ticks.add(from.plusSeconds(1 + (long) (random.nextDouble() * (seconds - 1))));
    }
    ticks.add(from.plusSeconds(31));
    ticks.add(from.plusSeconds(41));
    return ticks.stream().sorted().distinct().toList();
  }

  private static void compare(
      final Run reference, final Run silent, final Function<Run, List<CaseOutput>> call) {
    final List<Object> expected = comparable(call.apply(reference));
    assertThat(comparable(call.apply(silent))).isEqualTo(expected);
  }

  /** What coordinators and the figures see of the outputs. */
  private static List<Object> comparable(final List<CaseOutput> outputs) {
    return outputs.stream()
        .map(
            output ->
                output instanceof CaseOutput.StateChanged changed
                    ? List.of(changed.state(), changed.timestamp())
                    : (Object) output)
        .toList();
  }

  /** A tracker on its store, made again from what the store holds when the task restarts. */
  private static final class Run {
    private final boolean writeEveryJudgement;
    private final List<CaseOutput.FiguresMoved> figures = new ArrayList<>();
    private InMemoryCaseStore store = new InMemoryCaseStore();
    private CaseTracker tracker;

    Run(final boolean writeEveryJudgement) {
      this.writeEveryJudgement = writeEveryJudgement;
      this.tracker = tracker(WALL_CLOCK);
    }

    void restart(final Instant wallClock) {
      store = store.restarted();
      tracker = tracker(wallClock);
    }

    private CaseTracker tracker(final Instant wallClock) {
      final CaseTracker made = new CaseTracker(RULES, ClockMode.LIVE, store);
      if (writeEveryJudgement) {
        made.writeEveryJudgement();
      }
      made.countFigures(figures::add);
      made.startedAt(wallClock);
      return made;
    }
  }
}
