package org.casewatch.topology.internals.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.CaseStage;
import org.casewatch.model.CaseState;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.ComplaintWithdrawn;
import org.casewatch.model.DecisionAnnulled;
import org.casewatch.model.DecisionAppealed;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.MinorUnits;
import org.casewatch.model.OpenAlert;
import org.casewatch.model.ReprisalRecord;
import org.casewatch.model.ReprisalReported;
import org.casewatch.topology.internals.rules.CaseFacts;
import org.casewatch.topology.internals.rules.CriminalAuthorities;
import org.casewatch.topology.rules.CountryRules;
import org.casewatch.topology.rules.LocalCalendar;

/**
 * Folds a case's events in force, in event-time order, into its published state. Refusal, appeal
 * and reopening, again and again, is the normal path of a complaint, not an inconsistency.
 * Implausible sequences (a decision with nothing to decide, events before registration) are applied
 * all the same and named in {@code inconsistencies}: real records are messy, and dropping them
 * would hide cases.
 */
public final class CaseFolding {

  /** At most this many reprisals are listed in a case's state; all are counted. */
  static final int LISTED_REPRISALS = 50;

  /** At most this many open alerts are listed in a case's state; all are counted per rule. */
  static final int LISTED_OPEN_ALERTS = 100;

  private CaseFolding() {}

  /** The case's state; {@code openAlerts} in the order they are to be listed, oldest first. */
  public static CaseState fold(
      final CaseFacts facts,
      final CountryRules rules,
      final List<OpenAlert> openAlerts,
      final int eventCount,
      final boolean withdrawnAfterStall) {
    final LocalCalendar calendar = facts.calendar();
    final TreeMap<String, Long> compensation = new TreeMap<>();
    for (final CaseEvent event : facts.all(CompensationAwarded.class)) {
      final CompensationAwarded award = (CompensationAwarded) event.getPayload();
      compensation.merge(award.getCurrency(), award.getAmountMinor(), MinorUnits::sum);
    }
    final List<ReprisalRecord> reprisals = new ArrayList<>();
    for (final CaseEvent event : facts.all(ReprisalReported.class)) {
      final ReprisalReported reprisal = (ReprisalReported) event.getPayload();
      reprisals.add(
          new ReprisalRecord(reprisal.getKind(), reprisal.getAgency(), event.getOccurredAt()));
    }
    final Optional<CaseEvent> lastOpening = facts.last(InvestigationOpened.class);
    final Optional<CaseEvent> lastDecision = facts.last(InvestigationClosed.class);
    // A suspension ("perpetrator not identified") buries a case; it decides nothing.
    final Optional<CaseEvent> lastRealDecision =
        facts.all(InvestigationClosed.class).stream()
            .filter(
                event ->
                    ((InvestigationClosed) event.getPayload()).getOutcome()
                        != InvestigationOutcome.SUSPENDED)
            .reduce((earlier, later) -> later);
    final boolean openNow =
        lastOpening.isPresent()
            && (lastRealDecision.isEmpty()
                || facts.compare(lastRealDecision.get(), lastOpening.get()) < 0);
    final boolean reopened =
        lastOpening.isPresent()
            && lastDecision.isPresent()
            && facts.compare(lastDecision.get(), lastOpening.get()) < 0;
    final Optional<CaseEvent> decision = reopened ? Optional.empty() : lastDecision;
    final Optional<Instant> registered = facts.firstAt(CaseRegistered.class);
    final Optional<Instant> criminalComplaint = firstCriminalComplaint(facts);
    final List<String> inconsistencies = inconsistencies(facts);
    final CaseState.Builder state =
        CaseState.newBuilder()
            .setCaseId(facts.caseId())
            .setCountry(facts.country())
            .setCoalition(facts.coalition())
            .setStage(stage(facts))
            .setOutcome(
                decision.map(e -> ((InvestigationClosed) e.getPayload()).getOutcome()).orElse(null))
            .setRegisteredAt(registered.orElse(null))
            .setComplaintFiledAt(facts.firstAt(ComplaintFiled.class).orElse(null))
            .setInvestigationOpenedAt(facts.firstAt(InvestigationOpened.class).orElse(null))
            .setInvestigationClosedAt(decision.map(CaseEvent::getOccurredAt).orElse(null))
            .setCompensatedAt(facts.firstAt(CompensationAwarded.class).orElse(null))
            .setWithdrawnAt(facts.firstAt(ComplaintWithdrawn.class).orElse(null))
            .setReprisals(latest(reprisals, LISTED_REPRISALS))
            .setReprisalCount(reprisals.size())
            .setCompensationMinorByCurrency(new LinkedHashMap<>(compensation))
            .setOpenAlertIds(
                latest(openAlerts, LISTED_OPEN_ALERTS).stream().map(OpenAlert::getAlertId).toList())
            .setOpenAlerts(latest(openAlerts, LISTED_OPEN_ALERTS))
            .setOpenAlertCountByRule(countByRule(openAlerts))
            .setInconsistencies(inconsistencies)
            .setInconsistent(!inconsistencies.isEmpty())
            .setEventCount(eventCount)
            .setLastEventAt(facts.lastEventAt())
            .setInvestigationOpenNow(openNow)
            .setRegisteredYear(registered.map(calendar::yearOf).orElse(null))
            .setFirstCriminalComplaintAt(criminalComplaint.orElse(null))
            .setDaysToInvestigation(
                criminalComplaint
                    .flatMap(
                        from ->
                            facts.all(InvestigationOpened.class).stream()
                                .map(CaseEvent::getOccurredAt)
                                .filter(at -> !at.isBefore(from))
                                .findFirst()
                                .map(at -> (int) calendar.daysBetween(from, at)))
                    .orElse(null))
            .setWithdrawnAfterStall(withdrawnAfterStall)
            .setRetractedEvents(facts.retractedCount());
    CaseProceedings.fill(state, facts, rules);
    return state.build();
  }

