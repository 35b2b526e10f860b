package org.casewatch.topology.internals.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.ComplaintWithdrawn;
import org.casewatch.model.ReprisalReported;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.topology.rules.CountryRules;
import org.casewatch.topology.rules.LocalCalendar;

/**
 * COERCED_WITHDRAWAL: a complaint withdrawn within {@code coercedWithdrawalDays} after a reprisal,
 * or withdrawn for fear of reprisal or under pressure. HIGH: prosecutors have announced proceedings
 * against victims who withdraw.
 */
public final class CoercedWithdrawalRule extends NamedRule {

  private static final Set<WithdrawalReason> COERCED_REASONS =
      EnumSet.of(WithdrawalReason.FEAR_OF_REPRISAL, WithdrawalReason.PRESSURE);

  public CoercedWithdrawalRule() {
    super(RuleId.COERCED_WITHDRAWAL, 3);
  }

  @Override
  public RuleVerdict evaluate(
      final CaseFacts facts, final CountryRules parameters, final Instant now) {
    final int window = parameters.coercedWithdrawalDays();
    final LocalCalendar calendar = facts.calendar();
    final List<AlertFinding> findings = new ArrayList<>();
    for (final CaseEvent withdrawal : facts.all(ComplaintWithdrawn.class)) {
      final Instant withdrawnAt = withdrawal.getOccurredAt();
      final WithdrawalReason reason = ((ComplaintWithdrawn) withdrawal.getPayload()).getReason();
      final Optional<CaseEvent> recentReprisal =
          facts.all(ReprisalReported.class).stream()
              .filter(r -> !r.getOccurredAt().isAfter(withdrawnAt))
              .filter(r -> calendar.daysBetween(r.getOccurredAt(), withdrawnAt) <= window)
              .reduce((earlier, later) -> later);
      final String explanation;
      if (recentReprisal.isPresent()) {
        final CaseEvent reprisal = recentReprisal.get();
        explanation =
            "complaint withdrawn "
                + calendar.date(withdrawnAt)
                + " ("
                + reason
                + "), "
                + calendar.daysBetween(reprisal.getOccurredAt(), withdrawnAt)
                + " days after reprisal "
                + ((ReprisalReported) reprisal.getPayload()).getKind()
                + " on "
                + calendar.date(reprisal.getOccurredAt())
                + " (within "
                + window
                + " days)";
      } else if (COERCED_REASONS.contains(reason)) {
        explanation = "complaint withdrawn " + calendar.date(withdrawnAt) + " for " + reason;
      } else {
        continue;
      }
      findings.add(
          AlertFinding.raised(
              facts,
              AlertIds.of(facts.caseId(), id(), withdrawal.getEventId()),
              this,
              Severity.HIGH,
              withdrawnAt,
              null,
              withdrawal.getEventId(),
              window,
              explanation));
    }
    return new RuleVerdict(findings, List.of());
  }
}
