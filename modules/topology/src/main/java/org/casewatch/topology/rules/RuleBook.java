package org.casewatch.topology.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.casewatch.model.Country;
import org.casewatch.topology.internals.rules.AlertFinding;
import org.casewatch.topology.internals.rules.CaseFacts;
import org.casewatch.topology.internals.rules.CoercedWithdrawalRule;
import org.casewatch.topology.internals.rules.CompensationUnpaidRule;
import org.casewatch.topology.internals.rules.DecisionNotAppealedRule;
import org.casewatch.topology.internals.rules.DowngradedQualificationRule;
import org.casewatch.topology.internals.rules.ForensicExaminationMissingRule;
import org.casewatch.topology.internals.rules.InadequateCompensationRule;
import org.casewatch.topology.internals.rules.IntimidationRule;
import org.casewatch.topology.internals.rules.NoIndependentInvestigationRule;
import org.casewatch.topology.internals.rules.RefusalToInvestigateRule;
import org.casewatch.topology.internals.rules.RepeatedRefusalsRule;
import org.casewatch.topology.internals.rules.RetaliationRule;
import org.casewatch.topology.internals.rules.Rule;
import org.casewatch.topology.internals.rules.RuleVerdict;
import org.casewatch.topology.internals.rules.StalledComplaintRule;
import org.casewatch.topology.internals.rules.StalledInvestigationRule;
import org.casewatch.topology.internals.rules.SuspensionTooLongRule;
import org.casewatch.topology.internals.rules.UnInterimMeasuresBreachedRule;
import org.casewatch.topology.internals.rules.UnViewsNotImplementedRule;
import org.casewatch.topology.internals.rules.UrgentDeathInCustodyRule;

/** Every rule casewatch applies, evaluated together on a case, and the table they read. */
public final class RuleBook {

  private final Rules rules;
  private final String version;
  private final List<Rule> all =
      List.of(
          new StalledComplaintRule(),
          new StalledInvestigationRule(),
          new RetaliationRule(),
          new CoercedWithdrawalRule(),
          new InadequateCompensationRule(),
          new RefusalToInvestigateRule(),
          new DecisionNotAppealedRule(),
          new RepeatedRefusalsRule(),
          new SuspensionTooLongRule(),
          new IntimidationRule(),
          new NoIndependentInvestigationRule(),
          new DowngradedQualificationRule(),
          new UrgentDeathInCustodyRule(),
          new ForensicExaminationMissingRule(),
          new UnInterimMeasuresBreachedRule(),
          new UnViewsNotImplementedRule(),
          new CompensationUnpaidRule());

  public RuleBook(final Rules rules) {
    this.rules = rules;
    final StringBuilder versions = new StringBuilder(rules.version());
    all.forEach(rule -> versions.append('|').append(rule.id()).append(rule.version()));
    this.version =
        rules.version() + "-" + Integer.toHexString(versions.toString().hashCode() & 0xFFFF);
  }

  public RuleVerdict evaluate(final CaseFacts facts, final Instant now) {
    final CountryRules parameters = rules.forCountry(facts.country());
    final List<AlertFinding> findings = new ArrayList<>();
    final List<Instant> pending = new ArrayList<>();
    for (final Rule rule : all) {
      final RuleVerdict verdict = rule.evaluate(facts, parameters, now);
      findings.addAll(verdict.findings());
      pending.addAll(verdict.pendingDeadlines());
    }
    return new RuleVerdict(findings, pending);
  }

  public CountryRules forCountry(final Country country) {
    return rules.forCountry(country);
  }

  /** The rule table's hash and the rules' versions, as alerts carry it in {@code rulesVersion}. */
  public String version() {
    return version;
  }
}
