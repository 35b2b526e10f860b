package org.casewatch.topology.internals.rules;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.model.TermExtended;
import org.casewatch.topology.rules.CountryRules;
import org.casewatch.topology.rules.LocalCalendar;

/**
 * STALLED_INVESTIGATION: every opened investigation, a reopening included, must be decided within
 * {@code stalledInvestigationDays}, moved by each term extension granted before the term ran out; a
 * decision taken before the opening (the refusal that an appeal annulled) does not count, and
 * neither does a suspension.
 */
public final class StalledInvestigationRule extends DeadlineRule {

  public StalledInvestigationRule() {
    super(RuleId.STALLED_INVESTIGATION, 3, Severity.MEDIUM, "decision");
  }

  @Override
  List<CaseEvent> starts(final CaseFacts facts) {
    return facts.all(InvestigationOpened.class);
  }

  /** A suspension ("perpetrator not identified") is a common way to bury a case, not a decision. */
  @Override
  boolean answers(final CaseFacts facts, final CaseEvent start, final CaseEvent event) {
    return CaseFacts.isDecision(event);
  }

  /**
   * The standard term, moved by every extension of this opening (before the next opening and before
   * its decision) granted while the term, as extended so far, still ran.
   */
  @Override
  Optional<Term> term(final CaseFacts facts, final CountryRules parameters, final CaseEvent start) {
    final LocalCalendar calendar = facts.calendar();
    final Optional<CaseEvent> decision = answer(facts, start);
    final Optional<CaseEvent> nextOpening =
        facts.all(InvestigationOpened.class).stream()
            .filter(opening -> facts.compare(opening, start) > 0)
            .findFirst();
    Term term = Term.of(parameters.stalledInvestigationDays());
    for (final CaseEvent extension : facts.all(TermExtended.class)) {
      final Instant deadline = calendar.deadline(start.getOccurredAt(), term.days());
      final boolean ofThisOpening =
          facts.compare(extension, start) > 0
              && nextOpening.map(next -> facts.compare(extension, next) < 0).orElse(true)
              && decision.map(decided -> facts.compare(extension, decided) < 0).orElse(true);
      if (ofThisOpening && !extension.getOccurredAt().isAfter(deadline)) {
        final int days = ((TermExtended) extension.getPayload()).getDays();
        term =
            term.extendedBy(
                days,
                "term extended by "
                    + days
                    + " days on "
                    + calendar.date(extension.getOccurredAt()));
      }
    }
    return Optional.of(term);
  }

  /**
   * The opening alone: a term extended after the alert keeps its id (and ends it if the new term
   * still runs).
   */
  @Override
  String idKey(final CaseEvent start, final Instant deadline) {
    return start.getEventId();
  }

  @Override
  String describe(final CaseEvent event) {
    if (event.getPayload() instanceof InvestigationOpened opened) {
      return "investigation opened under " + opened.getLegalArticle();
    }
    return "investigation decided ("
        + ((InvestigationClosed) event.getPayload()).getOutcome()
        + ")";
  }
}
