package org.casewatch.topology.internals.rules;

import java.util.List;
import java.util.Optional;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.ForensicExamination;
import org.casewatch.model.ForensicStage;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;

/**
 * FORENSIC_EXAMINATION_MISSING: no forensic examination conducted within N local days (default 3)
 * of the first complaint: marks fade, and with them most cases. MEDIUM. A request or a refusal does
 * not answer it; an examination conducted before the complaint does. Threats of torture leave no
 * marks and are not judged.
 */
public final class ForensicExaminationMissingRule extends DeadlineRule {

  public ForensicExaminationMissingRule() {
    super(RuleId.FORENSIC_EXAMINATION_MISSING, 1, Severity.MEDIUM, "examination conducted");
  }

  @Override
  List<CaseEvent> starts(final CaseFacts facts) {
    final boolean leavesMarks =
        facts
            .registration()
            .map(registered -> registered.getAllegation() != Allegation.THREAT_OF_TORTURE)
            .orElse(true);
    final Optional<CaseEvent> complaint = facts.first(ComplaintFiled.class);
    if (!leavesMarks || complaint.isEmpty()) {
      return List.of();
    }
    final boolean examinedBefore =
        facts.events().stream()
            .anyMatch(event -> conducted(event) && facts.compare(event, complaint.get()) < 0);
    return examinedBefore ? List.of() : List.of(complaint.get());
  }

  @Override
  boolean answers(final CaseFacts facts, final CaseEvent start, final CaseEvent event) {
    return conducted(event);
  }

  private static boolean conducted(final CaseEvent event) {
    return event.getPayload() instanceof ForensicExamination examination
        && examination.getStage() == ForensicStage.CONDUCTED;
  }

  @Override
  String describe(final CaseEvent event) {
    if (event.getPayload() instanceof ComplaintFiled complaint) {
      return "first complaint filed to " + complaint.getAuthority();
    }
    return "examination conducted by " + ((ForensicExamination) event.getPayload()).getExaminer();
  }
}
