package org.casewatch.simulation;

import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.Country;
import org.casewatch.model.PlaceOfDetention;
import org.casewatch.model.Sex;
import org.casewatch.model.VictimProfile;

/**
 * What a coalition records when it takes on a case: the allegation, the kind of place, the kind of
 * agency and a victim profile that identifies no one. Mostly men tortured by police; some women and
 * minors; a few deaths in custody; in Uzbekistan many victims forcibly returned from abroad and
 * tortured by the National Security Service to make them confess.
 */
final class Registrations {

  private static final double DEATH_IN_CUSTODY = 0.015;
  private static final double WOMAN = 0.12;
  private static final double MINOR = 0.07;

  private Registrations() {}

  /**
   * A man of 18 to 29, not returned from abroad, tortured by the police at a police station: the
   * one registration of the reported and long shapes, which vary the path, not the victim.
   */
  static CaseRegistered typical() {
    return CaseRegistered.newBuilder()
        .setAllegation(Allegation.TORTURE)
        .setPlaceOfDetention(PlaceOfDetention.POLICE_STATION)
        .setPerpetratorAgency(Agency.POLICE)
        .setVictim(
            VictimProfile.newBuilder()
                .setSex(Sex.MALE)
                .setAgeBand(AgeBand.AGE_18_29)
                .setReturnedFromAbroad(false)
                .build())
        .build();
  }

  /** A registration drawn with the shares of the simulator's 2016 history. */
  static CaseRegistered draw(final Country country, final Chance chance) {
    final boolean returned = chance.of(returnedShare(country));
    final boolean died = chance.of(DEATH_IN_CUSTODY);
    final PlaceOfDetention place =
        died
            ? chance.pick(
                PlaceOfDetention.TEMPORARY_DETENTION_FACILITY,
                PlaceOfDetention.PRE_TRIAL_DETENTION,
                PlaceOfDetention.PRISON)
            : returned
                ? chance.pick(
                    PlaceOfDetention.TEMPORARY_DETENTION_FACILITY,
                    PlaceOfDetention.PRE_TRIAL_DETENTION)
                : chance.pick(
                    PlaceOfDetention.POLICE_STATION,
                    PlaceOfDetention.POLICE_STATION,
                    PlaceOfDetention.POLICE_STATION,
                    PlaceOfDetention.TEMPORARY_DETENTION_FACILITY,
                    PlaceOfDetention.TEMPORARY_DETENTION_FACILITY,
                    PlaceOfDetention.PRE_TRIAL_DETENTION,
                    PlaceOfDetention.PRISON,
                    PlaceOfDetention.NOT_IN_CUSTODY,
                    PlaceOfDetention.MILITARY_UNIT);
    return CaseRegistered.newBuilder()
        .setAllegation(
            died
                ? Allegation.DEATH_IN_CUSTODY
                : chance.pick(
                    Allegation.TORTURE,
                    Allegation.TORTURE,
                    Allegation.ILL_TREATMENT,
                    Allegation.THREAT_OF_TORTURE))
        .setPlaceOfDetention(place)
        .setPerpetratorAgency(perpetrator(country, place, returned, chance))
        .setVictim(
            VictimProfile.newBuilder()
                .setSex(
                    chance.of(WOMAN)
                        ? Sex.FEMALE
                        : chance.pick(
                            Sex.MALE, Sex.MALE, Sex.MALE, Sex.MALE, Sex.MALE, Sex.UNDISCLOSED))
                .setAgeBand(
                    chance.of(MINOR)
                        ? AgeBand.UNDER_18
                        : chance.pick(
                            AgeBand.AGE_18_29,
                            AgeBand.AGE_18_29,
                            AgeBand.AGE_30_44,
                            AgeBand.AGE_30_44,
                            AgeBand.AGE_45_59,
                            AgeBand.AGE_60_PLUS,
                            AgeBand.AGE_UNKNOWN))
                .setReturnedFromAbroad(returned)
                .build())
        .build();
  }

  /**
   * Uzbekistan's returnees stand out; Tajik labour migrants are sometimes returned from Russia too.
   */
  private static double returnedShare(final Country country) {
    return switch (country) {
      case UZ -> 0.45;
      case TJ -> 0.05;
      default -> 0.02;
    };
  }

  private static Agency perpetrator(
      final Country country,
      final PlaceOfDetention place,
      final boolean returned,
      final Chance chance) {
    if (returned && (country == Country.UZ || chance.of(0.5))) {
      return Agency.NATIONAL_SECURITY;
    }
    return switch (place) {
      case PRISON -> Agency.PENITENTIARY_SERVICE;
      case MILITARY_UNIT -> Agency.MILITARY;
      case PRE_TRIAL_DETENTION ->
          chance.pick(Agency.PENITENTIARY_SERVICE, Agency.POLICE, Agency.NATIONAL_SECURITY);
      default ->
          chance.pick(
              Agency.POLICE, Agency.POLICE, Agency.POLICE, Agency.POLICE, Agency.NATIONAL_SECURITY);
    };
  }
}
