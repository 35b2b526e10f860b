package org.casewatch.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.casewatch.model.Agency;
import org.casewatch.model.Authority;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;
import org.junit.jupiter.api.Test;

/** The rule table's calendars and limits: defaults that run, overrides that are checked. */
class RulesFileTest {

  @Test
  void theDefaultTimeZonesAreTheOnesIngestionReadsDatesIn() {
    final Rules defaults = RulesFile.defaults();
    for (final Country country : Country.values()) {
      assertThat(defaults.forCountry(country).timeZone())
          .as("%s", country)
          .isEqualTo(Countries.zoneOf(country));
      assertThat(defaults.forCountry(country).maxEventsPerCase()).isEqualTo(1000);
    }
  }

  @Test
  void anOverrideNamesOnlyWhatDiffersAndChangesTheVersion() {
    final Rules overridden =
        RulesFile.parse("countries: {TJ: {timeZone: Asia/Samarkand, maxEventsPerCase: 200}}");

    assertThat(overridden.forCountry(Country.TJ).timeZone()).isEqualTo(ZoneId.of("Asia/Samarkand"));
    assertThat(overridden.forCountry(Country.TJ).maxEventsPerCase()).isEqualTo(200);
    assertThat(overridden.forCountry(Country.KZ).timeZone()).isEqualTo(ZoneId.of("Asia/Almaty"));
    assertThat(overridden.version()).isNotEqualTo(RulesFile.defaults().version());
    assertThat(RulesFile.parse("countries: {}").version())
        .isEqualTo(RulesFile.defaults().version());
  }

  @Test
  void anUnknownZoneOrATooSmallLimitIsRefusedWithWhatToDo() {
    assertThatThrownBy(() -> RulesFile.parse("countries: {KG: {timeZone: Asia/Nowhere}}"))
        .hasMessageContaining(
            "timeZone 'Asia/Nowhere' is not a time zone region such as Asia/Almaty");
    assertThatThrownBy(() -> RulesFile.parse("defaults: {maxEventsPerCase: 3}"))
        .hasMessageContaining("maxEventsPerCase must be at least 10, was 3");
  }

  @Test
  void everyNewRuleHasADatedThresholdWithItsSourceInEveryCountry() {
    final Rules defaults = RulesFile.defaults();
    final LocalDate statementYear = LocalDate.parse("2016-06-26");
    for (final Country country : Country.values()) {
      for (final RuleId rule :
          List.of(
              RuleId.REFUSAL_TO_INVESTIGATE,
              RuleId.DECISION_NOT_APPEALED,
              RuleId.REPEATED_REFUSALS,
              RuleId.SUSPENSION_TOO_LONG,
              RuleId.INTIMIDATION,
              RuleId.NO_INDEPENDENT_INVESTIGATION,
              RuleId.DOWNGRADED_QUALIFICATION,
              RuleId.URGENT_DEATH_IN_CUSTODY,
              RuleId.FORENSIC_EXAMINATION_MISSING,
              RuleId.UN_INTERIM_MEASURES_BREACHED,
              RuleId.UN_VIEWS_NOT_IMPLEMENTED,
              RuleId.COMPENSATION_UNPAID)) {
        assertThat(defaults.forCountry(country).threshold(rule, statementYear))
            .as("%s %s", country, rule)
            .hasValueSatisfying(entry -> assertThat(entry.source()).isNotBlank());
      }
      assertThat(defaults.forCountry(country).tortureArticle(statementYear))
          .as("%s's torture article", country)
          .isPresent();
    }
    assertThat(
            defaults
                .forCountry(Country.KZ)
                .threshold(RuleId.DECISION_NOT_APPEALED, statementYear)
                .get()
                .threshold())
        .isEqualTo(30);
    assertThat(defaults.forCountry(Country.TJ).compensationFloor("TJS", statementYear)).isPresent();
  }

  @Test
  void thresholdsAndArticlesAreTakenByDate() {
    final Rules rules =
        RulesFile.parse(
            """
            countries:
              KZ:
                thresholds:
                  SUSPENSION_TOO_LONG:
                    - {since: 2015-01-01, threshold: 90, source: "old code"}
                    - {since: 2020-07-01, threshold: 60, source: "amended code"}
            """);
    final CountryRules kz = rules.forCountry(Country.KZ);
    assertThat(
            kz.threshold(RuleId.SUSPENSION_TOO_LONG, LocalDate.parse("2020-06-30"))
                .get()
                .threshold())
        .isEqualTo(90);
    assertThat(
            kz.threshold(RuleId.SUSPENSION_TOO_LONG, LocalDate.parse("2020-07-01")).get().source())
        .isEqualTo("amended code");
    assertThat(kz.threshold(RuleId.SUSPENSION_TOO_LONG, LocalDate.parse("2014-12-31")))
        .as("not judged before any entry")
        .isEmpty();
    assertThat(kz.threshold(RuleId.DECISION_NOT_APPEALED, LocalDate.parse("2016-01-01")))
        .as("other rules keep the defaults")
        .isPresent();
    final CountryRules kg = rules.forCountry(Country.KG);
    assertThat(kg.tortureArticle(LocalDate.parse("2018-12-31")).get().article())
        .isEqualTo("CC-305-1");
    assertThat(kg.tortureArticle(LocalDate.parse("2019-01-01")).get().article())
        .isEqualTo("CC-143");
    assertThat(kg.tortureArticle(LocalDate.parse("2021-12-01")).get().article())
        .isEqualTo("CC-137");
  }

