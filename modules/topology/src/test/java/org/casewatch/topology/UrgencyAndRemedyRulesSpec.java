package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.model.AlertStatus.RESOLVED;
import static org.casewatch.model.RuleId.COMPENSATION_UNPAID;
import static org.casewatch.model.RuleId.FORENSIC_EXAMINATION_MISSING;
import static org.casewatch.model.RuleId.INADEQUATE_COMPENSATION;
import static org.casewatch.model.RuleId.RETALIATION;
import static org.casewatch.model.RuleId.UN_INTERIM_MEASURES_BREACHED;
import static org.casewatch.model.RuleId.UN_VIEWS_NOT_IMPLEMENTED;
import static org.casewatch.model.RuleId.URGENT_DEATH_IN_CUSTODY;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;
import static org.casewatch.topology.ComplaintPathSpec.endOfLocalDay;

import java.util.Map;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertResolution;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.Custodian;
import org.casewatch.model.Examiner;
import org.casewatch.model.ForensicStage;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.Severity;
import org.casewatch.model.UnBody;
import org.casewatch.model.UnStage;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What cannot wait (a death in custody, fading forensic evidence) and the remedies after national
 * ones failed (UN interim measures and views, compensation awarded and paid), in both clock modes.
 */
class UrgencyAndRemedyRulesSpec {

