package org.casewatch.topology.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import org.casewatch.model.Country;

/**
 * The per-country rule table the topology is built from. Every country has an entry: the defaults,
 * overridden where a country's figures call for it.
 */
public final class Rules {

  private final Map<Country, CountryRules> byCountry;

  public Rules(final Map<Country, CountryRules> byCountry) {
    final EnumMap<Country, CountryRules> copy = new EnumMap<>(Country.class);
    copy.putAll(byCountry);
    for (final Country country : Country.values()) {
      if (!copy.containsKey(country)) {
        throw new IllegalArgumentException("the rule table has no entry for " + country);
      }
    }
    this.byCountry = copy;
  }

  /** The same rules for every country. */
  public static Rules uniform(final CountryRules rules) {
    final EnumMap<Country, CountryRules> all = new EnumMap<>(Country.class);
    for (final Country country : Country.values()) {
      all.put(country, rules);
    }
    return new Rules(all);
  }

  public CountryRules forCountry(final Country country) {
    return byCountry.get(country);
  }

  /**
   * A short hash of the table, so an alert says which thresholds, zones and limits judged it; two
   * tables with the same entries have the same version.
   */
  public String version() {
    try {
      final byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    final StringBuilder text = new StringBuilder("Rules{");
    byCountry.forEach(
        (country, rules) ->
            text.append(country)
                .append('=')
                .append(rules.stalledComplaintDays())
                .append(',')
                .append(rules.stalledInvestigationDays())
                .append(',')
                .append(rules.retaliationEnabled())
                .append(',')
                .append(rules.coercedWithdrawalDays())
                .append(',')
                .append(rules.compensationFloors())
                .append(',')
                .append(rules.timeZone())
                .append(',')
                .append(rules.maxEventsPerCase())
                .append(',')
                .append(rules.thresholds())
                .append(',')
                .append(rules.tortureArticles())
                .append(',')
                .append(rules.sameStructure())
                .append(',')
                .append(rules.sameStructureSource())
                .append(',')
                .append(rules.independentAuthorities())
                .append(';'));
    return text.append('}').toString();
  }
}
