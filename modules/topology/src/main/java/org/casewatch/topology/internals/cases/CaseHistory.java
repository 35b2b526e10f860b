package org.casewatch.topology.internals.cases;

import java.util.ArrayList;
import java.util.List;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.CompensationPaid;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.ComplaintWithdrawn;
import org.casewatch.model.CustodyChanged;
import org.casewatch.model.DecisionAnnulled;
import org.casewatch.model.DecisionAppealed;
import org.casewatch.model.ForensicExamination;
import org.casewatch.model.HistoryStep;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationResumed;
import org.casewatch.model.InvestigationSuspended;
import org.casewatch.model.StepKind;
import org.casewatch.model.TermExtended;
import org.casewatch.model.UnCommunication;
import org.casewatch.topology.internals.rules.CaseFacts;

/**
 * The decision history of a case as its state lists it: one step per complaint, appeal, opening,
 * decision, annulment, suspension, resumption, extension, examination, custody change, UN step,
 * award, payment and withdrawal, in event-time order, codes only.
 */
final class CaseHistory {

  /** At most this many steps are listed, the latest. */
  static final int LISTED_STEPS = 100;

  private CaseHistory() {}

  static List<HistoryStep> of(final CaseFacts facts) {
    final List<HistoryStep> steps = new ArrayList<>();
    boolean decided = false;
    for (final CaseEvent event : facts.events()) {
      final HistoryStep step = step(event, decided);
      if (step != null) {
        steps.add(step);
      }
      decided |=
          event.getPayload() instanceof InvestigationClosed && !CaseFacts.isSuspension(event);
    }
    return steps.size() <= LISTED_STEPS
        ? steps
        : List.copyOf(steps.subList(steps.size() - LISTED_STEPS, steps.size()));
  }

  /**
   * The step {@code event} records; null for events that are no step of the proceedings
   * (registration, reprisals).
   */
  private static HistoryStep step(final CaseEvent event, final boolean decidedBefore) {
    final HistoryStep.Builder step =
        HistoryStep.newBuilder().setEventId(event.getEventId()).setAt(event.getOccurredAt());
    final Object payload = event.getPayload();
    if (payload instanceof ComplaintFiled complaint) {
      return step.setStep(StepKind.COMPLAINT).setAuthority(complaint.getAuthority()).build();
    } else if (payload instanceof DecisionAppealed appeal) {
      return step.setStep(StepKind.APPEAL)
          .setAuthority(appeal.getAuthority())
          .setRef(appeal.getDecisionEventId())
          .build();
    } else if (payload instanceof InvestigationOpened opened) {
      return step.setStep(
              decidedBefore ? StepKind.INVESTIGATION_REOPENED : StepKind.INVESTIGATION_OPENED)
          .setAuthority(opened.getAuthority())
          .setCode(opened.getLegalArticle())
          .build();
    } else if (payload instanceof InvestigationClosed closed) {
      final StepKind kind =
          CaseFacts.isSuspension(event)
              ? StepKind.SUSPENSION
              : CaseFacts.isRefusal(event) ? StepKind.REFUSAL : StepKind.DECISION;
      return step.setStep(kind).setCode(closed.getOutcome().name()).build();
    } else if (payload instanceof DecisionAnnulled annulled) {
      return step.setStep(StepKind.ANNULMENT).setRef(annulled.getDecisionEventId()).build();
    } else if (payload instanceof InvestigationSuspended suspended) {
      return step.setStep(StepKind.SUSPENSION).setCode(suspended.getReason().name()).build();
    } else if (payload instanceof InvestigationResumed) {
      return step.setStep(StepKind.RESUMPTION).build();
    } else if (payload instanceof TermExtended extended) {
      return step.setStep(StepKind.TERM_EXTENDED).setAmount((long) extended.getDays()).build();
    } else if (payload instanceof ForensicExamination examination) {
      return step.setStep(StepKind.EXAMINATION)
          .setCode(examination.getStage() + "/" + examination.getExaminer())
          .build();
    } else if (payload instanceof CustodyChanged custody) {
      return step.setStep(StepKind.CUSTODY_CHANGE).setCode(custody.getInCustodyOf().name()).build();
    } else if (payload instanceof UnCommunication communication) {
      return step.setStep(StepKind.UN_COMMUNICATION)
          .setCode(communication.getBody() + "/" + communication.getStage())
          .build();
    } else if (payload instanceof CompensationAwarded award) {
      return step.setStep(StepKind.COMPENSATION_AWARDED)
          .setCode(award.getCurrency())
          .setAmount(award.getAmountMinor())
          .build();
    } else if (payload instanceof CompensationPaid paid) {
      return step.setStep(StepKind.COMPENSATION_PAID)
          .setCode(paid.getCurrency())
          .setAmount(paid.getAmountMinor())
          .build();
    } else if (payload instanceof ComplaintWithdrawn withdrawn) {
      return step.setStep(StepKind.WITHDRAWAL).setCode(withdrawn.getReason().name()).build();
    }
    return null;
  }
}
