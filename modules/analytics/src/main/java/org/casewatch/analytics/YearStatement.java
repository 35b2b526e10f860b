package org.casewatch.analytics;

import static org.casewatch.analytics.StatementWords.count;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.casewatch.analytics.YearReport.CountryYear;
import org.casewatch.analytics.YearReport.RegisteredCases;

/**
 * A country's figures for the year worded as the coalitions word their statement, a few sentences
 * per paragraph: the year's events first, then what became of the year's cases.
 */
final class YearStatement {

  private YearStatement() {}

  /** The country's paragraphs, plain text (no markup): the caller escapes them for HTML. */
  static List<String> paragraphs(final int year, final CountryYear c) {
    final List<String> paragraphs = new ArrayList<>();
    paragraphs.add(theYear(year, c));
    final RegisteredCases r = c.registered();
    if (r.cases() > 0) {
      paragraphs.add(thePath(year, r));
      paragraphs.add(theCases(r));
    }
    return paragraphs;
  }

  private static String theYear(final int year, final CountryYear c) {
    final String country = StatementWords.name(c.country());
    final StringBuilder text =
        new StringBuilder("In ")
            .append(year)
            .append(" the Coalition registered ")
            .append(
                c.newCases() == 0 ? "no new cases" : count(c.newCases(), "new case", "new cases"))
            .append(" in ")
            .append(country)
            .append('.');
    final long decisions = total(c.decisionsByOutcome());
    if (c.complaints()
            + c.investigationsOpened()
            + decisions
            + c.reprisals()
            + c.complaintsWithdrawn()
            + c.stalledComplaintsAtYearEnd()
            + c.compensations()
        == 0) {
      return text.toString();
    }
    text.append(" During the year complaints were filed in ")
        .append(count(c.complaints(), "case", "cases"))
        .append(" and investigations opened in ")
        .append(c.investigationsOpened())
        .append("; ")
        .append(count(decisions, "decision was", "decisions were"))
        .append(" taken");
    if (decisions > 0) {
      text.append(" (").append(StatementWords.breakdown(c.decisionsByOutcome())).append(')');
    }
    text.append(". ")
        .append(capitalised(count(c.reprisals(), "reprisal was", "reprisals were")))
        .append(" reported and ")
        .append(count(c.complaintsWithdrawn(), "complaint", "complaints"))
        .append(" withdrawn; at the end of the year ")
        .append(count(c.stalledComplaintsAtYearEnd(), "complaint had", "complaints had"))
        .append(" stalled.");
    if (c.medianDaysToInvestigation() != null) {
      text.append(" The median time from complaint to investigation was ")
          .append(StatementWords.days(c.medianDaysToInvestigation()))
          .append('.');
    }
    if (c.compensations() > 0) {
      text.append(" Compensation was awarded in ")
          .append(count(c.compensations(), "case", "cases"))
          .append(": ")
          .append(StatementWords.money(c.compensationMinorByCurrency()))
          .append('.');
    }
    return text.toString();
  }

  private static String thePath(final int year, final RegisteredCases r) {
    final StringBuilder text =
        new StringBuilder("Of the ")
            .append(count(r.cases(), "case", "cases"))
            .append(" registered in ")
            .append(year)
            .append(", by the end of the year complaints had been filed in ")
            .append(r.withComplaint())
            .append(". ");
    if (r.refusals() == 0) {
      text.append("No refusal was recorded");
    } else {
      text.append("Complaints were refused ")
          .append(times(r.refusals()))
          .append(" (cases refused ")
          .append(StatementWords.breakdown(r.casesByRefusals(), StatementWords.REFUSALS))
          .append(')');
    }
    text.append("; ")
        .append(count(r.appeals(), "decision was", "decisions were"))
        .append(" appealed and ")
        .append(r.annulments())
        .append(" annulled; investigations were reopened ")
        .append(times(r.reopenings()))
        .append(" and suspended ")
        .append(times(r.suspensions()))
        .append(". ")
        .append(capitalised(count(r.investigations(), "investigation was", "investigations were")))
        .append(" opened, reopenings included: ")
        .append(r.independentInvestigations())
        .append(" (")
        .append(StatementWords.percent(r.independentInvestigations(), r.investigations()))
        .append(") by an independent body, ")
        .append(r.tortureArticleInvestigations())
        .append(" (")
        .append(StatementWords.percent(r.tortureArticleInvestigations(), r.investigations()))
        .append(") under the torture article. Forensic examinations: ")
        .append(StatementWords.breakdown(r.examinationsByStage(), StatementWords.FORENSIC_STAGES))
        .append(", ")
        .append(r.independentExaminations())
        .append(" by an independent examiner; in ")
        .append(r.examinedWithin3Days())
        .append(" of the ")
        .append(count(r.withComplaint(), "case", "cases"))
        .append(" with a complaint (")
        .append(StatementWords.percent(r.examinedWithin3Days(), r.withComplaint()))
        .append(") an examination was conducted within 3 days of the first complaint.");
    return text.toString();
  }

  private static String theCases(final RegisteredCases r) {
    final StringBuilder text =
        new StringBuilder("Allegations: ")
            .append(StatementWords.breakdown(r.casesByAllegation()))
            .append(" (")
            .append(count(r.deathsInCustody(), "death", "deaths"))
            .append(" in custody). Alleged perpetrators: ")
            .append(StatementWords.breakdown(r.casesByPerpetratorAgency()))
            .append(". Places of detention: ")
            .append(StatementWords.breakdown(r.casesByPlaceOfDetention()))
            .append(". Victims: ")
            .append(
                r.casesByVictimProfile().isEmpty()
                    ? "none recorded as minors, women or returned from abroad"
                    : StatementWords.breakdown(
                        r.casesByVictimProfile(), StatementWords.VICTIM_PROFILES))
            .append(". UN communications, by latest step: ")
            .append(StatementWords.breakdown(r.casesByUnStage(), StatementWords.UN_STAGES))
            .append(". ");
    if (r.compensated() == 0) {
      text.append("No compensation was awarded in these cases.");
    } else {
      text.append("Compensation was awarded in ")
          .append(count(r.compensated(), "of these cases", "of these cases"))
          .append(": ")
          .append(StatementWords.money(r.compensationAwardedMinorByCurrency()))
          .append(" awarded, ")
          .append(
              r.compensationPaidMinorByCurrency().isEmpty()
                  ? "nothing"
                  : StatementWords.money(r.compensationPaidMinorByCurrency()))
          .append(" paid.");
    }
    return text.toString();
  }

  /** "once", "twice", "5 times". */
  private static String times(final long n) {
    return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
  }

  private static String capitalised(final String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static long total(final Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
