package org.casewatch.topology.internals.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.casewatch.model.AlertResolution.NO_LONGER_APPLIES;
import static org.casewatch.model.AlertStatus.RAISED;
import static org.casewatch.model.AlertStatus.RESOLVED;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;
import static org.casewatch.topology.internals.rules.RuleFixtures.judge;
import static org.casewatch.topology.internals.rules.RuleFixtures.localTime;

import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;

/** Torture prosecuted as abuse of office: an opening under any article but the torture article. */
class DowngradedQualificationRuleTest {

  private final DowngradedQualificationRule rule = new DowngradedQualificationRule();
  private final CaseBuilder kz = aCase("KZ-2016-0042");
  private final CaseEvent registered = kz.registered(on("2016-03-01"));
  private final CaseEvent complaint = kz.complaintFiled(on("2016-03-02"));
  private final CaseEvent underAbuseOfOffice =
      kz.investigationOpened(on("2016-03-10"), Authority.PROSECUTOR, "CC-362");

  @Test
  void anOpeningUnderAbuseOfOfficeIsRaisedAtOnce() {
    final RuleVerdict verdict =
        judge(rule, on("2016-03-10"), registered, complaint, underAbuseOfOffice);

    assertThat(verdict.pendingDeadlines()).isEmpty();
    assertThat(verdict.findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(RuleId.DOWNGRADED_QUALIFICATION);
              assertThat(alert.status()).isEqualTo(RAISED);
              assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(alert.at()).isEqualTo(on("2016-03-10"));
              assertThat(alert.deadline()).isNull();
              assertThat(alert.triggeringEventId()).isEqualTo(underAbuseOfOffice.getEventId());
              assertThat(alert.explanation())
                  .contains(
                      "investigation opened 2016-03-10 under CC-362,"
                          + " not the torture article CC-146 (since 2015-01-01");
            });
  }

  @Test
  void anOpeningUnderThePartOfTheTortureArticleIsNoDowngrade() {
    assertThat(
            judge(
                    rule,
                    on("2016-03-10"),
                    registered,
                    complaint,
                    kz.investigationOpened(on("2016-03-10"), Authority.PROSECUTOR, "CC-146.2"))
                .findings())
        .isEmpty();
  }

  @Test
  void aLaterOpeningUnderTheTortureArticleResolvesIt() {
    final CaseEvent underTorture =
        kz.investigationOpened(on("2016-05-01"), Authority.PROSECUTOR, "CC-146");

    final RuleVerdict verdict =
        judge(rule, on("2016-05-01"), registered, complaint, underAbuseOfOffice, underTorture);

    assertThat(verdict.findings())
        .extracting(
            AlertFinding::status,
            AlertFinding::resolution,
            AlertFinding::at,
            AlertFinding::triggeringEventId)
        .containsExactly(
            tuple(RAISED, null, on("2016-03-10"), underAbuseOfOffice.getEventId()),
            tuple(RESOLVED, NO_LONGER_APPLIES, on("2016-05-01"), underTorture.getEventId()));
  }

  @Test
  void aRequalificationToALesserOffenceIsRaised() {
    final CaseEvent underTorture =
        kz.investigationOpened(on("2016-03-10"), Authority.PROSECUTOR, "CC-146");
    final CaseEvent requalified =
        kz.investigationClosed(on("2016-04-20"), InvestigationOutcome.REQUALIFIED_LESSER_OFFENCE);

    assertThat(
            judge(rule, on("2016-04-20"), registered, complaint, underTorture, requalified)
                .findings())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.triggeringEventId()).isEqualTo(requalified.getEventId());
              assertThat(alert.explanation())
                  .contains("requalified to a lesser offence 2016-04-20");
            });
  }

  @Test
  void theTortureArticleIsTheOneInForceOnTheOpeningsLocalDate() {
    final CaseBuilder old = aCase("KZ-2014-0011");
    final CaseEvent oldRegistered = old.registered(on("2014-06-01"));

    assertThat(
            judge(
                    rule,
                    on("2014-07-01"),
                    oldRegistered,
                    old.investigationOpened(on("2014-07-01"), Authority.PROSECUTOR, "CC-347-1"))
                .findings())
        .as("the 1997 code's article, in force in 2014")
        .isEmpty();
    assertThat(
            judge(
                    rule,
                    on("2014-07-01"),
                    oldRegistered,
                    old.investigationOpened(on("2014-07-01"), Authority.PROSECUTOR, "CC-146"))
                .findings())
        .as("the 2014 code's article, not yet in force")
        .hasSize(1);
    // 01:00 on 1 January 2015 in Almaty is still 31 December 2014 in UTC.
    assertThat(
            judge(
                    rule,
                    on("2015-01-02"),
                    oldRegistered,
                    old.investigationOpened(
                        localTime("2015-01-01T01:00", Country.KZ), Authority.PROSECUTOR, "CC-146"))
                .findings())
        .as("the 2014 code's article on its first local day")
        .isEmpty();
  }

  @Test
  void anOpeningBeforeTheCountryHasATortureArticleIsNotJudged() {
    final CaseBuilder tj = aCase("TJ-2012-0001");

    assertThat(
            judge(
                    rule,
                    on("2012-03-13"),
                    tj.registered(on("2012-02-01")),
                    tj.investigationOpened(on("2012-03-13"), Authority.PROSECUTOR, "CC-316"))
                .findings())
        .isEmpty();
  }
}
