package org.casewatch.topology.rules;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.casewatch.model.Agency;
import org.casewatch.model.Authority;
import org.casewatch.model.RuleId;

/**
 * The rule parameters in force for one country.
 *
 * @param stalledComplaintDays days a complaint may wait for an investigation or a decision
 * @param stalledInvestigationDays days an investigation may stay open without a decision
 * @param retaliationEnabled whether reprisals after a complaint raise RETALIATION alerts
 * @param coercedWithdrawalDays a withdrawal this many days or fewer after a reprisal is suspect
 * @param compensationFloors minimum adequate compensation per ISO 4217 currency, in minor units,
 *     dated; a currency without a floor in force is not judged by INADEQUATE_COMPENSATION
 * @param timeZone the country's time zone: local dates, deadlines and years are counted in it
 * @param maxEventsPerCase a case holds at most this many events; later ones are dead-lettered
 * @param thresholds the dated thresholds of the rules of contract v2, by rule; a rule with no
 *     threshold in force on a date does not judge that date
 * @param tortureArticles the country's torture article, dated
 * @param sameStructure per investigating authority, the perpetrator agencies of its own structure
 * @param sameStructureSource where that mapping comes from
 * @param independentAuthorities the authorities independent of the agencies they investigate; none
 *     by default: no country in the region has an independent body for complaints of torture
 */
public record CountryRules(
    int stalledComplaintDays,
    int stalledInvestigationDays,
    boolean retaliationEnabled,
    int coercedWithdrawalDays,
    Map<String, List<DatedThreshold>> compensationFloors,
    ZoneId timeZone,
    int maxEventsPerCase,
    Map<RuleId, List<DatedThreshold>> thresholds,
    List<TortureArticle> tortureArticles,
    Map<Authority, Set<Agency>> sameStructure,
    String sameStructureSource,
    Set<Authority> independentAuthorities) {

  public CountryRules {
    requirePositive("stalledComplaintDays", stalledComplaintDays);
    if (timeZone == null) {
      throw new IllegalArgumentException("timeZone is missing; give a region such as Asia/Almaty");
    }
    if (maxEventsPerCase < 10) {
      throw new IllegalArgumentException(
          "maxEventsPerCase must be at least 10, was " + maxEventsPerCase);
    }
    requirePositive("stalledInvestigationDays", stalledInvestigationDays);
    requirePositive("coercedWithdrawalDays", coercedWithdrawalDays);
    compensationFloors
        .keySet()
        .forEach(
            currency -> {
              if (!currency.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException(
                    "compensation floor currency '"
                        + currency
                        + "' is not an ISO 4217 code such as TJS");
              }
            });
    compensationFloors = new TreeMap<>(Map.copyOf(compensationFloors));
    thresholds = thresholds.isEmpty() ? Map.of() : new EnumMap<>(thresholds);
    tortureArticles = List.copyOf(tortureArticles);
    final Map<Authority, Set<Agency>> structures = new EnumMap<>(Authority.class);
    sameStructure.forEach(
        (authority, agencies) ->
            structures.put(authority, agencies.isEmpty() ? Set.of() : EnumSet.copyOf(agencies)));
    sameStructure = structures;
    sameStructureSource = sameStructureSource == null ? "" : sameStructureSource;
    independentAuthorities =
        independentAuthorities.isEmpty() ? Set.of() : EnumSet.copyOf(independentAuthorities);
  }

  public LocalCalendar calendar() {
    return new LocalCalendar(timeZone);
  }

  /** The threshold of {@code rule} in force on {@code date}, if the table has one. */
  public Optional<DatedThreshold> threshold(final RuleId rule, final LocalDate date) {
    return DatedThreshold.inForce(thresholds.getOrDefault(rule, List.of()), date);
  }

  /** The compensation floor for {@code currency} in force on {@code date}, if any. */
  public Optional<DatedThreshold> compensationFloor(final String currency, final LocalDate date) {
    return DatedThreshold.inForce(compensationFloors.getOrDefault(currency, List.of()), date);
  }

  /** The torture article in force on {@code date}, if one is known. */
  public Optional<TortureArticle> tortureArticle(final LocalDate date) {
    return TortureArticle.inForce(tortureArticles, date);
  }

  /**
   * Whether an investigation by {@code authority} of acts of {@code perpetrators} is by an
   * independent body: one the table lists as independent, outside the perpetrators' structure.
   */
  public boolean independent(final Authority authority, final Agency perpetrators) {
    return independentAuthorities.contains(authority) && !sameStructure(authority, perpetrators);
  }

  /**
   * Whether {@code authority} belongs to the same structure as the {@code perpetrators}' agency.
   */
  public boolean sameStructure(final Authority authority, final Agency perpetrators) {
    return sameStructure.getOrDefault(authority, Set.of()).contains(perpetrators);
  }

  private static void requirePositive(final String name, final int days) {
    if (days <= 0) {
      throw new IllegalArgumentException(name + " must be at least 1 day, was " + days);
    }
  }
}
