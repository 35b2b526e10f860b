package org.casewatch.topology.rules;

import java.time.ZoneId;
import java.util.Map;

/**
 * The rule parameters in force for one country.
 *
 * @param stalledComplaintDays days a complaint may wait for an investigation or a decision
 * @param stalledInvestigationDays days an investigation may stay open without a decision
 * @param retaliationEnabled whether reprisals after a complaint raise RETALIATION alerts
 * @param coercedWithdrawalDays a withdrawal this many days or fewer after a reprisal is suspect
 * @param compensationFloors minimum adequate compensation per ISO 4217 currency, in minor units;
 *     empty when the INADEQUATE_COMPENSATION rule is off for the country
 * @param timeZone the country's time zone: local dates, deadlines and years are counted in it
 * @param maxEventsPerCase a case holds at most this many events; later ones are dead-lettered
 */
public record CountryRules(
    int stalledComplaintDays,
    int stalledInvestigationDays,
    boolean retaliationEnabled,
    int coercedWithdrawalDays,
    Map<String, Long> compensationFloors,
    ZoneId timeZone,
    int maxEventsPerCase) {

  public CountryRules {
    requirePositive("stalledComplaintDays", stalledComplaintDays);
    if (timeZone == null) {
      throw new IllegalArgumentException("timeZone is missing; give a region such as Asia/Almaty");
    }
    if (maxEventsPerCase < 10) {
      throw new IllegalArgumentException("maxEventsPerCase must be at least 10, was " + maxEventsPerCase);
    }
    requirePositive("stalledInvestigationDays", stalledInvestigationDays);
    requirePositive("coercedWithdrawalDays", coercedWithdrawalDays);
    compensationFloors = Map.copyOf(compensationFloors);
    compensationFloors.forEach((currency, floor) -> {
      if (!currency.matches("[A-Z]{3}")) {
        throw new IllegalArgumentException(
            "compensation floor currency '" + currency + "' is not an ISO 4217 code such as TJS");
      }
      if (floor < 0) {
        throw new IllegalArgumentException("compensation floor for " + currency + " is negative: " + floor);
      }
    });
  }

  public LocalCalendar calendar() {
    return new LocalCalendar(timeZone);
  }

  private static void requirePositive(final String name, final int days) {
    if (days <= 0) {
      throw new IllegalArgumentException(name + " must be at least 1 day, was " + days);
    }
  }
}
