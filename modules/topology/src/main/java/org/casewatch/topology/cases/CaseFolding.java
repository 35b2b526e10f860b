package org.casewatch.topology.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.CaseStage;
import org.casewatch.model.CaseState;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.ComplaintWithdrawn;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.OpenAlert;
import org.casewatch.model.ReprisalRecord;
import org.casewatch.model.ReprisalReported;

/**
 * Folds a case's events, in event-time order, into its published state. Implausible sequences
 * (a decision before the investigation, events before registration) are applied all the same and
 * named in {@code inconsistencies}: real records are messy, and dropping them would hide cases.
 */
public final class CaseFolding {

  private CaseFolding() {}

  public static CaseState fold(final CaseFacts facts, final List<OpenAlert> openAlerts) {
    final TreeMap<String, Long> compensation = new TreeMap<>();
    for (final CaseEvent event : facts.all(CompensationAwarded.class)) {
      final CompensationAwarded award = (CompensationAwarded) event.getPayload();
      compensation.merge(award.getCurrency(), award.getAmountMinor(), Long::sum);
    }
    final List<ReprisalRecord> reprisals = new ArrayList<>();
    for (final CaseEvent event : facts.all(ReprisalReported.class)) {
      final ReprisalReported reprisal = (ReprisalReported) event.getPayload();
      reprisals.add(new ReprisalRecord(reprisal.getKind(), reprisal.getAgency(), event.getOccurredAt()));
    }
    final Optional<CaseEvent> lastDecision = facts.last(InvestigationClosed.class);
    final List<String> inconsistencies = inconsistencies(facts);
    return CaseState.newBuilder()
        .setCaseId(facts.caseId())
        .setCountry(facts.country())
        .setCoalition(facts.coalition())
        .setStage(stage(facts))
        .setOutcome(lastDecision.map(e -> ((InvestigationClosed) e.getPayload()).getOutcome()).orElse(null))
        .setRegisteredAt(facts.firstAt(CaseRegistered.class).orElse(null))
        .setComplaintFiledAt(facts.firstAt(ComplaintFiled.class).orElse(null))
        .setInvestigationOpenedAt(facts.firstAt(InvestigationOpened.class).orElse(null))
        .setInvestigationClosedAt(lastDecision.map(CaseEvent::getOccurredAt).orElse(null))
        .setCompensatedAt(facts.firstAt(CompensationAwarded.class).orElse(null))
        .setWithdrawnAt(facts.firstAt(ComplaintWithdrawn.class).orElse(null))
        .setReprisals(reprisals)
        .setCompensationMinorByCurrency(new LinkedHashMap<>(compensation))
        .setOpenAlertIds(openAlerts.stream().map(OpenAlert::getAlertId).toList())
        .setOpenAlerts(openAlerts)
        .setInconsistencies(inconsistencies)
        .setInconsistent(!inconsistencies.isEmpty())
        .setEventCount(facts.events().size())
        .setLastEventAt(facts.lastEventAt())
        .build();
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
    final List<String> reasons = new ArrayList<>();
    final Optional<Instant> registered = facts.firstAt(CaseRegistered.class);
    final Optional<Instant> complaint = facts.firstAt(ComplaintFiled.class);
    final Optional<Instant> opened = facts.firstAt(InvestigationOpened.class);
    if (registered.isEmpty()) {
      reasons.add("no CaseRegistered event");
    } else {
      facts.events().stream()
          .filter(event -> event.getOccurredAt().isBefore(registered.get()))
          .findFirst()
          .ifPresent(event -> reasons.add(
              typeOf(event) + " on " + date(event.getOccurredAt()) + " before the case was registered on "
                  + date(registered.get())));
    }
    opened.ifPresent(at -> {
      if (complaint.isEmpty() || at.isBefore(complaint.get())) {
        reasons.add("investigation opened on " + date(at) + " before any complaint was filed");
      }
    });
    facts.first(InvestigationClosed.class).ifPresent(closed -> {
      if (complaint.isEmpty() && opened.isEmpty()) {
        reasons.add("decision on " + date(closed.getOccurredAt()) + " without a complaint or an investigation");
      } else if (opened.isPresent() && closed.getOccurredAt().isBefore(opened.get())) {
        reasons.add("investigation closed on " + date(closed.getOccurredAt()) + " before it was opened on "
            + date(opened.get()));
      }
    });
    facts.first(ComplaintWithdrawn.class).ifPresent(withdrawn -> {
      if (complaint.isEmpty() || withdrawn.getOccurredAt().isBefore(complaint.get())) {
        reasons.add("complaint withdrawn on " + date(withdrawn.getOccurredAt()) + " before any complaint was filed");
      }
    });
    return reasons;
  }

  /** The payload type's name, e.g. ComplaintFiled. */
  static String typeOf(final CaseEvent event) {
    return event.getPayload().getClass().getSimpleName();
  }

  /** An instant as the ISO date (UTC) explanations use. */
  public static String date(final Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
  }
}
