package org.casewatch.simulation;

import java.time.Instant;
import org.casewatch.model.Agency;
import org.casewatch.model.Country;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.simulation.CaseStory.Step;

/**
 * Reprisals the coalitions document: Kazakh officials warning victims, before they complain, that a
 * "false" complaint will be prosecuted; Kyrgyz prosecutors opening proceedings against victims who
 * withdraw under pressure; and everywhere pressure on relatives and lawyers, new charges,
 * defamation suits, and for detained complainants punishment cells, transfers and denied care.
 */
final class Reprisals {

  private static final double KZ_INTIMIDATION = 0.15;

  /** Of the intimidated, those who then file no complaint. */
  private static final double DETERRED = 0.4;

  private static final double KZ_FALSE_REPORT_THREAT = 0.06;
  private static final double KG_WITHDRAWAL_PROSECUTED = 0.1;
  private static final double OTHER_REPRISAL = 0.1;
  private static final double WITHDRAWAL_AFTER_REPRISAL = 0.3;

  private final CaseStory story;
  private final Chance chance;

  Reprisals(final CaseStory story, final Chance chance) {
    this.story = story;
    this.chance = chance;
  }

  /**
   * Intimidation between registration and the complaint planned for {@code complaintAt}; true when
   * it works and no complaint is filed.
   */
  boolean deterredBefore(final Instant registeredAt, final Instant complaintAt) {
    if (story.country() != Country.KZ || !chance.of(KZ_INTIMIDATION)) {
      return false;
    }
    story.reprisal(
        chance.within(registeredAt, complaintAt),
        ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES,
        Agency.POLICE);
    return chance.of(DETERRED);
  }

  void after(final Step complaint) {
    if (story.country() == Country.KZ && chance.of(KZ_FALSE_REPORT_THREAT)) {
      story.reprisal(
          complaint.at().plus(chance.days(2, 30)),
          ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES,
          Agency.POLICE);
    } else if (story.country() == Country.KG && chance.of(KG_WITHDRAWAL_PROSECUTED)) {
      final Step pressed =
          story.reprisal(
              complaint.at().plus(chance.days(3, 20)),
              ReprisalKind.PRESSURE_TO_WITHDRAW,
              Agency.POLICE);
      final Step withdrawn =
          story.withdrawn(pressed.at().plus(chance.days(1, 15)), WithdrawalReason.PRESSURE);
      story.reprisal(
          withdrawn.at().plus(chance.days(10, 60)),
          ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT,
          Agency.PROSECUTOR);
    } else if (chance.of(OTHER_REPRISAL)) {
      final Step reprisal = reported(complaint.at().plus(chance.days(2, 40)));
      if (chance.of(WITHDRAWAL_AFTER_REPRISAL)) {
        story.withdrawn(reprisal.at().plus(chance.days(1, 20)), WithdrawalReason.FEAR_OF_REPRISAL);
      }
    }
  }

  /**
   * One reprisal of a kind that fits the victim's situation: held, returned from abroad, or free.
   */
  Step reported(final Instant at) {
    final ReprisalKind kind = kind();
    return story.reprisal(at, kind, agencyFor(kind));
  }

  private ReprisalKind kind() {
    if (story.victimHeld()) {
      return chance.pick(
          ReprisalKind.PUNISHMENT_CELL,
          ReprisalKind.TRANSFER_TO_WORSE_FACILITY,
          ReprisalKind.DENIAL_OF_MEDICAL_CARE,
          ReprisalKind.DENIAL_OF_LAWYER_ACCESS,
          ReprisalKind.PRESSURE_TO_WITHDRAW,
          ReprisalKind.PHYSICAL_VIOLENCE);
    }
    if (story.returnedFromAbroad()) {
      return chance.pick(
          ReprisalKind.DEPORTATION_OR_EXTRADITION_THREAT,
          ReprisalKind.PRESSURE_ON_RELATIVES,
          ReprisalKind.NEW_OR_FABRICATED_CHARGES);
    }
    return chance.pick(
        ReprisalKind.PRESSURE_ON_RELATIVES,
        ReprisalKind.PRESSURE_ON_RELATIVES,
        ReprisalKind.PRESSURE_TO_WITHDRAW,
        ReprisalKind.PRESSURE_ON_LAWYER,
        ReprisalKind.NEW_OR_FABRICATED_CHARGES,
        ReprisalKind.DEFAMATION_SUIT,
        ReprisalKind.DETENTION,
        ReprisalKind.FORCED_PSYCHIATRIC_EXAMINATION);
  }

  /**
   * Inside a facility its staff; a threat to deport comes from national security; otherwise the
   * accused agency.
   */
  private Agency agencyFor(final ReprisalKind kind) {
    return switch (kind) {
      case PUNISHMENT_CELL, TRANSFER_TO_WORSE_FACILITY, DENIAL_OF_MEDICAL_CARE ->
          Agency.PENITENTIARY_SERVICE;
      case DEPORTATION_OR_EXTRADITION_THREAT -> Agency.NATIONAL_SECURITY;
      default -> story.perpetrator();
    };
  }
}
