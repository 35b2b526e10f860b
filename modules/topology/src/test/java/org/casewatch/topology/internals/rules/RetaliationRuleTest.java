package org.casewatch.topology.internals.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;
import static org.casewatch.topology.internals.rules.RuleFixtures.factsOf;
import static org.casewatch.topology.internals.rules.RuleFixtures.judge;

import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.topology.rules.CountryRules;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;

/** A reprisal at or after the complaint is retaliation, one alert per reprisal, at once. */
class RetaliationRuleTest {

  private final RetaliationRule rule = new RetaliationRule();
  private final CaseBuilder kz = aCase("KZ-2016-0042");
  private final CaseEvent registered = kz.registered(on("2016-03-01"));
  private final CaseEvent complaint = kz.complaintFiled(on("2016-03-02"));

  @Test
  void aThreatOfFalseReportChargesAfterTheComplaintIsRaisedAtOnce() {
    final CaseEvent threat =
        kz.reprisal(on("2016-03-11"), ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES);

    final RuleVerdict verdict = judge(rule, on("2016-03-11"), registered, complaint, threat);

    assertThat(verdict.pendingDeadlines()).isEmpty();
    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.RETALIATION);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(alert.at()).isEqualTo(on("2016-03-11"));
              assertThat(alert.deadline()).isNull();
              assertThat(alert.triggeringEventId()).isEqualTo(threat.getEventId());
              assertThat(alert.explanation())
                  .contains(
                      "THREAT_OF_FALSE_REPORT_CHARGES",
                      "on 2016-03-11, 9 days after the complaint filed 2016-03-02");
            });
  }

  @Test
  void criminalProceedingsAgainstTheComplainantAndDetentionAreHigh() {
    final CaseEvent proceedings =
        kz.reprisal(on("2016-03-20"), ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT);
    final CaseEvent detention = kz.reprisal(on("2016-04-02"), ReprisalKind.DETENTION);

    final RuleVerdict verdict =
        judge(rule, on("2016-05-01"), registered, complaint, proceedings, detention);

    assertThat(verdict.findings())
        .extracting(AlertFinding::triggeringEventId, AlertFinding::severity)
        .containsExactly(
            tuple(proceedings.getEventId(), Severity.HIGH),
            tuple(detention.getEventId(), Severity.HIGH));
    assertThat(verdict.findings().get(0).alertId())
        .isNotEqualTo(verdict.findings().get(1).alertId());
  }

  @Test
  void aReprisalBeforeAnyComplaintIsNotRetaliation() {
    final CaseEvent early = kz.reprisal(on("2016-03-01"), ReprisalKind.PRESSURE_ON_RELATIVES);

    assertThat(judge(rule, on("2016-05-01"), registered, early, complaint).findings()).isEmpty();
  }

  @Test
  void aReprisalAtTheComplaintsOwnInstantIsRetaliation() {
    final CaseEvent sameInstant = kz.reprisal(on("2016-03-02"), ReprisalKind.PRESSURE_TO_WITHDRAW);

    assertThat(judge(rule, on("2016-03-02"), registered, complaint, sameInstant).findings())
        .extracting(AlertFinding::triggeringEventId)
        .containsExactly(sameInstant.getEventId());
  }

  @Test
  void aRetractedReprisalRaisesNothing() {
    final CaseEvent reprisal = kz.reprisal(on("2016-03-10"), ReprisalKind.PHYSICAL_VIOLENCE);
    final CaseEvent retraction =
        kz.retraction(on("2016-03-12"), reprisal, RetractionReason.ENTERED_IN_ERROR);

    assertThat(
            judge(rule, on("2016-03-12"), registered, complaint, reprisal, retraction).findings())
        .isEmpty();
  }

  @Test
  void aMinorsCaseIsOneSeverityHigher() {
    final CaseEvent minor =
        kz.registered(on("2016-03-01"), Allegation.TORTURE, Agency.POLICE, AgeBand.UNDER_18);
    final CaseEvent onLawyer = kz.reprisal(on("2016-03-10"), ReprisalKind.PRESSURE_ON_LAWYER);

    assertThat(judge(rule, on("2016-03-10"), minor, complaint, onLawyer).findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.severity()).isEqualTo(Severity.HIGH);
              assertThat(alert.explanation())
                  .endsWith("; HIGH rather than MEDIUM: the victim is a minor");
            });
  }

  @Test
  void aTableThatSwitchesRetaliationOffRaisesNothing() {
    final CountryRules off =
        RulesFile.parse("defaults:\n  retaliationEnabled: false\n").forCountry(Country.KZ);
    final CaseEvent detention = kz.reprisal(on("2016-03-10"), ReprisalKind.DETENTION);

    assertThat(
            rule.evaluate(factsOf(registered, complaint, detention), off, on("2016-03-10"))
                .findings())
        .isEmpty();
  }
}