  @Test
  void aV1FloorAsAPlainAmountStillReadsAndACountryOverridesTheSameStructureByAuthority() {
    final Rules rules =
        RulesFile.parse(
            "countries: {KZ: {compensationFloors: {KZT: 100000000}, "
                + "sameStructure: {PROSECUTOR: [PROSECUTOR, POLICE]}}}");
    final CountryRules kz = rules.forCountry(Country.KZ);
    assertThat(kz.compensationFloor("KZT", LocalDate.parse("1990-01-01")).get().threshold())
        .isEqualTo(100_000_000L);
    assertThat(kz.sameStructure(Authority.PROSECUTOR, Agency.POLICE)).isTrue();
    assertThat(kz.sameStructure(Authority.INTERNAL_AFFAIRS, Agency.POLICE))
        .as("the default for other authorities")
        .isTrue();
    assertThat(rules.forCountry(Country.TJ).compensationFloor("TJS", LocalDate.parse("2016-01-01")))
        .as("a floor for one currency leaves another country's alone")
        .isPresent();
  }

  @Test
  void noAuthorityIsIndependentUntilATableSaysSoAndThenNotOfItsOwnStructure() {
    assertThat(
            RulesFile.defaults()
                .forCountry(Country.KZ)
                .independent(Authority.PROSECUTOR, Agency.POLICE))
        .isFalse();
    final CountryRules kz =
        RulesFile.parse(
                "countries: {KZ: {independentAuthorities: [INVESTIGATIVE_COMMITTEE], "
                    + "sameStructure: {INVESTIGATIVE_COMMITTEE: [MILITARY]}}}")
            .forCountry(Country.KZ);
    assertThat(kz.independent(Authority.INVESTIGATIVE_COMMITTEE, Agency.POLICE)).isTrue();
    assertThat(kz.independent(Authority.INVESTIGATIVE_COMMITTEE, Agency.MILITARY)).isFalse();
    assertThat(kz.independent(Authority.PROSECUTOR, Agency.POLICE)).isFalse();
  }

  @Test
  void aBadEntryIsRefusedSayingWhereAndWhatToDo() {
    assertThatThrownBy(
            () ->
                RulesFile.parse(
                    "defaults: {thresholds: {STALLED_FOREVER: [{since: 2016-01-01, threshold: 1,"
                        + " source: x}]}}"))
        .hasMessageContaining("thresholds names rule 'STALLED_FOREVER'");
    assertThatThrownBy(
            () ->
                RulesFile.parse(
                    "defaults: {thresholds: {SUSPENSION_TOO_LONG: [{since: 2016-01-01, threshold:"
                        + " 90}]}}"))
        .hasMessageContaining("names no 'source'");
    assertThatThrownBy(
            () ->
                RulesFile.parse(
                    "defaults: {thresholds: {SUSPENSION_TOO_LONG: [{since: soon, threshold: 9,"
                        + " source: x}]}}"))
        .hasMessageContaining("'since' soon is not a date such as 2015-01-01");
    assertThatThrownBy(
            () ->
                RulesFile.parse("countries: {KG: {sameStructure: {INTERNAL_AFFAIRS: [MILITIA]}}}"))
        .hasMessageContaining("sameStructure.INTERNAL_AFFAIRS names 'MILITIA'");
    assertThatThrownBy(
            () ->
                RulesFile.parse(
                    "defaults: {thresholds: {DECISION_NOT_APPEALED: [{since: 2000-01-01, threshold:"
                        + " 3000000000, source: x}]}}"))
        .hasMessageContaining("a rule's threshold is at most 36500");
    assertThatThrownBy(
            () ->
                RulesFile.parse(
                    "defaults: {thresholds: {DECISION_NOT_APPEALED: [{since: 2000-01-01, threshold:"
                        + " 30, source: a}, {since: 2000-01-01, threshold: 5, source: b}]}}"))
        .hasMessageContaining("two entries with the same 'since'");
  }
}
