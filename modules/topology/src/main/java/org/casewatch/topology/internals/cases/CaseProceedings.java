package org.casewatch.topology.internals.cases;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.CaseState;
import org.casewatch.model.CompensationPaid;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.CustodyChanged;
import org.casewatch.model.DecisionAnnulled;
import org.casewatch.model.DecisionAppealed;
import org.casewatch.model.Examiner;
import org.casewatch.model.ForensicExamination;
import org.casewatch.model.ForensicStage;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationResumed;
import org.casewatch.model.MinorUnits;
import org.casewatch.model.TermExtended;
import org.casewatch.model.UnCommunication;
import org.casewatch.topology.internals.rules.CaseFacts;
import org.casewatch.topology.rules.CountryRules;
import org.casewatch.topology.rules.LocalCalendar;

/**
 * The parts of a case's state that contract v2 added: its registration profile and the counts of
 * its proceedings (complaints, appeals, refusals, annulments, reopenings, suspensions,
 * examinations), custody, UN stage and compensation paid. Independence and the torture article are
 * judged by the rule table, as the rules judge them.
 */
final class CaseProceedings {

  private CaseProceedings() {}

  static void fill(final CaseState.Builder state, final CaseFacts facts, final CountryRules rules) {
    final LocalCalendar calendar = facts.calendar();
    final Optional<CaseRegistered> registration = facts.registration();
    registration.ifPresent(
        registered ->
            state
                .setAllegation(registered.getAllegation())
                .setPlaceOfDetention(registered.getPlaceOfDetention())
                .setPerpetratorAgency(registered.getPerpetratorAgency())
                .setVictim(registered.getVictim()));
    final List<CaseEvent> openings = facts.all(InvestigationOpened.class);
    state
        .setComplaintCount(facts.all(ComplaintFiled.class).size())
        .setAppealCount(facts.all(DecisionAppealed.class).size())
        .setRefusalCount(count(facts, CaseFacts::isRefusal))
        .setAnnulmentCount(facts.all(DecisionAnnulled.class).size())
        .setInvestigationCount(openings.size())
        .setReopeningCount(
            (int)
                openings.stream()
                    .filter(
                        opening ->
                            facts.events().stream()
                                .anyMatch(
                                    event ->
                                        CaseFacts.isDecision(event)
                                            && facts.compare(event, opening) < 0))
                    .count())
        .setSuspensionCount(count(facts, CaseFacts::isSuspension))
        .setSuspendedNow(suspendedNow(facts))
        .setTermExtensionDays(
            facts.all(TermExtended.class).stream()
                .mapToInt(event -> ((TermExtended) event.getPayload()).getDays())
                .sum())
        .setIndependentInvestigations(
            (int)
                openings.stream()
                    .filter(
                        opening ->
                            registration.isPresent()
                                && rules.independent(
                                    ((InvestigationOpened) opening.getPayload()).getAuthority(),
                                    registration.get().getPerpetratorAgency()))
                    .count())
        .setTortureArticleInvestigations(
            (int)
                openings.stream()
                    .filter(
                        opening ->
                            rules
                                .tortureArticle(calendar.dateOf(opening.getOccurredAt()))
                                .filter(
                                    article ->
                                        article.covers(
                                            ((InvestigationOpened) opening.getPayload())
                                                .getLegalArticle()))
                                .isPresent())
                    .count())
        .setExaminationsRequested(examinations(facts, ForensicStage.REQUESTED, null))
        .setExaminationsConducted(examinations(facts, ForensicStage.CONDUCTED, null))
        .setExaminationsRefused(examinations(facts, ForensicStage.REFUSED, null))
        .setIndependentExaminations(
            examinations(facts, ForensicStage.CONDUCTED, Examiner.INDEPENDENT))
        .setDaysToExamination(
            facts
                .firstAt(ComplaintFiled.class)
                .flatMap(
                    from ->
                        facts.all(ForensicExamination.class).stream()
                            .filter(
                                event ->
                                    ((ForensicExamination) event.getPayload()).getStage()
                                        == ForensicStage.CONDUCTED)
                            .map(CaseEvent::getOccurredAt)
                            .filter(at -> !at.isBefore(from))
                            .findFirst()
                            .map(at -> (int) calendar.daysBetween(from, at)))
                .orElse(null))
        .setCompensationPaidMinorByCurrency(paid(facts))
        .setHistory(CaseHistory.of(facts));
    facts
        .last(CustodyChanged.class)
        .ifPresent(
            custody ->
                state
                    .setInCustodyOf(((CustodyChanged) custody.getPayload()).getInCustodyOf())
                    .setCustodySince(custody.getOccurredAt()));
    facts
        .last(UnCommunication.class)
        .ifPresent(
            step ->
                state
                    .setUnBody(((UnCommunication) step.getPayload()).getBody())
                    .setUnStage(((UnCommunication) step.getPayload()).getStage())
                    .setUnStageAt(step.getOccurredAt()));
  }

  private static int count(final CaseFacts facts, final Predicate<CaseEvent> which) {
    return (int) facts.events().stream().filter(which).count();
  }

  private static int examinations(
      final CaseFacts facts, final ForensicStage stage, final Examiner examiner) {
    return (int)
        facts.all(ForensicExamination.class).stream()
            .map(event -> (ForensicExamination) event.getPayload())
            .filter(
                examination ->
                    examination.getStage() == stage
                        && (examiner == null || examination.getExaminer() == examiner))
            .count();
  }

  /**
   * Whether the latest suspension still holds: not resumed, decided, annulled or reopened since.
   */
  private static boolean suspendedNow(final CaseFacts facts) {
    final Optional<CaseEvent> suspension =
        facts.events().stream().filter(CaseFacts::isSuspension).reduce((a, b) -> b);
    return suspension.isPresent()
        && facts.events().stream()
            .filter(event -> facts.compare(event, suspension.get()) > 0)
            .noneMatch(
                event ->
                    event.getPayload() instanceof InvestigationResumed
                        || CaseFacts.isDecision(event)
                        || event.getPayload() instanceof InvestigationOpened
                        || (event.getPayload() instanceof DecisionAnnulled annulled
                            && annulled
                                .getDecisionEventId()
                                .equals(suspension.get().getEventId())));
  }

  private static Map<String, Long> paid(final CaseFacts facts) {
    final Map<String, Long> paid = new TreeMap<>();
    facts
        .all(CompensationPaid.class)
        .forEach(
            event -> {
              final CompensationPaid payment = (CompensationPaid) event.getPayload();
              paid.merge(payment.getCurrency(), payment.getAmountMinor(), MinorUnits::sum);
            });
    return paid;
  }
}