  private final CaseBuilder death = aCase("KZ-2016-0401");
  private final CaseEvent deathRegistered =
      death.registered(
          on("2016-03-01"), Allegation.DEATH_IN_CUSTODY, Agency.POLICE, AgeBand.AGE_30_44);

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void aDeathInCustodyWithoutAnInvestigationWithinThreeDaysIsUrgentAndARefusalDoesNotAnswerIt(
      final ClockMode mode) {
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-03-03")
            .given(
                deathRegistered,
                death.complaintFiled(on("2016-03-01")),
                death.refused(on("2016-03-02")))) {
      scenario.clockTo(Country.KZ, "2016-03-04");
      assertThat(scenario.alerts(URGENT_DEATH_IN_CUSTODY))
          .as("the clock on the third day misses nothing")
          .isEmpty();

      scenario.clockTo(Country.KZ, "2016-03-05");
      assertThat(scenario.alerts(URGENT_DEATH_IN_CUSTODY))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getStatus()).isEqualTo(RAISED);
                assertThat(alert.getSeverity()).isEqualTo(Severity.HIGH);
                assertThat(alert.getDeadline())
                    .isEqualTo(endOfLocalDay("2016-03-04", "Asia/Almaty"));
                assertThat(alert.getExplanation())
                    .contains(
                        "death in custody registered 2016-03-01 + 3 days", "Minnesota Protocol");
              });

      scenario.clockTo(Country.KZ, "2016-03-12").late(death.investigationOpened(on("2016-03-10")));
      assertThat(scenario.alerts(URGENT_DEATH_IN_CUSTODY, RESOLVED))
          .singleElement()
          .satisfies(
              alert -> assertThat(alert.getResolution()).isEqualTo(AlertResolution.ANSWERED_LATE));
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void anInvestigationOpenedOnTheThirdDayOrReportedLateAsOpenedInTimeMeetsIt(final ClockMode mode) {
    final CaseBuilder other = aCase("KZ-2016-0402");
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-03-04")
            .given(
                deathRegistered,
                death.investigationOpened(on("2016-03-04")),
                other.registered(
                    on("2016-03-01"),
                    Allegation.DEATH_IN_CUSTODY,
                    Agency.PENITENTIARY_SERVICE,
                    AgeBand.AGE_18_29))) {
      scenario.clockTo(Country.KZ, "2016-03-08");
      assertThat(scenario.alerts(URGENT_DEATH_IN_CUSTODY))
          .extracting(Alert::getCaseId)
          .containsExactly("KZ-2016-0402");

      scenario.late(other.investigationOpened(on("2016-03-03")));
      assertThat(scenario.alerts(URGENT_DEATH_IN_CUSTODY, RESOLVED))
          .singleElement()
          .satisfies(
              alert -> assertThat(alert.getResolution()).isEqualTo(AlertResolution.DEADLINE_MET));
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void noExaminationConductedWithinThreeDaysOfTheComplaintAndARequestIsNotAnExamination(
      final ClockMode mode) {
    final CaseBuilder kz = aCase("KZ-2016-0403");
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-03-04")
            .given(
                kz.registered(on("2016-03-01")),
                kz.complaintFiled(on("2016-03-02")),
                kz.examination(on("2016-03-03"), ForensicStage.REQUESTED, Examiner.STATE_BUREAU))) {
      scenario.clockTo(Country.KZ, "2016-03-07");
      assertThat(scenario.alerts(FORENSIC_EXAMINATION_MISSING))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getStatus()).isEqualTo(RAISED);
                assertThat(alert.getDeadline())
                    .isEqualTo(endOfLocalDay("2016-03-05", "Asia/Almaty"));
                assertThat(alert.getExplanation()).contains("Istanbul Protocol");
              });

      scenario.late(
          kz.examination(on("2016-03-05"), ForensicStage.CONDUCTED, Examiner.INDEPENDENT));
      assertThat(scenario.alerts(FORENSIC_EXAMINATION_MISSING, RESOLVED))
          .singleElement()
          .satisfies(
              alert -> assertThat(alert.getResolution()).isEqualTo(AlertResolution.DEADLINE_MET));
      assertThat(scenario.caseState("KZ-2016-0403"))
          .satisfies(
              state -> {
                assertThat(state.getDaysToExamination()).isEqualTo(3);
                assertThat(state.getIndependentExaminations()).isEqualTo(1);
                assertThat(state.getExaminationsRequested()).isEqualTo(1);
              });
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void threatsAndEarlierExaminationsNeedNoneAndALateOneIsAnsweredLate(final ClockMode mode) {
    final CaseBuilder threat = aCase("KZ-2016-0404");
    final CaseBuilder examinedFirst = aCase("KZ-2016-0405");
    final CaseBuilder late = aCase("KZ-2016-0406");
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-03-04")
            .given(
                threat.registered(
                    on("2016-03-01"),
                    Allegation.THREAT_OF_TORTURE,
                    Agency.POLICE,
                    AgeBand.AGE_18_29),
                threat.complaintFiled(on("2016-03-02")),
                examinedFirst.registered(on("2016-03-01")),
                examinedFirst.examination(
                    on("2016-03-01"), ForensicStage.CONDUCTED, Examiner.STATE_BUREAU),
                examinedFirst.complaintFiled(on("2016-03-02")),
                late.registered(on("2016-03-01")),
                late.complaintFiled(on("2016-03-02")))) {
      scenario
          .clockTo(Country.KZ, "2016-03-20")
          .late(late.examination(on("2016-03-15"), ForensicStage.CONDUCTED, Examiner.STATE_BUREAU));

      assertThat(scenario.alerts(FORENSIC_EXAMINATION_MISSING))
          .extracting(Alert::getCaseId, Alert::getResolution)
          .containsExactly(
              tuple("KZ-2016-0406", null), tuple("KZ-2016-0406", AlertResolution.ANSWERED_LATE));
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void aReprisalOrATransferAfterUnInterimMeasuresIsABreachAndAReleaseIsNot(final ClockMode mode) {
    final CaseBuilder uz = aCase("UZ-2016-0401");
    final CaseEvent threat = uz.reprisal(on("2017-03-01"), ReprisalKind.PRESSURE_ON_RELATIVES);
    try (Scenario scenario =
        Scenario.startingOn(mode, "2017-04-01")
            .given(
                uz.registered(on("2016-03-01")),
                uz.complaintFiled(on("2016-03-02")),
                uz.reprisal(on("2016-06-01"), ReprisalKind.DETENTION),
                uz.unCommunication(
                    on("2017-01-10"), UnBody.HUMAN_RIGHTS_COMMITTEE, UnStage.SUBMITTED),
                uz.unCommunication(
                    on("2017-02-01"), UnBody.HUMAN_RIGHTS_COMMITTEE, UnStage.INTERIM_MEASURES),
                threat,
                uz.custody(on("2017-03-05"), Custodian.PENITENTIARY_SERVICE),
                uz.custody(on("2017-03-20"), Custodian.RELEASED))) {
      assertThat(scenario.alerts(UN_INTERIM_MEASURES_BREACHED))
          .extracting(Alert::getStatus, Alert::getSeverity, Alert::getAt)
          .containsExactly(
              tuple(RAISED, Severity.HIGH, on("2017-03-01")),
              tuple(RAISED, Severity.HIGH, on("2017-03-05")));
      assertThat(scenario.alerts(UN_INTERIM_MEASURES_BREACHED).get(1).getExplanation())
          .startsWith(
              "victim transferred to PENITENTIARY_SERVICE on 2017-03-05, after interim measures"
                  + " requested by HUMAN_RIGHTS_COMMITTEE on 2017-02-01");
      assertThat(scenario.alerts(RETALIATION)).hasSize(2);
      assertThat(scenario.caseState("UZ-2016-0401").getUnStage())
          .isEqualTo(UnStage.INTERIM_MEASURES);

      scenario
          .clockTo(Country.UZ, "2017-04-10")
          .late(uz.retraction(on("2017-04-10"), threat, RetractionReason.ENTERED_IN_ERROR));
      assertThat(scenario.alerts(UN_INTERIM_MEASURES_BREACHED, RESOLVED))
          .singleElement()
          .satisfies(
              alert -> assertThat(alert.getResolution()).isEqualTo(AlertResolution.RETRACTED));
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void viewsWithoutAStateReplyWithin180DaysAreNotImplemented(final ClockMode mode) {
    final CaseBuilder kg = aCase("KG-2016-0401");
    final CaseBuilder replied = aCase("KG-2016-0402");
    try (Scenario scenario =
        Scenario.startingOn(mode, "2017-07-09")
            .given(
                kg.registered(on("2016-03-01")),
                kg.unCommunication(
                    on("2017-01-10"), UnBody.HUMAN_RIGHTS_COMMITTEE, UnStage.VIEWS_ADOPTED),
                kg.unCommunication(
                    on("2017-03-01"), UnBody.COMMITTEE_AGAINST_TORTURE, UnStage.STATE_REPLY),
                replied.registered(on("2016-03-01")),
                replied.unCommunication(
                    on("2017-01-10"), UnBody.COMMITTEE_AGAINST_TORTURE, UnStage.VIEWS_ADOPTED),
                replied.unCommunication(
                    on("2017-07-09"), UnBody.COMMITTEE_AGAINST_TORTURE, UnStage.STATE_REPLY))) {
      scenario.clockTo(Country.KG, "2017-07-11");
      assertThat(scenario.alerts(UN_VIEWS_NOT_IMPLEMENTED))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getCaseId())
                    .as("a reply to another committee is no reply")
                    .isEqualTo("KG-2016-0401");
                assertThat(alert.getDeadline())
                    .isEqualTo(endOfLocalDay("2017-07-09", "Asia/Bishkek"));
              });

      scenario.late(
          kg.unCommunication(on("2017-07-05"), UnBody.HUMAN_RIGHTS_COMMITTEE, UnStage.STATE_REPLY));
      assertThat(scenario.alerts(UN_VIEWS_NOT_IMPLEMENTED, RESOLVED))
          .singleElement()
          .satisfies(
              alert -> assertThat(alert.getResolution()).isEqualTo(AlertResolution.DEADLINE_MET));
    }
  }

  @ParameterizedTest
  @EnumSource(ClockMode.class)
  void anAwardNotPaidInFullWithin180DaysIsUnpaidAndTajikAwardsAreJudgedByTheDefaultFloor(
      final ClockMode mode) {
    final CaseBuilder tj = aCase("TJ-2016-0401");
    final CaseBuilder paidInTime = aCase("TJ-2016-0402");
    try (Scenario scenario =
        Scenario.startingOn(mode, "2016-11-28")
            .given(
                tj.registered(on("2016-03-01")),
                tj.compensationAwarded(on("2016-06-01"), 1_000_000, "TJS"),
                tj.compensationPaid(on("2016-07-01"), 500_000, "TJS"),
                paidInTime.registered(on("2016-03-01")),
                paidInTime.compensationAwarded(on("2016-06-01"), 9_000_000, "TJS"),
                paidInTime.compensationPaid(on("2016-07-01"), 4_000_000, "TJS"),
                aCase("TJ-2016-0403").compensationPaid(on("2016-11-28"), 5_000_000, "TJS"),
                paidInTime.compensationPaid(on("2016-11-28"), 5_000_000, "TJS"))) {
      scenario.clockTo(Country.TJ, "2016-11-30");
      assertThat(scenario.alerts(COMPENSATION_UNPAID))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getCaseId()).isEqualTo("TJ-2016-0401");
                assertThat(alert.getDeadline())
                    .isEqualTo(endOfLocalDay("2016-11-28", "Asia/Dushanbe"));
              });
      assertThat(scenario.caseState("TJ-2016-0401").getCompensationPaidMinorByCurrency())
          .isEqualTo(Map.of("TJS", 500_000L));
      assertThat(scenario.alerts(INADEQUATE_COMPENSATION))
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.getCaseId()).isEqualTo("TJ-2016-0401");
                assertThat(alert.getExplanation())
                    .contains(
                        "below the floor of 5000000 TJS minor units (since 2012-01-01; "
                            + "casewatch default pending the Tajik coalition's figure");
              });

      scenario
          .clockTo(Country.TJ, "2016-12-20")
          .late(tj.compensationPaid(on("2016-12-15"), 500_000, "TJS"));
      assertThat(scenario.alerts(COMPENSATION_UNPAID, RESOLVED))
          .singleElement()
          .satisfies(
              alert -> assertThat(alert.getResolution()).isEqualTo(AlertResolution.ANSWERED_LATE));
    }
  }
}
