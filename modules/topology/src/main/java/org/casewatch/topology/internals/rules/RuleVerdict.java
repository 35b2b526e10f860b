package org.casewatch.topology.internals.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule's findings on a case, and the future deadlines at which it must look again even if no
 * event arrives.
 */
public record RuleVerdict(List<AlertFinding> findings, List<Instant> pendingDeadlines) {

  public RuleVerdict {
    findings = List.copyOf(findings);
    pendingDeadlines = List.copyOf(pendingDeadlines);
  }

  public static RuleVerdict nothing() {
    return new RuleVerdict(List.of(), List.of());
  }

  public static RuleVerdict of(final AlertFinding finding) {
    return new RuleVerdict(List.of(finding), List.of());
  }

  public static RuleVerdict pending(final Instant deadline) {
    return new RuleVerdict(List.of(), List.of(deadline));
  }

  public RuleVerdict and(final RuleVerdict other) {
    final List<AlertFinding> allFindings = new ArrayList<>(findings);
    allFindings.addAll(other.findings);
    final List<Instant> allDeadlines = new ArrayList<>(pendingDeadlines);
    allDeadlines.addAll(other.pendingDeadlines);
    return new RuleVerdict(allFindings, allDeadlines);
  }
}
