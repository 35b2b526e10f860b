package org.casewatch.topology.internals.rules;

import java.util.List;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.CompensationPaid;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;

/**
 * COMPENSATION_UNPAID: an award not paid in full within N local days (default 180). Payments in a
 * currency settle its awards in the order they were made: an award is paid in full by the payment
 * with which the case's payments in its currency reach all its awards in that currency up to it.
 * MEDIUM; paid in full late, it is resolved ANSWERED_LATE.
 */
public final class CompensationUnpaidRule extends DeadlineRule {

  public CompensationUnpaidRule() {
    super(RuleId.COMPENSATION_UNPAID, 1, Severity.MEDIUM, "payment in full");
  }

  @Override
  List<CaseEvent> starts(final CaseFacts facts) {
    return facts.all(CompensationAwarded.class);
  }

  @Override
  boolean answers(final CaseFacts facts, final CaseEvent start, final CaseEvent event) {
    if (!(event.getPayload() instanceof CompensationPaid paid)) {
      return false;
    }
    final String currency = ((CompensationAwarded) start.getPayload()).getCurrency();
    if (!paid.getCurrency().equals(currency)) {
      return false;
    }
    final long awardedUpToIt =
        facts.all(CompensationAwarded.class).stream()
            .filter(award -> facts.compare(award, start) <= 0)
            .map(award -> (CompensationAwarded) award.getPayload())
            .filter(award -> award.getCurrency().equals(currency))
            .mapToLong(CompensationAwarded::getAmountMinor)
            .sum();
    final long paidUpToIt =
        facts.all(CompensationPaid.class).stream()
            .filter(payment -> facts.compare(payment, event) <= 0)
            .map(payment -> (CompensationPaid) payment.getPayload())
            .filter(payment -> payment.getCurrency().equals(currency))
            .mapToLong(CompensationPaid::getAmountMinor)
            .sum();
    return paidUpToIt >= awardedUpToIt;
  }

  /** Payments made before an award (or more than an earlier award) count towards it. */
  @Override
  boolean answersWhateverItsTime(
      final CaseFacts facts, final CaseEvent start, final CaseEvent event) {
    return answers(facts, start, event);
  }

  @Override
  boolean answersEveryoneWaiting(final CaseEvent answer) {
    return true;
  }

  @Override
  String describe(final CaseEvent event) {
    if (event.getPayload() instanceof CompensationAwarded award) {
      return "compensation of "
          + award.getAmountMinor()
          + " "
          + award.getCurrency()
          + " (minor units) awarded";
    }
    final CompensationPaid paid = (CompensationPaid) event.getPayload();
    return "paid in full with "
        + paid.getAmountMinor()
        + " "
        + paid.getCurrency()
        + " (minor units)";
  }
}
