package org.casewatch.topology.internals.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;
import static org.casewatch.topology.internals.rules.RuleFixtures.judge;

import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/** Police investigated by their own ministry, the security service by itself: not independent. */
class NoIndependentInvestigationRuleTest {

  private final NoIndependentInvestigationRule rule = new NoIndependentInvestigationRule();
  private final CaseBuilder kz = aCase("KZ-2016-0042");
  private final CaseEvent byPolice = kz.registered(on("2016-03-01"));
  private final CaseEvent complaint = kz.complaintFiled(on("2016-03-02"));

  @Test
  void internalAffairsInvestigatingThePoliceIsRaisedAtOnce() {
    final CaseEvent opened =
        kz.investigationOpened(on("2016-03-10"), Authority.INTERNAL_AFFAIRS, "CC-146");

    final RuleVerdict verdict = judge(rule, on("2016-03-10"), byPolice, complaint, opened);

    assertThat(verdict.pendingDeadlines()).isEmpty();
    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.NO_INDEPENDENT_INVESTIGATION);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(alert.at()).isEqualTo(on("2016-03-10"));
              assertThat(alert.deadline()).isNull();
              assertThat(alert.triggeringEventId()).isEqualTo(opened.getEventId());
              assertThat(alert.explanation())
                  .contains(
                      "investigation opened 2016-03-10 by INTERNAL_AFFAIRS into acts of POLICE,"
                          + " its own structure",
                      "police are investigated by their own ministry");
            });
  }

  @Test
  void theProsecutorInvestigatingThePoliceIsNotOfTheirStructure() {
    final CaseEvent opened =
        kz.investigationOpened(on("2016-03-10"), Authority.PROSECUTOR, "CC-146");

    assertThat(judge(rule, on("2016-03-10"), byPolice, complaint, opened).findings()).isEmpty();
  }

  @Test
  void theSecurityServiceInvestigatingItsOwnOfficersIsRaised() {
    final CaseBuilder uz = aCase("UZ-2016-0003");
    final CaseEvent opened =
        uz.investigationOpened(on("2016-04-01"), Authority.NATIONAL_SECURITY_SERVICE, "CC-235");

    assertThat(
            judge(
                    rule,
                    on("2016-04-01"),
                    uz.registered(
                        on("2016-03-01"),
                        Allegation.TORTURE,
                        Agency.NATIONAL_SECURITY,
                        AgeBand.AGE_30_44),
                    uz.complaintFiled(on("2016-03-02")),
                    opened)
                .findings())
        .extracting(AlertFinding::triggeringEventId)
        .containsExactly(opened.getEventId());
  }

  @Test
  void prisonsAreNotUnderTheInteriorMinistryInKyrgyzstanButAreInKazakhstan() {
    final CaseBuilder kg = aCase("KG-2016-0112");
    assertThat(
            judge(
                    rule,
                    on("2016-04-01"),
                    kg.registered(
                        on("2016-03-01"),
                        Allegation.TORTURE,
                        Agency.PENITENTIARY_SERVICE,
                        AgeBand.AGE_30_44),
                    kg.investigationOpened(
                        on("2016-04-01"), Authority.INTERNAL_AFFAIRS, "CC-305-1"))
                .findings())
        .isEmpty();

    assertThat(
            judge(
                    rule,
                    on("2016-04-01"),
                    kz.registered(
                        on("2016-03-01"),
                        Allegation.TORTURE,
                        Agency.PENITENTIARY_SERVICE,
                        AgeBand.AGE_30_44),
                    kz.investigationOpened(on("2016-04-01"), Authority.INTERNAL_AFFAIRS, "CC-146"))
                .findings())
        .hasSize(1);
  }

  @Test
  void everyOpeningByTheSameStructureIsItsOwnAlert() {
    final CaseEvent first =
        kz.investigationOpened(on("2016-03-10"), Authority.INTERNAL_AFFAIRS, "CC-146");
    final CaseEvent reopened =
        kz.investigationOpened(on("2016-06-10"), Authority.INTERNAL_AFFAIRS, "CC-146");

    assertThat(judge(rule, on("2016-06-10"), byPolice, complaint, first, reopened).findings())
        .extracting(AlertFinding::triggeringEventId)
        .containsExactly(first.getEventId(), reopened.getEventId());
  }
}