  /** The last {@code limit} of {@code items}, in their order. */
  private static <T> List<T> latest(final List<T> items, final int limit) {
    return items.size() <= limit
        ? items
        : List.copyOf(items.subList(items.size() - limit, items.size()));
  }

  private static Map<String, Long> countByRule(final List<OpenAlert> openAlerts) {
    final Map<String, Long> counts = new TreeMap<>();
    openAlerts.forEach(alert -> counts.merge(alert.getRule().name(), 1L, Long::sum));
    return counts;
  }

  private static Optional<Instant> firstCriminalComplaint(final CaseFacts facts) {
    return facts.all(ComplaintFiled.class).stream()
        .filter(
            event ->
                CriminalAuthorities.canOpenACriminalCase(
                    ((ComplaintFiled) event.getPayload()).getAuthority()))
        .map(CaseEvent::getOccurredAt)
        .findFirst();
  }

  /** The stage of the latest event that moves a case along; REGISTERED if none has yet. */
  static CaseStage stage(final CaseFacts facts) {
    CaseStage stage = CaseStage.REGISTERED;
    for (final CaseEvent event : facts.events()) {
      final Object payload = event.getPayload();
      if (payload instanceof ComplaintFiled) {
        stage = CaseStage.COMPLAINT_FILED;
      } else if (payload instanceof InvestigationOpened) {
        stage = CaseStage.INVESTIGATION_OPENED;
      } else if (payload instanceof InvestigationClosed) {
        stage = CaseStage.INVESTIGATION_CLOSED;
      } else if (payload instanceof CompensationAwarded) {
        stage = CaseStage.COMPENSATED;
      } else if (payload instanceof ComplaintWithdrawn) {
        stage = CaseStage.WITHDRAWN;
      }
    }
    return stage;
  }

  /** Why the event-time sequence is implausible; empty when it is not. */
  static List<String> inconsistencies(final CaseFacts facts) {
    final LocalCalendar calendar = facts.calendar();
    final List<String> reasons = new ArrayList<>();
    final Optional<Instant> registered = facts.firstAt(CaseRegistered.class);
    final Optional<Instant> complaint = facts.firstAt(ComplaintFiled.class);
    if (registered.isEmpty()) {
      reasons.add("no CaseRegistered event");
    } else {
      facts.events().stream()
          .filter(event -> event.getOccurredAt().isBefore(registered.get()))
          .findFirst()
          .ifPresent(
              event ->
                  reasons.add(
                      typeOf(event)
                          + " on "
                          + calendar.date(event.getOccurredAt())
                          + " before the case was registered on "
                          + calendar.date(registered.get())));
    }
    // An investigation opened with no complaint before it is not listed: prosecutors may open one
    // ex officio (a death in custody), and should.
    // Every decision decides something filed or opened at or before it: a complaint (a refusal to
    // open a case) or an investigation. What came after it, an appeal or a reopening, is normal.
    for (final CaseEvent decision : facts.all(InvestigationClosed.class)) {
      final boolean somethingToDecide =
          facts.events().stream()
              .filter(
                  event ->
                      event.getPayload() instanceof ComplaintFiled
                          || event.getPayload() instanceof InvestigationOpened)
              .anyMatch(event -> !event.getOccurredAt().isAfter(decision.getOccurredAt()));
      if (!somethingToDecide) {
        reasons.add(
            "decision on "
                + calendar.date(decision.getOccurredAt())
                + " without a complaint or an investigation before it");
        break;
      }
    }
    for (final CaseEvent event : facts.events()) {
      final String named =
          event.getPayload() instanceof DecisionAppealed appeal
              ? appeal.getDecisionEventId()
              : event.getPayload() instanceof DecisionAnnulled annulled
                  ? annulled.getDecisionEventId()
                  : null;
      final boolean decisionBefore =
          named != null
              && facts
                  .inForce(named)
                  .filter(
                      decision ->
                          decision.getPayload() instanceof InvestigationClosed
                              || CaseFacts.isSuspension(decision))
                  .filter(decision -> facts.compare(decision, event) < 0)
                  .isPresent();
      if (named != null && !decisionBefore) {
        reasons.add(
            typeOf(event)
                + " on "
                + calendar.date(event.getOccurredAt())
                + " names no decision of the case taken before it");
        break;
      }
    }
    facts
        .first(ComplaintWithdrawn.class)
        .ifPresent(
            withdrawn -> {
              if (complaint.isEmpty() || withdrawn.getOccurredAt().isBefore(complaint.get())) {
                reasons.add(
                    "complaint withdrawn on "
                        + calendar.date(withdrawn.getOccurredAt())
                        + " before any complaint was filed");
              }
            });
    return reasons;
  }

  /** The payload type's name, e.g. ComplaintFiled. */
  static String typeOf(final CaseEvent event) {
    return event.getPayload().getClass().getSimpleName();
  }
}
