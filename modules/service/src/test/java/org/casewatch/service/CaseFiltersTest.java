package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseStage;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.OpenAlert;
import org.casewatch.model.PlaceOfDetention;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.model.Sex;
import org.casewatch.model.VictimProfile;
import org.junit.jupiter.api.Test;

/** The case filters of {@code /v1/alerts} and {@code /v1/cases}, on case states, without Kafka. */
class CaseFiltersTest {

  private static final CaseState BOY_BEATEN_BY_POLICE =
      aCase(
          "KZ-2016-0001",
          Allegation.TORTURE,
          Agency.POLICE,
          victim(Sex.MALE, AgeBand.UNDER_18, false));
  private static final CaseState WOMAN_RETURNED_TO_NSS =
      aCase(
          "UZ-2016-0002",
          Allegation.ILL_TREATMENT,
          Agency.NATIONAL_SECURITY,
          victim(Sex.FEMALE, AgeBand.AGE_30_44, true));
  private static final CaseState MAN_DIED_IN_PRISON =
      aCase(
          "TJ-2016-0003",
          Allegation.DEATH_IN_CUSTODY,
          Agency.PENITENTIARY_SERVICE,
          victim(Sex.MALE, AgeBand.AGE_45_59, false));
  private static final CaseState NOT_REGISTERED_YET =
      CaseState.newBuilder()
          .setCaseId("KG-2016-0004")
          .setCountry(Country.KG)
          .setCoalition("kg-coalition")
          .setStage(CaseStage.COMPLAINT_FILED)
          .build();
  private static final List<CaseState> ALL =
      List.of(BOY_BEATEN_BY_POLICE, WOMAN_RETURNED_TO_NSS, MAN_DIED_IN_PRISON, NOT_REGISTERED_YET);

  @Test
  void victimGroupsComeFromTheRegistrationsProfile() {
    assertThat(VictimGroup.of(BOY_BEATEN_BY_POLICE.getVictim())).containsExactly(VictimGroup.MINOR);
    assertThat(VictimGroup.of(WOMAN_RETURNED_TO_NSS.getVictim()))
        .containsExactly(VictimGroup.WOMAN, VictimGroup.RETURNEE);
    assertThat(VictimGroup.of(MAN_DIED_IN_PRISON.getVictim())).isEmpty();
    assertThat(VictimGroup.of(victim(Sex.FEMALE, AgeBand.UNDER_18, true)))
        .containsExactly(VictimGroup.MINOR, VictimGroup.WOMAN, VictimGroup.RETURNEE);
    assertThat(VictimGroup.of(null)).as("no registration, no profile").isEmpty();
  }

  @Test
  void eachProfileFilterKeepsTheCasesItNames() {
    assertThat(matching(profile("allegation=DEATH_IN_CUSTODY"))).containsExactly("TJ-2016-0003");
    assertThat(matching(profile("agency=NATIONAL_SECURITY"))).containsExactly("UZ-2016-0002");
    assertThat(matching(profile("victimProfile=MINOR"))).containsExactly("KZ-2016-0001");
    assertThat(matching(profile("victimProfile=WOMAN"))).containsExactly("UZ-2016-0002");
    assertThat(matching(profile("victimProfile=RETURNEE"))).containsExactly("UZ-2016-0002");
  }

  @Test
  void valuesOfOneFilterAreAlternativesAndFiltersTogetherMustAllMatch() {
    assertThat(matching(profile("victimProfile=MINOR,RETURNEE")))
        .containsExactly("KZ-2016-0001", "UZ-2016-0002");
    assertThat(matching(profile("agency=POLICE", "agency=PENITENTIARY_SERVICE")))
        .containsExactly("KZ-2016-0001", "TJ-2016-0003");
    assertThat(matching(profile("victimProfile=MINOR,RETURNEE", "agency=POLICE")))
        .containsExactly("KZ-2016-0001");
    assertThat(matching(profile("allegation=TORTURE", "victimProfile=WOMAN"))).isEmpty();
  }

