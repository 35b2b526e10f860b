package org.casewatch.topology.rules;

import java.util.EnumMap;
import java.util.Map;
import org.casewatch.model.Country;

/**
 * The per-country rule table the topology is built from. Every country has an entry: the
 * defaults, overridden where a country's figures call for it.
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

  @Override
  public String toString() {
    return "Rules" + byCountry;
  }
}
