package org.casewatch.topology.internals.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.ComplaintWithdrawn;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.topology.rules.CountryRules;
import org.casewatch.topology.rules.DatedThreshold;
import org.casewatch.topology.rules.LocalCalendar;

/**
 * A step that must be answered within N local days, one deadline per start: every complaint, every
 * appeal, every opening and reopening, every decision awaiting an appeal starts its own clock. A
 * deadline runs to the end of the local day start + N and is met only by an answer at or after its
 * start and at or before its end; it is missed only when the clock is strictly past it. A deadline
 * missed and answered later is raised and then resolved (ANSWERED_LATE, or WITHDRAWN_AFTER_STALL
 * for a withdrawal), never counted as met.
 */
abstract class DeadlineRule extends NamedRule {

  /** The days a start has, and how the explanation names where they come from. */
  record Term(int days, String source) {

    static Term of(final int days) {
      return new Term(days, "");
    }

    static Optional<Term> from(final Optional<DatedThreshold> threshold) {
      return threshold.map(
          entry ->
              new Term((int) entry.threshold(), "since " + entry.since() + ": " + entry.source()));
    }

    Term extendedBy(final int moreDays, final String why) {
      return new Term(days + moreDays, source.isEmpty() ? why : source + "; " + why);
    }
  }

  private final String awaited;
  private final Severity severity;

  DeadlineRule(final RuleId id, final int version, final Severity severity, final String awaited) {
    super(id, version);
    this.severity = severity;
    this.awaited = awaited;
  }

  /** The events that start a deadline, in event-time order. */
  abstract List<CaseEvent> starts(CaseFacts facts);

  /** Whether {@code event} answers {@code start}. */
  abstract boolean answers(CaseFacts facts, CaseEvent start, CaseEvent event);

  /**
   * The days {@code start} has: the rule table's threshold in force on its local date; empty (the
   * start is not judged) when there is none.
   */
  Optional<Term> term(final CaseFacts facts, final CountryRules parameters, final CaseEvent start) {
    return Term.from(parameters.threshold(id(), facts.calendar().dateOf(start.getOccurredAt())));
  }

  /** How an event reads in an explanation, e.g. "complaint filed to PROSECUTOR". */
  abstract String describe(CaseEvent event);

  /** What names the alert of {@code start}, with the case and rule: its deadline and the start. */
  String idKey(final CaseEvent start, final Instant deadline) {
    return deadline.toEpochMilli() + "|" + start.getEventId();
  }

  /**
   * Whether {@code answer} is already taken by something other than starts of this rule that waited
   * for it from before {@code start} (e.g. an investigation opened earlier, which a same-day
   * decision closes); none by default.
   */
  boolean takenByEarlier(final CaseFacts facts, final CaseEvent start, final CaseEvent answer) {
    return false;
  }

  /**
   * Whether {@code answer} answers every start waiting for it at once (an opening does); none by
   * default.
   */
  boolean answersEveryoneWaiting(final CaseEvent answer) {
    return false;
  }

  /**
   * Whether {@code event} answers {@code start} even if it is dated before it: an appeal naming a
   * decision timed earlier on the decision's (date-only) day, a payment made before the award it
   * covers. None by default.
   */
  boolean answersWhateverItsTime(
      final CaseFacts facts, final CaseEvent start, final CaseEvent event) {
    return false;
  }

  /**
   * An answer at the very instant of its start (date-only dates make that common) answers it only
   * if nothing from before was still waiting for it: a refusal and the appeal against it on one day
   * are the refusal of the earlier complaint, then an appeal that waits for its own answer.
   */
  private boolean answersAtItsOwnInstant(
      final CaseFacts facts, final CaseEvent start, final CaseEvent answer) {
    if (answersEveryoneWaiting(answer)) {
      return true;
    }
    final boolean earlierStartWaiting =
        starts(facts).stream()
            .filter(earlier -> earlier.getOccurredAt().isBefore(start.getOccurredAt()))
            .filter(earlier -> answers(facts, earlier, answer))
            .anyMatch(
                earlier ->
                    facts.events().stream()
                        .noneMatch(
                            event ->
                                answers(facts, earlier, event)
                                    && facts.compare(event, earlier) > 0
                                    && facts.compare(event, answer) < 0));
    return !earlierStartWaiting && !takenByEarlier(facts, start, answer);
  }