  @Test
  void withoutProfileFiltersEveryCaseMatchesAndACaseWithoutProfileMatchesNoneSet() {
    assertThat(profile().isEmpty()).isTrue();
    assertThat(matching(profile())).hasSize(4);
    assertThat(
            profile(
                    "agency=POLICE,NATIONAL_SECURITY,PENITENTIARY_SERVICE,MILITARY,PROSECUTOR,BORDER_SERVICE,"
                        + "COURT,OTHER_AGENCY,UNKNOWN_AGENCY")
                .matches(NOT_REGISTERED_YET))
        .isFalse();
  }

  @Test
  void symbolsAreCaseInsensitiveAndBlankValuesAreNoFilter() {
    assertThat(matching(profile("victimProfile=minor", "allegation=torture")))
        .containsExactly("KZ-2016-0001");
    assertThat(profile("victimProfile=", "agency= ,").isEmpty()).isTrue();
  }

  @Test
  void anUnknownValueNamesTheParameterTheValueAndTheAllowedValues() {
    assertThatThrownBy(() -> profile("victimProfile=MINOR,CHILD"))
        .isInstanceOfSatisfying(
            BadParameter.class,
            bad -> {
              assertThat(bad.parameter()).isEqualTo("victimProfile");
              assertThat(bad.value()).isEqualTo("CHILD");
              assertThat(bad.allowed()).containsExactly("MINOR", "WOMAN", "RETURNEE");
              assertThat(bad.getMessage())
                  .isEqualTo("victimProfile 'CHILD' is not one of MINOR, WOMAN, RETURNEE");
            });
    assertThatThrownBy(() -> AlertQuery.from(parameters("severity=URGENT")))
        .isInstanceOfSatisfying(
            BadParameter.class,
            bad -> assertThat(bad.allowed()).containsExactly("LOW", "MEDIUM", "HIGH"));
    assertThatThrownBy(() -> profile("agency=KGB"))
        .hasMessageContaining("agency 'KGB' is not one of POLICE, NATIONAL_SECURITY");
    assertThatThrownBy(() -> profile("allegation=BEATING"))
        .hasMessageStartingWith("allegation 'BEATING' is not one of TORTURE");
    assertThatThrownBy(() -> CaseQuery.from(parameters("stage=CLOSED")))
        .hasMessageStartingWith("stage 'CLOSED'");
    assertThatThrownBy(() -> CaseQuery.from(parameters("country=RU")))
        .hasMessage("country 'RU' is not one of KZ, KG, TJ, TM, UZ");
  }

  @Test
  void theFiltersTravelToAnotherInstanceAsTheySelect() {
    final AlertQuery query =
        AlertQuery.from(
            parameters(
                "country=kz",
                "country=UZ",
                "severity=HIGH,MEDIUM",
                "since=2016-02-01",
                "rule=RETALIATION",
                "status=RAISED",
                "victimProfile=RETURNEE,MINOR",
                "agency=POLICE",
                "limit=7",
                "cursor=" + new PageCursor(Instant.parse("2016-03-01T00:00:00Z"), "abc").encode()));

    assertThat(query.encodeAlertFilters())
        .isEqualTo(
            "country=KZ,UZ&rule=RETALIATION&status=RAISED&severity=MEDIUM,HIGH&since=2016-02-01T00:00:00Z");
    assertThat(query.encodeCaseFilters())
        .isEqualTo("country=KZ,UZ&agency=POLICE&victimProfile=MINOR,RETURNEE");
    final AlertQuery forwarded = AlertQuery.from(parameters(query.encodeAlertFilters().split("&")));
    assertThat(
            List.of(
                forwarded.countries(),
                forwarded.rules(),
                forwarded.statuses(),
                forwarded.severities(),
                forwarded.since()))
        .isEqualTo(
            List.of(
                query.countries(),
                query.rules(),
                query.statuses(),
                query.severities(),
                query.since()));
    final AlertQuery caseSide = AlertQuery.from(parameters(query.encodeCaseFilters().split("&")));
    assertThat(ALL.stream().filter(caseSide.caseFilter()).map(CaseState::getCaseId))
        .as("a minor's case by the police in KZ; a returnee's in UZ, but by national security")
        .containsExactly("KZ-2016-0001");
    assertThat(ALL.stream().filter(query.caseFilter()).map(CaseState::getCaseId))
        .containsExactly("KZ-2016-0001");

    final CaseQuery cases =
        CaseQuery.from(
            parameters(
                "stage=REGISTERED,COMPLAINT_FILED",
                "rule=STALLED_COMPLAINT",
                "severity=MEDIUM",
                "allegation=TORTURE",
                "limit=3"));
    assertThat(CaseQuery.from(parameters(cases.encode().split("&")))).isEqualTo(cases);
  }

