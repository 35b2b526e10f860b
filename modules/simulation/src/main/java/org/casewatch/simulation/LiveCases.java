package org.casewatch.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.Country;
import org.casewatch.model.Examiner;
import org.casewatch.model.ForensicStage;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.PlaceOfDetention;
import org.casewatch.model.ReprisalKind;
import org.casewatch.simulation.CaseStory.Step;

/**
 * Live cases, reported late as coalitions often do, each in one of the history's shapes so that
 * alerts keep appearing: a complaint or an appeal filed a little less than the stalled-complaint
 * days ago (it stalls within minutes unless answered); retaliation just now; ping-pong of refusals
 * and annulments ending in a fresh appeal; intimidation before any complaint; a death in custody;
 * an investigation opened under a lesser article; a forensic examination refused. Every event is
 * recorded at the moment of publication and none is dated after it.
 */
final class LiveCases {

  private final CaseStory story;
  private final Chance chance;

  /** When the latest complaint or appeal was filed: it stalls a few minutes from now. */
  private final Instant due;

  /** A moment ago, for what has just happened. */
  private final Instant justNow;

  private LiveCases(
      final CaseStory story, final Chance chance, final Instant now, final Duration stalledAfter) {
    this.story = story;
    this.chance = chance;
    final Instant stallsSoon = now.minus(stalledAfter).plusSeconds(chance.between(30, 330));
    final Instant aDayAgo = now.minus(Duration.ofDays(1));
    this.due = stallsSoon.isBefore(aDayAgo) ? stallsSoon : aDayAgo;
    this.justNow = now.minusSeconds(chance.between(0, 60));
  }

  /** The events of live case number {@code sequence}; countries take turns. */
  static List<CaseEvent> of(
      final long seed, final long sequence, final Instant now, final Duration stalledAfter) {
    final Chance chance = new Chance(seed * 1_000_003L + sequence);
    // Every country of the contract takes its turn, in the enum's order: any fixed order would do.
    @SuppressWarnings("EnumOrdinal")
    final Country country = Country.values()[(int) (sequence % Country.values().length)];
    final String caseId =
        String.format("%s-%d-%d", country, now.atZone(ZoneOffset.UTC).getYear(), 5_000 + sequence);
    final List<CaseEvent> events = new ArrayList<>();
    new LiveCases(new CaseStory(caseId, country, events, now), chance, now, stalledAfter).tell();
    events.sort(Comparator.comparing(CaseEvent::getOccurredAt));
    return events;
  }

  private void tell() {
    final double shape = chance.roll();
    if (shape < 0.3) {
      stalledComplaint();
    } else if (shape < 0.55) {
      retaliation();
    } else if (shape < 0.7) {
      pingPong();
    } else if (shape < 0.8) {
      intimidation();
    } else if (shape < 0.87) {
      deathInCustody();
    } else if (shape < 0.94) {
      downgradedInvestigation();
    } else {
      refusedExamination();
    }
  }

  private Step stalledComplaint() {
    story.registered(due.minus(chance.hours(1, 47)), Registrations.draw(story.country(), chance));
    return story.complaintFiled(due, Authority.PROSECUTOR);
  }

  /**
   * Kazakh "false report" warnings, Kyrgyz pressure to withdraw, elsewhere what fits the victim.
   */
  private void retaliation() {
    stalledComplaint();
    switch (story.country()) {
      case KZ ->
          story.reprisal(justNow, ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES, Agency.POLICE);
      case KG -> story.reprisal(justNow, ReprisalKind.PRESSURE_TO_WITHDRAW, Agency.POLICE);
      default -> new Reprisals(story, chance).reported(justNow);
    }
  }

  /**
   * Refused, appealed, annulled, reopened, refused again, and appealed again: the appeal is due.
   */
  private void pingPong() {
    final Instant refusedAgainAt = due.minus(chance.days(1, 2));
    final Instant reopenedAt = refusedAgainAt.minus(chance.days(2, 4));
    final Instant annulledAt = reopenedAt.minus(chance.days(1, 2));
    final Instant appealedAt = annulledAt.minus(chance.days(3, 5));
    final Instant refusedAt = appealedAt.minus(chance.days(2, 5));
    final Instant complainedAt = refusedAt.minus(chance.days(3, 7));
    story.registered(
        complainedAt.minus(chance.hours(1, 47)), Registrations.draw(story.country(), chance));
    story.complaintFiled(complainedAt, Authority.PROSECUTOR);
    final Step refusal =
        story.investigationClosed(refusedAt, InvestigationOutcome.REFUSED_TO_INITIATE);
    story.appealed(appealedAt, refusal, Authority.PROSECUTOR);
    story.annulled(annulledAt, refusal);
    story.investigationOpened(
        reopenedAt, Authority.INTERNAL_AFFAIRS, LegalArticles.lesser(story.country()));
    final Step refusedAgain =
        story.investigationClosed(refusedAgainAt, InvestigationOutcome.REFUSED_TO_INITIATE);
    story.appealed(due, refusedAgain, chance.pick(Authority.PROSECUTOR, Authority.COURT));
  }

  /** Warned off before any complaint is filed. */
  private void intimidation() {
    story.registered(justNow.minus(chance.days(1, 4)), Registrations.draw(story.country(), chance));
    story.reprisal(
        justNow,
        story.country() == Country.KZ
            ? ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES
            : chance.pick(
                ReprisalKind.PRESSURE_ON_RELATIVES, ReprisalKind.NEW_OR_FABRICATED_CHARGES),
        story.perpetrator());
  }

  /** Relatives complain; the state bureau performs the autopsy. */
  private void deathInCustody() {
    final CaseRegistered registration =
        CaseRegistered.newBuilder(Registrations.draw(story.country(), chance))
            .setAllegation(Allegation.DEATH_IN_CUSTODY)
            .setPlaceOfDetention(PlaceOfDetention.TEMPORARY_DETENTION_FACILITY)
            .setPerpetratorAgency(Agency.POLICE)
            .build();
    story.registered(due.minus(chance.hours(2, 23)), registration);
    final Step complaint = story.complaintFiled(due, Authority.PROSECUTOR);
    story.forensicExamination(
        complaint.at().plus(chance.hours(2, 20)), ForensicStage.CONDUCTED, Examiner.STATE_BUREAU);
  }

  /** The police's own ministry opens the case under abuse of authority instead of torture. */
  private void downgradedInvestigation() {
    stalledComplaint();
    story.investigationOpened(
        justNow, Authority.INTERNAL_AFFAIRS, LegalArticles.lesser(story.country()));
  }

  private void refusedExamination() {
    final Step complaint = stalledComplaint();
    story.forensicExamination(
        complaint.at().plus(chance.hours(1, 5)), ForensicStage.REQUESTED, Examiner.STATE_BUREAU);
    story.forensicExamination(justNow, ForensicStage.REFUSED, Examiner.STATE_BUREAU);
  }
}