  /**
   * The first answer to {@code start}: after it in path order, taken at its own instant only if
   * free; or one that names it.
   */
  Optional<CaseEvent> answer(final CaseFacts facts, final CaseEvent start) {
    // A loop, not a stream: every start of every deadline rule looks for its answer on every
    // judgement. The events are in the case's order, so those after the start follow its place.
    final Instant startedAt = start.getOccurredAt();
    final List<CaseEvent> events = facts.events();
    final int startsAt = facts.placeOf(start);
    for (int place = 0; place < events.size(); place++) {
      final CaseEvent event = events.get(place);
      final boolean after = startsAt >= 0 ? place > startsAt : facts.compare(event, start) > 0;
      if ((after
              && answers(facts, start, event)
              && (event.getOccurredAt().isAfter(startedAt)
                  || answersAtItsOwnInstant(facts, start, event)))
          || answersWhateverItsTime(facts, start, event)) {
        return Optional.of(event);
      }
    }
    return Optional.empty();
  }

  @Override
  public RuleVerdict evaluate(
      final CaseFacts facts, final CountryRules parameters, final Instant now) {
    final LocalCalendar calendar = facts.calendar();
    final List<AlertFinding> findings = new ArrayList<>();
    final List<Instant> pending = new ArrayList<>();
    for (final CaseEvent start : starts(facts)) {
      final Optional<Term> term = term(facts, parameters, start);
      if (term.isEmpty()) {
        continue;
      }
      final int threshold = term.get().days();
      final Instant startedAt = start.getOccurredAt();
      final Instant deadline = calendar.deadline(startedAt, threshold);
      final Term given = term.get();
      final Supplier<String> arithmetic =
          Explanations.once(
              () ->
                  describe(start)
                      + " "
                      + calendar.date(startedAt)
                      + " + "
                      + threshold
                      + " days = deadline end of "
                      + calendar.date(deadline)
                      + " ("
                      + calendar.zone()
                      + ")"
                      + (given.source().isEmpty() ? "" : " [" + given.source() + "]"));
      final AlertFinding raised =
          AlertFinding.raised(
              facts,
              AlertIds.of(facts.caseId(), id(), idKey(start, deadline)),
              this,
              severity,
              deadline,
              deadline,
              start.getEventId(),
              threshold,
              () -> arithmetic.get() + "; no " + awaited + " by then");
      final Optional<CaseEvent> answer = answer(facts, start);
      if (answer.isPresent() && !answer.get().getOccurredAt().isAfter(deadline)) {
        final CaseEvent met = answer.get();
        // A withdrawal ends the wait, but answers nothing: the state's duty to investigate remains.
        final boolean withdrawn = met.getPayload() instanceof ComplaintWithdrawn;
        findings.add(
            raised.resolvedAs(
                withdrawn ? AlertResolution.NO_LONGER_APPLIES : AlertResolution.DEADLINE_MET,
                met.getOccurredAt(),
                met.getEventId(),
                () ->
                    arithmetic.get()
                        + "; "
                        + describe(met)
                        + " "
                        + calendar.date(met.getOccurredAt())
                        + (withdrawn
                            ? ", before the deadline: the wait ended without an answer"
                            : ", by the deadline: it was not missed")));
      } else if (!now.isAfter(deadline)) {
        pending.add(deadline);
      } else {
        findings.add(raised);
        // Missed, and answered later: both are facts, in this order.
        answer.ifPresent(
            late -> {
              final boolean withdrawn = late.getPayload() instanceof ComplaintWithdrawn;
              findings.add(
                  raised.resolvedAs(
                      withdrawn
                          ? AlertResolution.WITHDRAWN_AFTER_STALL
                          : AlertResolution.ANSWERED_LATE,
                      late.getOccurredAt(),
                      late.getEventId(),
                      () ->
                          arithmetic.get()
                              + "; "
                              + describe(late)
                              + " "
                              + calendar.date(late.getOccurredAt())
                              + ", "
                              + calendar.daysBetween(deadline, late.getOccurredAt())
                              + " days after the deadline"
                              + (withdrawn
                                  ? ": the stall ended in a withdrawal, not an answer"
                                  : ": answered late")));
            });
      }
    }
    return new RuleVerdict(findings, pending);
  }
}
