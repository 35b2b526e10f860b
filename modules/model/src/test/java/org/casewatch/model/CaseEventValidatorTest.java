package org.casewatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.List;
import org.casewatch.model.CaseEventValidator.Violation;
import org.junit.jupiter.api.Test;

/**
 * What every ingestion path and the topology refuse, field by field, for the events of contract v1
 * and v2.
 */
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
    final List<Object> payloads =
        List.of(
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
            new ReprisalReported(
                ReprisalKind.DENIAL_OF_LAWYER_ACCESS, Agency.PENITENTIARY_SERVICE));

    assertThat(payloads)
        .allSatisfy(payload -> assertThat(violationsOf(payload)).as(payload.toString()).isEmpty());
  }

  @Test
  void eventsOfContractV1AreJudgedAsBefore() {
    assertThat(violationsOf(new ComplaintFiled(Authority.PROSECUTOR))).isEmpty();
    assertThat(violationsOf(new InvestigationClosed(InvestigationOutcome.REFUSED_NO_CRIME)))
        .isEmpty();
    assertThat(violationsOf(new EventRetracted("tj-0057-1", RetractionReason.ENTERED_IN_ERROR)))
        .isEmpty();
    assertThat(violationsOf(new CompensationAwarded(-1L, "tjs")))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(
            tuple("payload.amountMinor", "not-negative"), tuple("payload.currency", "iso-4217"));
    assertThat(violationsOf(new EventRetracted(OWN_ID, RetractionReason.ENTERED_IN_ERROR)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.retractedEventId", "not-itself"));
  }

  @Test
  void aTermIsExtendedByOneDayToTenYears() {
    for (final int days :
        List.of(0, -30, CaseEventValidator.MAX_TERM_EXTENSION_DAYS + 1, Integer.MAX_VALUE)) {
      final List<Violation> violations = violationsOf(new TermExtended(days));

      assertThat(violations)
          .as("days %d", days)
          .extracting(Violation::field, Violation::rule)
          .containsExactly(tuple("payload.days", "range"));
      assertThat(violations.get(0).message())
          .isEqualTo("days " + days + " is out of range: a term is extended by 1 to 3650 days");
    }
  }

  @Test
  void compensationPaidIsAnAmountInMinorUnitsOfAnIsoCurrencyAsAnAward() {
    assertThat(violationsOf(new CompensationPaid(-500L, "TJS")))
        .extracting(Violation::field, Violation::rule, Violation::message)
        .containsExactly(
            tuple("payload.amountMinor", "not-negative", "amountMinor -500 is negative"));
    for (final String currency : List.of("tjs", "TJSS", "T$", "")) {
      assertThat(violationsOf(new CompensationPaid(500L, currency)))
          .as(currency)
          .extracting(Violation::field, Violation::rule, Violation::message)
          .containsExactly(
              tuple(
                  "payload.currency",
                  "iso-4217",
                  "currency '" + currency + "' is not an ISO 4217 code such as KZT"));
    }
  }

  @Test
  void anAppealOrAnnulmentNamesAnotherEventOfTheCase() {
    for (final String blank : List.of("", "  ")) {
      assertThat(violationsOf(new DecisionAppealed(blank, Authority.COURT)))
          .extracting(Violation::field, Violation::rule)
          .containsExactly(tuple("payload.decisionEventId", "required"));
      assertThat(violationsOf(new DecisionAnnulled(blank)))
          .extracting(Violation::field, Violation::rule)
          .containsExactly(tuple("payload.decisionEventId", "required"));
    }
    assertThat(violationsOf(new DecisionAppealed("", Authority.COURT)).get(0).message())
        .as("what to name")
        .contains("InvestigationClosed or InvestigationSuspended of this case");
    final List<Violation> appealsItself =
        violationsOf(new DecisionAppealed(OWN_ID, Authority.PROSECUTOR));
    assertThat(appealsItself)
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.decisionEventId", "not-itself"));
    assertThat(appealsItself.get(0).message())
        .isEqualTo("an appeal cannot appeal itself; name the eventId of the decision");
    assertThat(violationsOf(new DecisionAnnulled(OWN_ID)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.decisionEventId", "not-itself"));
    final List<Violation> tooLong = violationsOf(new DecisionAnnulled("d".repeat(129)));
    assertThat(tooLong)
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.decisionEventId", "max-length"));
    assertThat(tooLong.get(0).message())
        .isEqualTo("decisionEventId is longer than 128 characters; no eventId is");
    assertThat(violationsOf(new DecisionAnnulled("d".repeat(128)))).isEmpty();
  }

  private static List<Violation> violationsOf(final CaseEvent.Builder event) {
    return CaseEventValidator.violations(event.build(), Country.TJ, NOW);
  }

  private static CaseEvent.Builder complaint() {
    return CaseEvent.newBuilder(eventOf(new ComplaintFiled(Authority.PROSECUTOR)));
  }

  @Test
  void anEventIdIsUpTo128LettersDigitsDotsColonsDashesOrUnderscores() {
    for (final String good :
        List.of(
            "e", "tj-0057-9", "TJ-2016-0057:complaint.2016-03-02T00:00:00Z_x", "e".repeat(128))) {
      assertThat(violationsOf(complaint().setEventId(good))).as(good).isEmpty();
    }
    for (final String bad :
        List.of("e 1", "e/1", "e\n1", "e\u00001", "=cmd|' /C calc'!A0", "\u0435-1", "e\u202e1")) {
      assertThat(violationsOf(complaint().setEventId(bad)))
          .as(bad)
          .extracting(Violation::field, Violation::rule)
          .containsExactly(tuple("eventId", "pattern"));
    }
    assertThat(violationsOf(complaint().setEventId("e\n1")).get(0).message())
        .isEqualTo(
            "eventId must be 1 to 128 of A-Z a-z 0-9 . _ : - (no spaces, slashes or control"
                + " characters)");
    assertThat(violationsOf(new EventRetracted("tj/1", RetractionReason.ENTERED_IN_ERROR)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.retractedEventId", "pattern"));
  }

  @Test
  void occurredAtIsNotBefore1970AndRecordedAtLiesBetweenItAndTheArrival() {
    for (final String before : List.of("1969-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z")) {
      final Instant at = Instant.parse(before);
      assertThat(violationsOf(complaint().setOccurredAt(at).setRecordedAt(at)))
          .as(before)
          .extracting(Violation::field, Violation::rule)
          .containsExactly(tuple("occurredAt", "not-before-1970"));
    }
    assertThat(violationsOf(complaint().setOccurredAt(Instant.EPOCH).setRecordedAt(Instant.EPOCH)))
        .isEmpty();
    final List<Violation> farFuture =
        violationsOf(complaint().setOccurredAt(Instant.MAX).setRecordedAt(NOW));
    assertThat(farFuture)
        .extracting(Violation::field, Violation::rule)
        .as("a future-dated event is refused for that alone")
        .containsExactly(tuple("occurredAt", CaseEventValidator.NOT_IN_FUTURE));
    final List<Violation> recordedBefore =
        violationsOf(
            complaint()
                .setOccurredAt(Instant.parse("2016-05-02T04:00:00Z"))
                .setRecordedAt(Instant.parse("2016-05-02T03:59:59Z")));
    assertThat(recordedBefore)
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("recordedAt", "not-before-occurred"));
    assertThat(recordedBefore.get(0).message())
        .isEqualTo(
            "recordedAt 2016-05-02T03:59:59Z is before occurredAt "
                + "2016-05-02T04:00:00Z; an event is recorded when or after it happened");
    assertThat(violationsOf(complaint().setRecordedAt(NOW.plus(CaseEventValidator.FUTURE_SKEW))))
        .isEmpty();
  }

  @Test
  void aCaseIdsYearIsNoLaterThanTheYearItArrivesIn() {
    assertThat(violationsOf(complaint().setCaseId("TJ-2026-0001"))).isEmpty();
    final List<Violation> nextYear = violationsOf(complaint().setCaseId("TJ-2027-0001"));
    assertThat(nextYear)
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("caseId", "year"));
    assertThat(nextYear.get(0).message())
        .isEqualTo(
            "caseId TJ-2027-0001 is of year 2027, after the year of its arrival (2026); give the"
                + " year it was registered");
    final Instant newYearInDushanbe = Instant.parse("2026-12-31T19:00:00Z");
    assertThat(
            CaseEventValidator.violations(
                complaint().setCaseId("TJ-2027-0001").build(), Country.TJ, newYearInDushanbe))
        .as("the year of the country's own calendar")
        .isEmpty();
    assertThat(violationsOf(complaint().setCaseId("TJ-0000-0001")))
        .extracting(Violation::field, Violation::rule)
        .as("no case before 1970")
        .containsExactly(tuple("caseId", "year"));
    assertThat(violationsOf(complaint().setCaseId("TJ-1970-0001"))).isEmpty();
  }

  @Test
  void aCoalitionIsAnIdNeverANameOrAFormula() {
    for (final String coalition : List.of("kz-coalition", "tj_lawyers.2", "KG")) {
      assertThat(violationsOf(complaint().setCoalition(coalition))).as(coalition).isEmpty();
    }
    for (final String coalition :
        List.of(
            "=HYPERLINK(\"x\") Petrov Ivan, Almaty SIZO-1, +77011234567",
            "kz coalition",
            "kz\u001b[31m",
            "k".repeat(65))) {
      assertThat(violationsOf(complaint().setCoalition(coalition)))
          .extracting(Violation::field, Violation::rule)
          .as(coalition)
          .containsExactly(tuple("coalition", "pattern"));
    }
  }

  @Test
  void aLegalArticleIsACriminalCodeArticleNeverAName() {
    for (final String article :
        List.of("CC-146", "CC-143-1", "CC-305-1", "CC-146.2", "cc-146.2", "CC-182", "CC-347-1")) {
      assertThat(violationsOf(new InvestigationOpened(Authority.PROSECUTOR, article)))
          .as(article)
          .isEmpty();
    }
    for (final String article :
        List.of(
            "Petrov.Ivan.Almaty-SIZO1",
            "SIZO-1",
            "IVS-2",
            "146",
            "CC-",
            "CC-146 Petrov",
            "CC-146\n",
            "CC-12345",
            "")) {
      final List<Violation> violations =
          violationsOf(new InvestigationOpened(Authority.PROSECUTOR, article));
      assertThat(violations)
          .as(article)
          .extracting(Violation::field, Violation::rule)
          .containsExactly(tuple("payload.legalArticle", "code"));
    }
    assertThat(
            violationsOf(new InvestigationOpened(Authority.PROSECUTOR, "SIZO-1")).get(0).message())
        .isEqualTo(
            "legalArticle must be a criminal code article such as CC-146, CC-143-1 or CC-146.2 "
                + "(pattern CC-<article>[-<n>][.<part>]), never a name or free text");
  }

  @Test
  void anAmountIsBoundedSoNoSumOverflows() {
    assertThat(violationsOf(new CompensationAwarded(CaseEventValidator.MAX_AMOUNT_MINOR, "TJS")))
        .isEmpty();
    final List<Violation> tooMuch = violationsOf(new CompensationPaid(Long.MAX_VALUE, "TJS"));
    assertThat(tooMuch)
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.amountMinor", "max"));
    assertThat(tooMuch.get(0).message())
        .isEqualTo(
            "amountMinor 9223372036854775807 is larger than the most accepted, 1000000000000000"
                + " minor units; check the amount is in minor units (tiyn, tyiyn, diram)");
    assertThat(MinorUnits.add(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
    assertThat(MinorUnits.add(Long.MIN_VALUE + 1, -5)).isEqualTo(Long.MIN_VALUE);
    assertThat(MinorUnits.add(40, 2)).isEqualTo(42);
  }
}
