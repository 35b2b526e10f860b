package org.casewatch.simulation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.CompensationPaid;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.ComplaintWithdrawn;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import org.casewatch.model.Custodian;
import org.casewatch.model.CustodyChanged;
import org.casewatch.model.DecisionAnnulled;
import org.casewatch.model.DecisionAppealed;
import org.casewatch.model.Examiner;
import org.casewatch.model.ForensicExamination;
import org.casewatch.model.ForensicStage;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.InvestigationResumed;
import org.casewatch.model.InvestigationSuspended;
import org.casewatch.model.PlaceOfDetention;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.ReprisalReported;
import org.casewatch.model.SuspensionReason;
import org.casewatch.model.TermExtended;
import org.casewatch.model.UnBody;
import org.casewatch.model.UnCommunication;
import org.casewatch.model.UnStage;
import org.casewatch.model.WithdrawalReason;

/**
 * The events of one simulated case, as its story is told: the one way every shape of {@link
 * Histories} makes events. Each event's id is the caseId, its place in the story and its kind, so
 * the same seed gives the same ids; nothing else identifies anyone.
 */
final class CaseStory {

  /**
   * One event of the story: its id (an appeal or an annulment names the decision) and when it
   * happened.
   */
  record Step(String eventId, Instant at) {}

  /** Places where a victim is still held after the alleged act. */
  private static final Set<PlaceOfDetention> HELD =
      EnumSet.of(
          PlaceOfDetention.TEMPORARY_DETENTION_FACILITY,
          PlaceOfDetention.PRE_TRIAL_DETENTION,
          PlaceOfDetention.PRISON,
          PlaceOfDetention.MIGRATION_DETENTION);

  private final String caseId;
  private final Country country;
  private final List<CaseEvent> events;

  /**
   * When a late-reported case reached the coalition's system; null: each event when it happened.
   */
  private final Instant reportedAt;

  private int sequence;
  private CaseRegistered registration;
  private Step complaint;

  CaseStory(
      final String caseId,
      final Country country,
      final List<CaseEvent> events,
      final Instant reportedAt) {
    this.caseId = caseId;
    this.country = country;
    this.events = events;
    this.reportedAt = reportedAt;
  }

  Country country() {
    return country;
  }

  CaseRegistered registration() {
    return registration;
  }

  Agency perpetrator() {
    return registration.getPerpetratorAgency();
  }

  boolean diedInCustody() {
    return registration.getAllegation() == Allegation.DEATH_IN_CUSTODY;
  }

  /**
   * Whether the victim is still held, so reprisals inside a facility and interim measures apply.
   */
  boolean victimHeld() {
    return !diedInCustody() && HELD.contains(registration.getPlaceOfDetention());
  }

  boolean returnedFromAbroad() {
    return registration.getVictim().getReturnedFromAbroad();
  }

  /** The first complaint, if one was filed. */
  Optional<Step> complaint() {
    return Optional.ofNullable(complaint);
  }

  /** The country's own calendar date of an instant. */
  LocalDate localDate(final Instant at) {
    return at.atZone(Countries.zoneOf(country)).toLocalDate();
  }

  Step registered(final Instant at, final CaseRegistered registered) {
    registration = registered;
    return add("registered", at, registered);
  }

  Step complaintFiled(final Instant at, final Authority authority) {
    final Step filed =
        add("complaint", at, ComplaintFiled.newBuilder().setAuthority(authority).build());
    if (complaint == null) {
      complaint = filed;
    }
    return filed;
  }

  Step investigationOpened(final Instant at, final Authority authority, final String legalArticle) {
    return add(
        "investigation-opened",
        at,
        InvestigationOpened.newBuilder()
            .setAuthority(authority)
            .setLegalArticle(legalArticle)
            .build());
  }

  Step investigationClosed(final Instant at, final InvestigationOutcome outcome) {
    return add(
        "investigation-closed", at, InvestigationClosed.newBuilder().setOutcome(outcome).build());
  }

  Step appealed(final Instant at, final Step decision, final Authority authority) {
    return add(
        "appealed",
        at,
        DecisionAppealed.newBuilder()
            .setDecisionEventId(decision.eventId())
            .setAuthority(authority)
            .build());
  }

  Step annulled(final Instant at, final Step decision) {
    return add(
        "annulled",
        at,
        DecisionAnnulled.newBuilder().setDecisionEventId(decision.eventId()).build());
  }

  Step suspended(final Instant at, final SuspensionReason reason) {
    return add("suspended", at, InvestigationSuspended.newBuilder().setReason(reason).build());
  }

  Step resumed(final Instant at) {
    return add("resumed", at, InvestigationResumed.newBuilder().build());
  }

  Step termExtended(final Instant at, final int days) {
    return add("term-extended", at, TermExtended.newBuilder().setDays(days).build());
  }

  Step forensicExamination(final Instant at, final ForensicStage stage, final Examiner examiner) {
    return add(
        "forensic",
        at,
        ForensicExamination.newBuilder().setStage(stage).setExaminer(examiner).build());
  }

  Step custodyChanged(final Instant at, final Custodian custodian) {
    return add("custody", at, CustodyChanged.newBuilder().setInCustodyOf(custodian).build());
  }

  Step unCommunication(final Instant at, final UnBody body, final UnStage stage) {
    return add(
        "un-communication", at, UnCommunication.newBuilder().setBody(body).setStage(stage).build());
  }

  Step compensationAwarded(final Instant at, final long amountMinor, final String currency) {
    return add(
        "compensated",
        at,
        CompensationAwarded.newBuilder().setAmountMinor(amountMinor).setCurrency(currency).build());
  }

  Step compensationPaid(final Instant at, final long amountMinor, final String currency) {
    return add(
        "compensation-paid",
        at,
        CompensationPaid.newBuilder().setAmountMinor(amountMinor).setCurrency(currency).build());
  }

  Step reprisal(final Instant at, final ReprisalKind kind, final Agency agency) {
    return add(
        "reprisal", at, ReprisalReported.newBuilder().setKind(kind).setAgency(agency).build());
  }

  Step withdrawn(final Instant at, final WithdrawalReason reason) {
    return add("withdrawn", at, ComplaintWithdrawn.newBuilder().setReason(reason).build());
  }

  private Step add(final String kind, final Instant at, final Object payload) {
    sequence++;
    final String eventId = "sim-" + caseId + "-" + sequence + "-" + kind;
    events.add(
        CaseEvent.newBuilder()
            .setEventId(eventId)
            .setCaseId(caseId)
            .setCountry(country)
            .setCoalition(country.name().toLowerCase(Locale.ROOT) + "-coalition")
            .setOccurredAt(at)
            .setRecordedAt(reportedAt == null || reportedAt.isBefore(at) ? at : reportedAt)
            .setPayload(payload)
            .build());
    return new Step(eventId, at);
  }
}
