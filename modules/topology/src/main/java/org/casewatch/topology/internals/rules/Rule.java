package org.casewatch.topology.internals.rules;

import java.time.Instant;
import org.casewatch.model.RuleId;
import org.casewatch.topology.rules.CountryRules;

/**
 * One alerting rule. A rule is a pure function of a case's facts, the country's parameters and the
 * clock, so live processing and a replay of the same history reach the same alerts.
 */
public interface Rule {

  RuleId id();

  /** Bumped whenever the rule's logic changes, so an alert says which logic raised it. */
  int version();

  /** The rule's alerts on the case as of {@code now}, and when it must look again. */
  RuleVerdict evaluate(CaseFacts facts, CountryRules parameters, Instant now);
}
