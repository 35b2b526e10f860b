package org.casewatch.topology.rules;

import java.time.Instant;
import java.util.List;
import org.casewatch.topology.cases.CaseFacts;

/** Every rule casewatch applies, evaluated together on a case. */
public final class RuleBook {

  private final Rules rules;
  private final List<Rule> all =
      List.of(
          new StalledComplaintRule(),
          new StalledInvestigationRule(),
          new RetaliationRule(),
          new CoercedWithdrawalRule(),
          new InadequateCompensationRule());

  public RuleBook(final Rules rules) {
    this.rules = rules;
  }

  public RuleVerdict evaluate(final CaseFacts facts, final Instant now) {
    final CountryRules parameters = rules.forCountry(facts.country());
    RuleVerdict verdict = RuleVerdict.nothing();
    for (final Rule rule : all) {
      verdict = verdict.and(rule.evaluate(facts, parameters, now));
    }
    return verdict;
  }
}
