package org.casewatch.simulation;

import java.time.Instant;
import org.casewatch.model.Agency;
import org.casewatch.model.Authority;
import org.casewatch.simulation.CaseStory.Step;

/**
 * The path of one case from its registration on, as in DOMAIN.md ("The path of a complaint"): who
 * holds the victim; intimidation before any complaint; no complaint at all for fear or lost hope;
 * the complaint, its forensic examination, the authorities' answer, appeals and reopenings,
 * reprisals after it, and a UN communication once national remedies failed.
 */
final class CasePath {

  /**
   * Victims and relatives who refrain from complaining for fear of reprisals or because they lost
   * hope.
   */
  private static final double NO_COMPLAINT = 0.13;

  private CasePath() {}

  static void follow(final CaseStory story, final Chance chance, final Instant registeredAt) {
    story.registered(registeredAt, Registrations.draw(story.country(), chance));
    new Custody(story, chance).after(registeredAt);
    final Instant complaintAt = registeredAt.plus(chance.days(1, 20));
    final Reprisals reprisals = new Reprisals(story, chance);
    if (reprisals.deterredBefore(registeredAt, complaintAt) || chance.of(NO_COMPLAINT)) {
      return;
    }
    final Step complaint = story.complaintFiled(complaintAt, complaintAuthority(story, chance));
    new ForensicExaminations(story, chance).after(complaint);
    final Proceedings proceedings = new Proceedings(story, chance);
    proceedings.answer(complaint);
    reprisals.after(complaint);
    proceedings.remediesExhausted().ifPresent(new UnCommunications(story, chance)::after);
  }

  /**
   * Mostly the prosecutor; the police's own ministry, a court, or the security service that is
   * accused.
   */
  private static Authority complaintAuthority(final CaseStory story, final Chance chance) {
    if (story.perpetrator() == Agency.NATIONAL_SECURITY && chance.of(0.2)) {
      return Authority.NATIONAL_SECURITY_SERVICE;
    }
    return chance.pick(
        Authority.PROSECUTOR,
        Authority.PROSECUTOR,
        Authority.PROSECUTOR,
        Authority.PROSECUTOR,
        Authority.PROSECUTOR,
        Authority.INTERNAL_AFFAIRS,
        Authority.INTERNAL_AFFAIRS,
        Authority.COURT);
  }
}
