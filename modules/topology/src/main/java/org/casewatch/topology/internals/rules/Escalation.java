package org.casewatch.topology.internals.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.casewatch.model.Severity;

/**
 * Minors, and victims still held by the kind of agency they accuse, are in the gravest danger:
 * every alert of their case is one severity higher (at most HIGH). Judged at the alert's raise, so
 * an alert keeps the severity it was raised with.
 */
final class Escalation {

  private Escalation() {}

  /** Why an alert raised at {@code at} on the case is escalated; empty when it is not. */
  static List<String> reasons(final CaseFacts facts, final Instant at) {
    final List<String> reasons = new ArrayList<>();
    if (facts.victimIsMinor()) {
      reasons.add("the victim is a minor");
    }
    if (facts.inCustodyOfTheAccusedAt(at)) {
      reasons.add(
          "the victim is held by " + facts.custodianAt(at).orElseThrow() + ", the agency accused");
    }
    return reasons;
  }

  static Severity raise(final Severity base, final List<String> reasons) {
    if (reasons.isEmpty() || base == Severity.HIGH) {
      return base;
    }
    return base == Severity.LOW ? Severity.MEDIUM : Severity.HIGH;
  }
}