  @Test
  void casesAreFoundByStageCountryAndTheirOpenAlerts() {
    final CaseState stalled =
        CaseState.newBuilder(BOY_BEATEN_BY_POLICE)
            .setStage(CaseStage.COMPLAINT_FILED)
            .setOpenAlertCountByRule(Map.of("STALLED_COMPLAINT", 1L))
            .setOpenAlerts(
                List.of(
                    new OpenAlert(
                        "a1",
                        RuleId.STALLED_COMPLAINT,
                        Severity.MEDIUM,
                        Instant.parse("2016-02-15T00:00:00Z"))))
            .build();
    final List<CaseState> cases =
        List.of(stalled, WOMAN_RETURNED_TO_NSS, MAN_DIED_IN_PRISON, NOT_REGISTERED_YET);

    assertThat(caseIds(cases, "stage=COMPLAINT_FILED"))
        .containsExactly("KZ-2016-0001", "KG-2016-0004");
    assertThat(caseIds(cases, "country=TJ,UZ")).containsExactly("UZ-2016-0002", "TJ-2016-0003");
    assertThat(caseIds(cases, "rule=STALLED_COMPLAINT")).containsExactly("KZ-2016-0001");
    assertThat(caseIds(cases, "rule=RETALIATION")).isEmpty();
    assertThat(caseIds(cases, "severity=MEDIUM")).containsExactly("KZ-2016-0001");
    assertThat(caseIds(cases, "severity=HIGH")).isEmpty();
    assertThat(caseIds(cases, "stage=COMPLAINT_FILED", "victimProfile=MINOR"))
        .containsExactly("KZ-2016-0001");
  }

