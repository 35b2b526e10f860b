package org.casewatch.testkit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.casewatch.model.AgeBand;
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
import org.casewatch.model.EventRetracted;
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
import org.casewatch.model.RetractionReason;
import org.casewatch.model.Sex;
import org.casewatch.model.SuspensionReason;
import org.casewatch.model.TermExtended;
import org.casewatch.model.UnBody;
import org.casewatch.model.UnCommunication;
import org.casewatch.model.UnStage;
import org.casewatch.model.VictimProfile;
import org.casewatch.model.WithdrawalReason;

/**
 * Builders that let tests read as specifications: {@code
 * aCase("KZ-2016-0042").complaintFiled(on("2016-03-02"))}. Event ids are derived from the case, the
 * event type and its date, so building the same event twice gives a true duplicate.
 */
public final class CaseEvents {

  private CaseEvents() {}

  /** The events of one case; the country is taken from the caseId's prefix. */
  public static CaseBuilder aCase(final String caseId) {
    if (!Countries.CASE_ID.matcher(caseId).matches()) {
      throw new IllegalArgumentException(caseId + " is not a caseId like KZ-2016-0042");
    }
    return new CaseBuilder(caseId, Countries.fromCode(caseId.substring(0, 2)).orElseThrow());
  }

  /** Midnight UTC of an ISO date such as {@code 2016-03-02}. */
  public static Instant on(final String isoDate) {
    return LocalDate.parse(isoDate).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Builds the events of one case. */
  public static final class CaseBuilder {

    private final String caseId;
    private final Country country;

    private CaseBuilder(final String caseId, final Country country) {
      this.caseId = caseId;
      this.country = country;
    }

    public CaseEvent registered(final Instant at) {
      return registered(at, Allegation.TORTURE, Agency.POLICE, AgeBand.AGE_18_29);
    }

    /**
     * A registration with its allegation, perpetrator agency and victim's age band; a man, not
     * returned from abroad.
     */
    public CaseEvent registered(
        final Instant at,
        final Allegation allegation,
        final Agency perpetrators,
        final AgeBand age) {
      return event(
          "registered",
          at,
          CaseRegistered.newBuilder()
              .setAllegation(allegation)
              .setPlaceOfDetention(PlaceOfDetention.POLICE_STATION)
              .setPerpetratorAgency(perpetrators)
              .setVictim(
                  VictimProfile.newBuilder()
                      .setSex(Sex.MALE)
                      .setAgeBand(age)
                      .setReturnedFromAbroad(false)
                      .build())
              .build());
    }

    public CaseEvent complaintFiled(final Instant at) {
      return event(
          "complaint-filed",
          at,
          ComplaintFiled.newBuilder().setAuthority(Authority.PROSECUTOR).build());
    }

    /**
     * A complaint (or appeal) to {@code authority}; the id names the authority, so two on one day
     * differ.
     */
    public CaseEvent complaintTo(final Authority authority, final Instant at) {
      return event(
          "complaint-" + authority.name().toLowerCase(Locale.ROOT),
          at,
          ComplaintFiled.newBuilder().setAuthority(authority).build());
    }

    /** Takes back {@code retracted}, an event of this case. */
    public CaseEvent retraction(
        final Instant at, final CaseEvent retracted, final RetractionReason reason) {
      return event(
          "retraction-" + Integer.toHexString(retracted.getEventId().hashCode()),
          at,
          EventRetracted.newBuilder()
              .setRetractedEventId(retracted.getEventId())
              .setReason(reason)
              .build());
    }

    public CaseEvent investigationOpened(final Instant at) {
      return event(
          "investigation-opened",
          at,
          InvestigationOpened.newBuilder()
              .setAuthority(Authority.PROSECUTOR)
              .setLegalArticle("CC-146")
              .build());
    }

    /** An investigation opened by {@code authority} under {@code article}; the id names both. */
    public CaseEvent investigationOpened(
        final Instant at, final Authority authority, final String article) {
      return event(
          "investigation-opened-" + authority.name().toLowerCase(Locale.ROOT) + "-" + article,
          at,
          InvestigationOpened.newBuilder()
              .setAuthority(authority)
              .setLegalArticle(article)
              .build());
    }

    /** A refusal to initiate criminal proceedings. */
    public CaseEvent refused(final Instant at) {
      return event(
          "refused",
          at,
          InvestigationClosed.newBuilder()
              .setOutcome(InvestigationOutcome.REFUSED_TO_INITIATE)
              .build());
    }

    /** An appeal of {@code decision} to {@code authority}. */
    public CaseEvent appealed(
        final Instant at, final CaseEvent decision, final Authority authority) {
      return event(
          "appeal-" + Integer.toHexString(decision.getEventId().hashCode()),
          at,
          DecisionAppealed.newBuilder()
              .setDecisionEventId(decision.getEventId())
              .setAuthority(authority)
              .build());
    }

    /** The annulment of {@code decision}. */
    public CaseEvent annulled(final Instant at, final CaseEvent decision) {
      return event(
          "annulment-" + Integer.toHexString(decision.getEventId().hashCode()),
          at,
          DecisionAnnulled.newBuilder().setDecisionEventId(decision.getEventId()).build());
    }

    public CaseEvent suspended(final Instant at, final SuspensionReason reason) {
      return event("suspended", at, InvestigationSuspended.newBuilder().setReason(reason).build());
    }

    public CaseEvent resumed(final Instant at) {
      return event("resumed", at, InvestigationResumed.newBuilder().build());
    }

    public CaseEvent termExtended(final Instant at, final int days) {
      return event("term-extended", at, TermExtended.newBuilder().setDays(days).build());
    }

    public CaseEvent examination(
        final Instant at, final ForensicStage stage, final Examiner examiner) {
      return event(
          "examination-" + stage.name().toLowerCase(Locale.ROOT),
          at,
          ForensicExamination.newBuilder().setStage(stage).setExaminer(examiner).build());
    }

    public CaseEvent custody(final Instant at, final Custodian custodian) {
      return event(
          "custody-" + custodian.name().toLowerCase(Locale.ROOT),
          at,
          CustodyChanged.newBuilder().setInCustodyOf(custodian).build());
    }

    public CaseEvent unCommunication(final Instant at, final UnBody body, final UnStage stage) {
      return event(
          "un-" + stage.name().toLowerCase(Locale.ROOT),
          at,
          UnCommunication.newBuilder().setBody(body).setStage(stage).build());
    }

    public CaseEvent compensationPaid(
        final Instant at, final long amountMinor, final String currency) {
      return event(
          "compensation-paid",
          at,
          CompensationPaid.newBuilder().setAmountMinor(amountMinor).setCurrency(currency).build());
    }

    public CaseEvent investigationClosed(final Instant at, final InvestigationOutcome outcome) {
      return event(
          "investigation-closed", at, InvestigationClosed.newBuilder().setOutcome(outcome).build());
    }

    public CaseEvent compensationAwarded(
        final Instant at, final long amountMinor, final String currency) {
      return event(
          "compensation-awarded",
          at,
          CompensationAwarded.newBuilder()
              .setAmountMinor(amountMinor)
              .setCurrency(currency)
              .build());
    }

    public CaseEvent reprisal(final Instant at, final ReprisalKind kind) {
      return event(
          "reprisal-" + kind.name().toLowerCase(Locale.ROOT),
          at,
          ReprisalReported.newBuilder().setKind(kind).setAgency(Agency.POLICE).build());
    }

    public CaseEvent withdrawn(final Instant at, final WithdrawalReason reason) {
      return event("withdrawn", at, ComplaintWithdrawn.newBuilder().setReason(reason).build());
    }

    private CaseEvent event(final String type, final Instant at, final Object payload) {
      return CaseEvent.newBuilder()
          // Only the characters an eventId may hold: an article spelt "CC-146 (2)" becomes
          // CC-146__2_.
          .setEventId((caseId + ":" + type + ":" + at).replaceAll("[^A-Za-z0-9._:-]", "_"))
          .setCaseId(caseId)
          .setCountry(country)
          .setCoalition(country.name().toLowerCase(Locale.ROOT) + "-coalition")
          .setOccurredAt(at)
          .setRecordedAt(at)
          .setPayload(payload)
          .build();
    }
  }
}
