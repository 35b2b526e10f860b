package org.casewatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.List;
import org.casewatch.model.CaseEventValidator.Violation;
import org.junit.jupiter.api.Test;

/** What every ingestion path and the topology refuse, field by field, for the events of contract v1 and v2. */
class CaseEventValidatorTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final String OWN_ID = "tj-0057-9";

  private static CaseEvent eventOf(final Object payload) {
    return CaseEvent.newBuilder()
        .setEventId(OWN_ID)
        .setCaseId("TJ-2016-0057")
        .setCountry(Country.TJ)
        .setCoalition("tj-coalition")
        .setOccurredAt(Instant.parse("2016-05-02T04:00:00Z"))
        .setRecordedAt(Instant.parse("2016-05-03T04:00:00Z"))
        .setPayload(payload)
        .build();
  }

  private static List<Violation> violationsOf(final Object payload) {
    return CaseEventValidator.violations(eventOf(payload), Country.TJ, NOW);
  }

  @Test
  void everyEventOfContractV2PassesWhenItsFieldsAreRight() {
    final List<Object> payloads = List.of(
        new DecisionAppealed("tj-0057-4", Authority.COURT),
        new DecisionAnnulled("tj-0057-4"),
        new InvestigationSuspended(SuspensionReason.PERPETRATOR_NOT_IDENTIFIED),
        new InvestigationResumed(),
        new TermExtended(1),
        new TermExtended(CaseEventValidator.MAX_TERM_EXTENSION_DAYS),
        new ForensicExamination(ForensicStage.REFUSED, Examiner.INDEPENDENT),
        new CustodyChanged(Custodian.RELEASED),
        new UnCommunication(UnBody.COMMITTEE_AGAINST_TORTURE, UnStage.VIEWS_ADOPTED),
        new CompensationPaid(0L, "TJS"),
        new InvestigationClosed(InvestigationOutcome.REFUSED_TO_INITIATE),
        new ReprisalReported(ReprisalKind.DENIAL_OF_LAWYER_ACCESS, Agency.PENITENTIARY_SERVICE));

    assertThat(payloads).allSatisfy(payload -> assertThat(violationsOf(payload)).as(payload.toString()).isEmpty());
  }

  @Test
  void eventsOfContractV1AreJudgedAsBefore() {
    assertThat(violationsOf(new ComplaintFiled(Authority.PROSECUTOR))).isEmpty();
    assertThat(violationsOf(new InvestigationClosed(InvestigationOutcome.REFUSED_NO_CRIME))).isEmpty();
    assertThat(violationsOf(new EventRetracted("tj-0057-1", RetractionReason.ENTERED_IN_ERROR))).isEmpty();
    assertThat(violationsOf(new CompensationAwarded(-1L, "tjs"))).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.amountMinor", "not-negative"), tuple("payload.currency", "iso-4217"));
    assertThat(violationsOf(new EventRetracted(OWN_ID, RetractionReason.ENTERED_IN_ERROR)))
        .extracting(Violation::field, Violation::rule).containsExactly(tuple("payload.retractedEventId", "not-itself"));
  }

  @Test
  void aTermIsExtendedByOneDayToTenYears() {
    for (final int days : List.of(0, -30, CaseEventValidator.MAX_TERM_EXTENSION_DAYS + 1, Integer.MAX_VALUE)) {
      final List<Violation> violations = violationsOf(new TermExtended(days));

      assertThat(violations).as("days %d", days).extracting(Violation::field, Violation::rule)
          .containsExactly(tuple("payload.days", "range"));
      assertThat(violations.get(0).message())
          .isEqualTo("days " + days + " is out of range: a term is extended by 1 to 3650 days");
    }
  }

  @Test
  void compensationPaidIsAnAmountInMinorUnitsOfAnIsoCurrencyAsAnAward() {
    assertThat(violationsOf(new CompensationPaid(-500L, "TJS"))).extracting(Violation::field, Violation::rule, Violation::message)
        .containsExactly(tuple("payload.amountMinor", "not-negative", "amountMinor -500 is negative"));
    for (final String currency : List.of("tjs", "TJSS", "T$", "")) {
      assertThat(violationsOf(new CompensationPaid(500L, currency))).as(currency)
          .extracting(Violation::field, Violation::rule, Violation::message)
          .containsExactly(tuple("payload.currency", "iso-4217", "currency '" + currency + "' is not an ISO 4217 code such as KZT"));
    }
  }

  @Test
  void anAppealOrAnnulmentNamesAnotherEventOfTheCase() {
    for (final String blank : List.of("", "  ")) {
      assertThat(violationsOf(new DecisionAppealed(blank, Authority.COURT))).extracting(Violation::field, Violation::rule)
          .containsExactly(tuple("payload.decisionEventId", "required"));
      assertThat(violationsOf(new DecisionAnnulled(blank))).extracting(Violation::field, Violation::rule)
          .containsExactly(tuple("payload.decisionEventId", "required"));
    }
    assertThat(violationsOf(new DecisionAppealed("", Authority.COURT)).get(0).message())
        .as("what to name").contains("InvestigationClosed or InvestigationSuspended of this case");
    final List<Violation> appealsItself = violationsOf(new DecisionAppealed(OWN_ID, Authority.PROSECUTOR));
    assertThat(appealsItself).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.decisionEventId", "not-itself"));
    assertThat(appealsItself.get(0).message()).isEqualTo("an appeal cannot appeal itself; name the eventId of the decision");
    assertThat(violationsOf(new DecisionAnnulled(OWN_ID))).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.decisionEventId", "not-itself"));
    final List<Violation> tooLong = violationsOf(new DecisionAnnulled("d".repeat(129)));
    assertThat(tooLong).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.decisionEventId", "max-length"));
    assertThat(tooLong.get(0).message()).isEqualTo("decisionEventId is longer than 128 characters; no eventId is");
    assertThat(violationsOf(new DecisionAnnulled("d".repeat(128)))).isEmpty();
  }
}