  @Test
  void casePagesAreMostRecentlyActiveFirstAndNeverRepeatOrSkip() {
    final List<CaseSummary> cases = new ArrayList<>();
    for (int i = 1; i <= 11; i++) {
      // Pairs of cases share a last event time: the caseId breaks the tie.
      cases.add(
          CaseSummary.of(
              CaseState.newBuilder(MAN_DIED_IN_PRISON)
                  .setCaseId(String.format("TJ-2016-%04d", i))
                  .setLastEventAt(
                      Instant.parse("2016-03-01T00:00:00Z").plusSeconds(3600L * (i / 2)))
                  .build()));
    }
    cases.add(CaseSummary.of(NOT_REGISTERED_YET));

    final List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      final CaseQuery query =
          CaseQuery.from(parameters("limit=5", cursor == null ? "cursor=" : "cursor=" + cursor));
      final List<CaseSummary> page = query.page(cases);
      page.stream().limit(5).forEach(summary -> seen.add(summary.caseId()));
      cursor = page.size() > 5 ? CaseQuery.cursorAfter(page.get(4)).encode() : null;
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen)
        .doesNotHaveDuplicates()
        .hasSize(12)
        .startsWith("TJ-2016-0011", "TJ-2016-0010", "TJ-2016-0009", "TJ-2016-0008")
        .endsWith("TJ-2016-0001", "KG-2016-0004");
  }

  @Test
  void aCaseSummaryTellsTheProfileAndOpenAlertsAndSurvivesTheHopToAnotherInstance() {
    final CaseState state =
        CaseState.newBuilder(WOMAN_RETURNED_TO_NSS)
            .setRegisteredAt(Instant.parse("2016-02-01T00:00:00Z"))
            .setLastEventAt(Instant.parse("2016-02-20T10:00:00Z"))
            .setOpenAlertCountByRule(Map.of("RETALIATION", 1L, "STALLED_COMPLAINT", 2L))
            .setOpenAlerts(
                List.of(
                    new OpenAlert(
                        "a1",
                        RuleId.STALLED_COMPLAINT,
                        Severity.MEDIUM,
                        Instant.parse("2016-02-15T00:00:00Z")),
                    new OpenAlert(
                        "a2",
                        RuleId.RETALIATION,
                        Severity.HIGH,
                        Instant.parse("2016-02-20T10:00:00Z"))))
            .setReprisalCount(1)
            .build();

    final CaseSummary summary = CaseSummary.of(state);

    assertThat(summary.json().toString())
        .isEqualTo(
            "{\"caseId\":\"UZ-2016-0002\",\"country\":\"UZ\",\"stage\":\"REGISTERED\","
                + "\"outcome\":null,\"allegation\":\"ILL_TREATMENT\",\"placeOfDetention\":\"PRE_TRIAL_DETENTION\","
                + "\"perpetratorAgency\":\"NATIONAL_SECURITY\",\"victim\":{\"sex\":\"FEMALE\",\"ageBand\":\"AGE_30_44\","
                + "\"returnedFromAbroad\":true},\"victimProfile\":[\"WOMAN\",\"RETURNEE\"],\"registeredAt\":\"2016-02-01T00:00:00Z\","
                + "\"lastEventAt\":\"2016-02-20T10:00:00Z\",\"openAlertCount\":3,"
                + "\"openAlertCountByRule\":{\"RETALIATION\":1,\"STALLED_COMPLAINT\":2},\"highestOpenSeverity\":\"HIGH\","
                + "\"reprisalCount\":1,\"investigationOpenNow\":false,\"suspendedNow\":false}");
    assertThat(CaseSummary.fromJson(ServiceFixture.JSON.valueToTree(summary.json())))
        .isEqualTo(summary);
    assertThat(CaseSummary.of(NOT_REGISTERED_YET).json().path("victimProfile")).isEmpty();
    assertThat(CaseSummary.of(NOT_REGISTERED_YET).lastEventAt()).isEqualTo(CaseSummary.NO_EVENT);
  }

  @Test
  void aCursorThisApiDidNotGiveIsABadRequest() {
    assertThatThrownBy(() -> CaseQuery.from(parameters("cursor=not-a-cursor")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cursor 'not-a-cursor'");
    assertThatThrownBy(() -> CaseQuery.from(parameters("limit=0")))
        .hasMessage("limit must be between 1 and 500, was 0");
  }

  private static List<String> matching(final ProfileFilter filter) {
    return ALL.stream().filter(filter::matches).map(CaseState::getCaseId).toList();
  }

  private static List<String> caseIds(final List<CaseState> cases, final String... query) {
    final CaseQuery parsed = CaseQuery.from(parameters(query));
    return cases.stream().filter(parsed::matches).map(CaseState::getCaseId).toList();
  }

  private static ProfileFilter profile(final String... query) {
    return ProfileFilter.from(parameters(query));
  }

  /** Query parameters as a URL has them: {@code name=value} each, a name possibly repeated. */
  private static QueryParameters parameters(final String... query) {
    final Map<String, List<String>> values = new LinkedHashMap<>();
    for (final String pair : query) {
      final String[] parts = pair.split("=", 2);
      values
          .computeIfAbsent(parts[0], name -> new ArrayList<>())
          .add(parts.length > 1 ? parts[1] : "");
    }
    return new QueryParameters(values);
  }

  private static VictimProfile victim(final Sex sex, final AgeBand age, final boolean returned) {
    return VictimProfile.newBuilder()
        .setSex(sex)
        .setAgeBand(age)
        .setReturnedFromAbroad(returned)
        .build();
  }

  private static CaseState aCase(
      final String caseId,
      final Allegation allegation,
      final Agency agency,
      final VictimProfile victim) {
    return CaseState.newBuilder()
        .setCaseId(caseId)
        .setCountry(Country.valueOf(caseId.substring(0, 2)))
        .setCoalition(caseId.substring(0, 2).toLowerCase() + "-coalition")
        .setStage(CaseStage.REGISTERED)
        .setAllegation(allegation)
        .setPerpetratorAgency(agency)
        .setPlaceOfDetention(
            agency == Agency.POLICE
                ? PlaceOfDetention.POLICE_STATION
                : PlaceOfDetention.PRE_TRIAL_DETENTION)
        .setVictim(victim)
        .setLastEventAt(Instant.parse("2016-02-01T00:00:00Z"))
        .build();
  }
}
