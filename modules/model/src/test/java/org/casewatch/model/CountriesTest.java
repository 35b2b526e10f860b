package org.casewatch.model;

import static org.assertj.core.api.Assertions.assertThat;

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
}
