package org.casewatch.topology.internals.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.topology.rules.CountryRules;
import org.casewatch.topology.rules.Rules;
import org.casewatch.topology.rules.RulesFile;

/**
 * What the rule tests share: the default rule table, a case's facts from its events, and local
 * times in the case's own country.
 */
final class RuleFixtures {

  static final Rules DEFAULTS = RulesFile.defaults();

  private RuleFixtures() {}

  static CountryRules parameters(final Country country) {
    return DEFAULTS.forCountry(country);
  }

  /** The facts of one case, with the calendar of its country from the default table. */
  static CaseFacts factsOf(final CaseEvent... events) {
    final CaseEvent any = events[0];
    return CaseFacts.of(
        any.getCaseId(),
        any.getCountry(),
        parameters(any.getCountry()).calendar(),
        List.of(events));
  }

  /**
   * {@code rule}'s verdict on the case of {@code events} under the default table, at {@code now}.
   */
  static RuleVerdict judge(final Rule rule, final Instant now, final CaseEvent... events) {
    final CaseFacts facts = factsOf(events);
    return rule.evaluate(facts, parameters(facts.country()), now);
  }

  /** The last millisecond of the local day {@code isoDate} in {@code country}. */
  static Instant endOfLocalDay(final String isoDate, final Country country) {
    return LocalDate.parse(isoDate)
        .plusDays(1)
        .atStartOfDay(parameters(country).timeZone())
        .toInstant()
        .minusMillis(1);
  }

  /** A local wall-clock time such as {@code 2016-03-12T23:30} in {@code country}. */
  static Instant localTime(final String isoDateTime, final Country country) {
    return LocalDateTime.parse(isoDateTime).atZone(parameters(country).timeZone()).toInstant();
  }
}
