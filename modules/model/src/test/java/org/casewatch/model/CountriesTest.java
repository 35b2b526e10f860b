package org.casewatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CountriesTest {

  @Test
  void eventTopicsFollowTheContract() {
    assertThat(Topics.allEvents())
        .containsExactly(
            "casewatch.events.kz",
            "casewatch.events.kg",
            "casewatch.events.tj",
            "casewatch.events.tm",
            "casewatch.events.uz");
    assertThat(Topics.countryOfEvents("casewatch.events.tj")).contains(Country.TJ);
    assertThat(Topics.countryOfEvents("casewatch.alerts")).isEmpty();
    assertThat(Topics.countryOfEvents("casewatch.events.ru")).isEmpty();
  }

  @Test
  void aCaseIdBelongsToTheCountryOfItsPrefix() {
    assertThat(Countries.isCaseIdOf(Country.KZ, "KZ-2016-0042")).isTrue();
    assertThat(Countries.isCaseIdOf(Country.UZ, "KZ-2016-0042")).isFalse();
    assertThat(Countries.isCaseIdOf(Country.KZ, "KZ-16-0042")).isFalse();
    assertThat(Countries.isCaseIdOf(Country.KZ, "Aigul Serikova")).isFalse();
    assertThat(Countries.isCaseIdOf(Country.KZ, null)).isFalse();
  }

  @Test
  void codesParseInAnyCase() {
    assertThat(Countries.fromCode("kg")).contains(Country.KG);
    assertThat(Countries.fromCode(" TM ")).contains(Country.TM);
    assertThat(Countries.fromCode("XX")).isEmpty();
  }

  @Test
  void eachCountryHasItsOwnTimeZone() {
    assertThat(Countries.zoneOf(Country.KZ)).isEqualTo(ZoneId.of("Asia/Almaty"));
    assertThat(Countries.zoneOf(Country.KG)).isEqualTo(ZoneId.of("Asia/Bishkek"));
    assertThat(Countries.zoneOf(Country.TJ)).isEqualTo(ZoneId.of("Asia/Dushanbe"));
    assertThat(Countries.zoneOf(Country.TM)).isEqualTo(ZoneId.of("Asia/Ashgabat"));
    assertThat(Countries.zoneOf(Country.UZ)).isEqualTo(ZoneId.of("Asia/Tashkent"));
    assertThat(LocalDate.parse("2016-03-02").atStartOfDay(Countries.zoneOf(Country.KZ)).toInstant())
        .as("a Kazakh day of 2016 starts at 18:00 UTC the day before (UTC+06:00)")
        .hasToString("2016-03-01T18:00:00Z");
  }
}
