package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.model.AlertStatus.RESOLVED;
import static org.casewatch.model.RuleId.DECISION_NOT_APPEALED;
import static org.casewatch.model.RuleId.DOWNGRADED_QUALIFICATION;
import static org.casewatch.model.RuleId.INTIMIDATION;
import static org.casewatch.model.RuleId.NO_INDEPENDENT_INVESTIGATION;
import static org.casewatch.model.RuleId.REFUSAL_TO_INVESTIGATE;
import static org.casewatch.model.RuleId.RETALIATION;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.Allegation;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.Custodian;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.Severity;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Intimidation before a complaint, investigations by the perpetrators' own structure or under a
 * lesser article, and the victims in the gravest danger (minors, those still held by the accused
 * agency), in both clock modes.
 */
class ReprisalAndIndependenceRulesSpec {

  private final CaseBuilder kz = aCase("KZ-2016-0301");
  private final CaseEvent registered = kz.registered(on("2016-03-01"));

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void aReprisalBeforeAnyComplaintIsIntimidationHighWhenTheVictimIsHeld(final ClockMode mode) {
    final CaseBuilder held = aCase("KZ-2016-0302");
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-03-10")
            .given(
                registered,
                kz.reprisal(on("2016-03-03"), ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES),
                held.registered(on("2016-03-01")),
                held.custody(on("2016-03-02"), Custodian.PENITENTIARY_SERVICE),
                held.reprisal(on("2016-03-04"), ReprisalKind.PRESSURE_ON_RELATIVES))) {

      assertThat(scenario.alerts(INTIMIDATION))
          .extracting(Alert::getCaseId, Alert::getStatus, Alert::getSeverity)
          .containsExactlyInAnyOrder(
              tuple("KZ-2016-0301", RAISED, Severity.MEDIUM),
              tuple("KZ-2016-0302", RAISED, Severity.HIGH));
      assertThat(scenario.alerts(INTIMIDATION))
          .filteredOn(alert -> alert.getCaseId().equals("KZ-2016-0301"))
          .singleElement()
          .satisfies(
              alert ->
                  assertThat(alert.getExplanation())
                      .startsWith(
                          "reprisal THREAT_OF_FALSE_REPORT_CHARGES by POLICE on 2016-03-03, 2 days"
                              + " after registration and before any complaint"));
      assertThat(scenario.alerts(RETALIATION)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void aReprisalOnTheDayOfTheComplaintIsRetaliationNotIntimidation(final ClockMode mode) {
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-03-10")
            .given(
                registered,
                kz.complaintFiled(on("2016-03-03")),
                kz.reprisal(on("2016-03-03"), ReprisalKind.PRESSURE_TO_WITHDRAW))) {
      assertThat(scenario.alerts(INTIMIDATION)).isEmpty();
      assertThat(scenario.alerts(RETALIATION)).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void aComplaintReportedLateThatCameFirstMakesItRetaliation(final ClockMode mode) {
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-03-10")
            .given(registered, kz.reprisal(on("2016-03-05"), ReprisalKind.PRESSURE_TO_WITHDRAW))) {
      scenario.clockTo(Country.KZ, "2016-03-20").late(kz.complaintFiled(on("2016-03-02")));

      assertThat(scenario.alerts(INTIMIDATION))
          .extracting(Alert::getStatus, Alert::getResolution)
          .containsExactly(tuple(RAISED, null), tuple(RESOLVED, AlertResolution.NO_LONGER_APPLIES));
      assertThat(scenario.alerts(RETALIATION)).extracting(Alert::getStatus).containsExactly(RAISED);
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void internalAffairsInvestigatingThePoliceIsNoIndependentInvestigation(final ClockMode mode) {
    final CaseBuilder prosecuted = aCase("KZ-2016-0303");
    final CaseEvent byInternalAffairs =
        kz.investigationOpened(on("2016-03-05"), Authority.INTERNAL_AFFAIRS, "CC-146");
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-03-10")
            .given(
                registered,
                kz.complaintFiled(on("2016-03-02")),
                byInternalAffairs,
                prosecuted.registered(on("2016-03-01")),
                prosecuted.complaintFiled(on("2016-03-02")),
                prosecuted.investigationOpened(on("2016-03-05"), Authority.PROSECUTOR, "CC-146"))) {

      assertThat(scenario.alerts(NO_INDEPENDENT_INVESTIGATION))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getCaseId()).isEqualTo("KZ-2016-0301");
                assertThat(alert.getSeverity()).isEqualTo(Severity.MEDIUM);
                assertThat(alert.getExplanation())
                    .startsWith(
                        "investigation opened 2016-03-05 by INTERNAL_AFFAIRS into acts of POLICE,"
                            + " its own structure [");
              });
      assertThat(scenario.caseState("KZ-2016-0301").getIndependentInvestigations()).isZero();
      assertThat(scenario.caseState("KZ-2016-0303").getIndependentInvestigations())
          .as("a prosecutor is no independent body either: the default table lists none")
          .isZero();

      scenario
          .clockTo(Country.KZ, "2016-03-20")
          .late(kz.retraction(on("2016-03-20"), byInternalAffairs, RetractionReason.WRONG_CASE));
      assertThat(scenario.alerts(NO_INDEPENDENT_INVESTIGATION, RESOLVED))
          .singleElement()
          .satisfies(
              alert -> assertThat(alert.getResolution()).isEqualTo(AlertResolution.RETRACTED));
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void whichStructureIsTheSameIsTheCountrysOwn(final ClockMode mode) {
    final CaseBuilder kzPrison = aCase("KZ-2016-0304");
    final CaseBuilder kgPrison = aCase("KG-2016-0304");
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-03-10")
            .given(
                kzPrison.registered(
                    on("2016-03-01"),
                    Allegation.TORTURE,
                    Agency.PENITENTIARY_SERVICE,
                    AgeBand.AGE_30_44),
                kzPrison.investigationOpened(
                    on("2016-03-05"), Authority.INTERNAL_AFFAIRS, "CC-146"),
                kgPrison.registered(
                    on("2016-03-01"),
                    Allegation.TORTURE,
                    Agency.PENITENTIARY_SERVICE,
                    AgeBand.AGE_30_44),
                kgPrison.investigationOpened(
                    on("2016-03-05"), Authority.INTERNAL_AFFAIRS, "CC-305-1"))) {
      assertThat(scenario.alerts(NO_INDEPENDENT_INVESTIGATION))
          .extracting(Alert::getCaseId)
          .as("Kazakh prisons belong to the interior ministry; Kyrgyz ones do not")
          .containsExactly("KZ-2016-0304");
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void anInvestigationUnderALesserArticleIsADowngradeUntilOneIsOpenedUnderTheTortureArticle(
      final ClockMode mode) {
    final CaseEvent abuseOfOffice =
        kz.investigationOpened(on("2016-03-05"), Authority.PROSECUTOR, "CC-362");
    final CaseEvent underTorture =
        kz.investigationOpened(on("2016-04-01"), Authority.PROSECUTOR, "CC-146");
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-03-10")
            .given(registered, kz.complaintFiled(on("2016-03-02")), abuseOfOffice)) {
      assertThat(scenario.alerts(DOWNGRADED_QUALIFICATION))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getStatus()).isEqualTo(RAISED);
                assertThat(alert.getExplanation())
                    .isEqualTo(
                        "investigation opened 2016-03-05 under CC-362, not the torture article"
                            + " CC-146 (since 2015-01-01: Criminal Code of Kazakhstan 2014, art."
                            + " 146, in force 1 January 2015)");
              });

      scenario.clockTo(Country.KZ, "2016-04-10").late(underTorture);
      assertThat(scenario.alerts(DOWNGRADED_QUALIFICATION, RESOLVED))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getResolution()).isEqualTo(AlertResolution.NO_LONGER_APPLIES);
                assertThat(alert.getTriggeringEventId()).isEqualTo(underTorture.getEventId());
              });
      assertThat(scenario.caseState("KZ-2016-0301").getTortureArticleInvestigations()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void theTortureArticleAndItsPartsAreNoDowngradeAndTheArticleIsTheOneInForceThatDay(
      final ClockMode mode) {
    final CaseBuilder part = aCase("KZ-2016-0305");
    final CaseBuilder kgOld = aCase("KG-2018-0001");
    final CaseBuilder kgNew = aCase("KG-2019-0001");
    try (Scenario scenario =
        Scenario.startingOn(mode, "2019-01-10")
            .given(
                part.registered(on("2016-03-01")),
                    part.investigationOpened(on("2016-03-05"), Authority.PROSECUTOR, "cc-146.2"),
                kgOld.registered(on("2018-12-20")),
                    kgOld.investigationOpened(on("2018-12-31"), Authority.PROSECUTOR, "CC-305-1"),
                kgNew.registered(on("2018-12-20")),
                    kgNew.investigationOpened(
                        on("2019-01-01"), Authority.PROSECUTOR, "CC-305-1"))) {
      assertThat(scenario.alerts(DOWNGRADED_QUALIFICATION))
          .extracting(Alert::getCaseId)
          .as("from 1 January 2019 Kyrgyzstan's torture article is CC-143")
          .containsExactly("KG-2019-0001");
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void aMinorsAlertsAreOneSeverityHigher(final ClockMode mode) {
    final CaseBuilder minor = aCase("KZ-2016-0306");
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-03-06")
            .given(
                minor.registered(
                    on("2016-03-01"), Allegation.TORTURE, Agency.POLICE, AgeBand.UNDER_18),
                minor.complaintFiled(on("2016-03-02")),
                minor.refused(on("2016-03-05")))) {
      assertThat(scenario.alerts(REFUSAL_TO_INVESTIGATE))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getSeverity()).isEqualTo(Severity.HIGH);
                assertThat(alert.getExplanation())
                    .endsWith("; HIGH rather than MEDIUM: the victim is a minor");
              });
      scenario.clockTo(Country.KZ, "2016-05-01");
      assertThat(scenario.alerts(DECISION_NOT_APPEALED))
          .extracting(Alert::getSeverity)
          .containsExactly(Severity.MEDIUM);
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void aRegistrationReportedLateShowingAMinorRaisesTheOpenAlertAgainAtItsSeverity(
      final ClockMode mode) {
    final CaseBuilder minor = aCase("KZ-2016-0308");
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-03-06")
            .given(minor.complaintFiled(on("2016-03-02")), minor.refused(on("2016-03-05")))) {
      assertThat(scenario.alerts(REFUSAL_TO_INVESTIGATE))
          .extracting(Alert::getSeverity)
          .containsExactly(Severity.MEDIUM);

      scenario
          .clockTo(Country.KZ, "2016-03-08")
          .late(
              minor.registered(
                  on("2016-03-01"), Allegation.TORTURE, Agency.POLICE, AgeBand.UNDER_18));
      assertThat(scenario.alerts(REFUSAL_TO_INVESTIGATE))
          .extracting(Alert::getStatus, Alert::getSeverity)
          .containsExactly(tuple(RAISED, Severity.MEDIUM), tuple(RAISED, Severity.HIGH));
      assertThat(scenario.caseState("KZ-2016-0308").getOpenAlerts())
          .filteredOn(open -> open.getRule() == REFUSAL_TO_INVESTIGATE)
          .extracting(open -> open.getSeverity())
          .containsExactly(Severity.HIGH);
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void aVictimHeldByTheAccusedAgencyRaisesSeverityUntilReleased(final ClockMode mode) {
    final CaseBuilder held = aCase("KZ-2016-0307");
    final CaseEvent firstRefusal = held.refused(on("2016-03-05"));
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-04-02")
            .given(
                held.registered(on("2016-03-01")),
                held.custody(on("2016-03-01"), Custodian.POLICE),
                held.complaintFiled(on("2016-03-02")),
                firstRefusal,
                held.custody(on("2016-03-20"), Custodian.RELEASED),
                held.investigationOpened(on("2016-03-25")),
                held.investigationClosed(
                    on("2016-04-01"), org.casewatch.model.InvestigationOutcome.TERMINATED))) {
      assertThat(scenario.alerts(REFUSAL_TO_INVESTIGATE, RAISED))
          .extracting(Alert::getTriggeringEventId, Alert::getSeverity)
          .containsExactly(
              tuple(firstRefusal.getEventId(), Severity.HIGH),
              tuple(
                  held.investigationClosed(
                          on("2016-04-01"), org.casewatch.model.InvestigationOutcome.TERMINATED)
                      .getEventId(),
                  Severity.MEDIUM));
      assertThat(scenario.alerts(REFUSAL_TO_INVESTIGATE, RAISED).get(0).getExplanation())
          .endsWith("the victim is held by POLICE, the agency accused");
      assertThat(scenario.caseState("KZ-2016-0307").getInCustodyOf()).isEqualTo(Custodian.RELEASED);
    }
  }
}
