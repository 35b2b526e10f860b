package org.casewatch.topology.internals.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.topology.rules.CountryRules;
import org.casewatch.topology.rules.LocalCalendar;
import org.casewatch.topology.rules.TortureArticle;

/**
 * DOWNGRADED_QUALIFICATION: an investigation opened under an article that is not the country's
 * torture article in force on the opening's local date (abuse of office, exceeding authority), or
 * requalified to a lesser offence. MEDIUM, at once; resolved (NO_LONGER_APPLIES) when an
 * investigation is later opened under the torture article. Openings on a date the rule table knows
 * no torture article for are not judged.
 */
public final class DowngradedQualificationRule extends NamedRule {

  public DowngradedQualificationRule() {
    super(RuleId.DOWNGRADED_QUALIFICATION, 1);
  }

  @Override
  public RuleVerdict evaluate(
      final CaseFacts facts, final CountryRules parameters, final Instant now) {
    final LocalCalendar calendar = facts.calendar();
    final List<AlertFinding> findings = new ArrayList<>();
    for (final CaseEvent event : facts.events()) {
      final Optional<TortureArticle> article =
          parameters.tortureArticle(calendar.dateOf(event.getOccurredAt()));
      if (article.isEmpty()
          || parameters.threshold(id(), calendar.dateOf(event.getOccurredAt())).isEmpty()) {
        continue;
      }
      final String what;
      if (event.getPayload() instanceof InvestigationOpened opened
          && !article.get().covers(opened.getLegalArticle())) {
        what =
            "investigation opened "
                + calendar.date(event.getOccurredAt())
                + " under "
                + opened.getLegalArticle();
      } else if (event.getPayload() instanceof InvestigationClosed closed
          && closed.getOutcome() == InvestigationOutcome.REQUALIFIED_LESSER_OFFENCE) {
        what = "requalified to a lesser offence " + calendar.date(event.getOccurredAt());
      } else {
        continue;
      }
      final String explanation =
          what
              + ", not the torture article "
              + article.get().article()
              + " (since "
              + article.get().since()
              + ": "
              + article.get().source()
              + ")";
      final AlertFinding raised =
          AlertFinding.raised(
              facts,
              AlertIds.of(facts.caseId(), id(), event.getEventId()),
              this,
              Severity.MEDIUM,
              event.getOccurredAt(),
              null,
              event.getEventId(),
              null,
              explanation);
      findings.add(raised);
      underTortureArticleAfter(facts, parameters, event)
          .ifPresent(
              later ->
                  findings.add(
                      raised.resolvedAs(
                          AlertResolution.NO_LONGER_APPLIES,
                          later.getOccurredAt(),
                          later.getEventId(),
                          () ->
                              explanation
                                  + "; investigation opened under the torture article "
                                  + calendar.date(later.getOccurredAt()))));
    }
    return new RuleVerdict(findings, List.of());
  }

  private static Optional<CaseEvent> underTortureArticleAfter(
      final CaseFacts facts, final CountryRules parameters, final CaseEvent downgrade) {
    return facts.all(InvestigationOpened.class).stream()
        .filter(event -> facts.compare(event, downgrade) > 0)
        .filter(
            event ->
                parameters
                    .tortureArticle(facts.calendar().dateOf(event.getOccurredAt()))
                    .filter(
                        article ->
                            article.covers(
                                ((InvestigationOpened) event.getPayload()).getLegalArticle()))
                    .isPresent())
        .findFirst();
  }
}
