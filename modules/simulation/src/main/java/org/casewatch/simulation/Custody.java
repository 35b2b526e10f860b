package org.casewatch.simulation;

import java.time.Instant;
import org.casewatch.model.Agency;
import org.casewatch.model.Country;
import org.casewatch.model.Custodian;
import org.casewatch.simulation.CaseStory.Step;

/**
 * Who holds the victim: returnees in Uzbekistan, and some others, held by the National Security
 * Service and later handed to the penitentiary service; a few detained victims transferred or
 * released.
 */
final class Custody {

  private static final double HELD_BY_NATIONAL_SECURITY_UZ_RETURNEE = 0.6;
  private static final double HELD_BY_NATIONAL_SECURITY = 0.3;
  private static final double HANDED_TO_PENITENTIARY = 0.5;
  private static final double TRANSFER_OR_RELEASE = 0.12;

  private final CaseStory story;
  private final Chance chance;

  Custody(final CaseStory story, final Chance chance) {
    this.story = story;
    this.chance = chance;
  }

  void after(final Instant registeredAt) {
    if (!story.victimHeld()) {
      return;
    }
    if (story.perpetrator() == Agency.NATIONAL_SECURITY && chance.of(nationalSecurityHolds())) {
      final Step held =
          story.custodyChanged(registeredAt.plus(chance.hours(1, 72)), Custodian.NATIONAL_SECURITY);
      if (chance.of(HANDED_TO_PENITENTIARY)) {
        story.custodyChanged(held.at().plus(chance.days(30, 200)), Custodian.PENITENTIARY_SERVICE);
      }
    } else if (chance.of(TRANSFER_OR_RELEASE)) {
      story.custodyChanged(
          registeredAt.plus(chance.days(3, 90)),
          chance.pick(Custodian.PENITENTIARY_SERVICE, Custodian.RELEASED, Custodian.RELEASED));
    }
  }

  private double nationalSecurityHolds() {
    return story.country() == Country.UZ && story.returnedFromAbroad()
        ? HELD_BY_NATIONAL_SECURITY_UZ_RETURNEE
        : HELD_BY_NATIONAL_SECURITY;
  }
}
