package org.casewatch.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import org.junit.jupiter.api.Test;

/** The rule table's calendars and limits: defaults that run, overrides that are checked. */
class RulesFileTest {

  @Test
  void theDefaultTimeZonesAreTheOnesIngestionReadsDatesIn() {
    final Rules defaults = RulesFile.defaults();
    for (final Country country : Country.values()) {
      assertThat(defaults.forCountry(country).timeZone()).as("%s", country).isEqualTo(Countries.zoneOf(country));
      assertThat(defaults.forCountry(country).maxEventsPerCase()).isEqualTo(1000);
    }
  }

  @Test
  void anOverrideNamesOnlyWhatDiffersAndChangesTheVersion() {
    final Rules overridden = RulesFile.parse("countries: {TJ: {timeZone: Asia/Samarkand, maxEventsPerCase: 200}}");

    assertThat(overridden.forCountry(Country.TJ).timeZone()).isEqualTo(ZoneId.of("Asia/Samarkand"));
    assertThat(overridden.forCountry(Country.TJ).maxEventsPerCase()).isEqualTo(200);
    assertThat(overridden.forCountry(Country.KZ).timeZone()).isEqualTo(ZoneId.of("Asia/Almaty"));
    assertThat(overridden.version()).isNotEqualTo(RulesFile.defaults().version());
    assertThat(RulesFile.parse("countries: {}").version()).isEqualTo(RulesFile.defaults().version());
  }

  @Test
  void anUnknownZoneOrATooSmallLimitIsRefusedWithWhatToDo() {
    assertThatThrownBy(() -> RulesFile.parse("countries: {KG: {timeZone: Asia/Nowhere}}"))
        .hasMessageContaining("timeZone 'Asia/Nowhere' is not a time zone region such as Asia/Almaty");
    assertThatThrownBy(() -> RulesFile.parse("defaults: {maxEventsPerCase: 3}"))
        .hasMessageContaining("maxEventsPerCase must be at least 10, was 3");
  }
}
