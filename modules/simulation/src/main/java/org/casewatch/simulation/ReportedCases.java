package org.casewatch.simulation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.casewatch.model.Agency;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.simulation.CaseStory.Step;

/**
 * Many short cases in every country with the shapes the coalitions report: most see a complaint,
 * few an investigation, some a refusal, a reprisal or a withdrawal, a few compensation. Every
 * victim is the {@linkplain Registrations#typical typical} one and every investigation is opened
 * under {@link #ARTICLE}: the tests that use this shape count cases, paths and alerts, not
 * qualifications.
 */
final class ReportedCases {

  /** Kazakhstan's torture article, in every country, as this shape has always had it. */
  static final String ARTICLE = "CC-146";

  private static final double NO_COMPLAINT = 0.15;
  private static final double INVESTIGATED = 0.2;
  private static final double INVESTIGATION_CLOSED = 0.5;
  private static final double REFUSED = 0.3;
  private static final double REPRISAL = 0.15;
  private static final double WITHDRAWAL_AFTER_REPRISAL = 0.4;
  private static final double COMPENSATED = 0.03;

  private ReportedCases() {}

  static List<CaseEvent> of(final long seed, final int casesPerCountry, final Instant start) {
    final Chance chance = new Chance(seed);
    final List<CaseEvent> events = new ArrayList<>();
    final int year = start.atZone(ZoneOffset.UTC).getYear();
    for (final Country country : Country.values()) {
      for (int number = 1; number <= casesPerCountry; number++) {
        final CaseStory story =
            new CaseStory(
                String.format("%s-%d-%04d", country, year, number), country, events, null);
        tell(story, chance, start.plus(chance.daysAndAnyMinute(0, 365)));
      }
    }
    events.sort(
        Comparator.comparing(CaseEvent::getOccurredAt).thenComparing(CaseEvent::getEventId));
    return events;
  }

  private static void tell(final CaseStory story, final Chance chance, final Instant registeredAt) {
    story.registered(registeredAt, Registrations.typical());
    if (chance.of(NO_COMPLAINT)) {
      return;
    }
    final Step complaint =
        story.complaintFiled(
            registeredAt.plus(chance.daysAndAnyMinute(0, 20)), Authority.PROSECUTOR);
    if (chance.of(INVESTIGATED)) {
      final Step opened =
          story.investigationOpened(
              complaint.at().plus(chance.daysAndAnyMinute(1, 30)), Authority.PROSECUTOR, ARTICLE);
      if (chance.of(INVESTIGATION_CLOSED)) {
        story.investigationClosed(
            opened.at().plus(chance.daysAndAnyMinute(10, 120)),
            chance.pick(InvestigationOutcome.SUSPENDED, InvestigationOutcome.CHARGED));
      }
    } else if (chance.of(REFUSED)) {
      story.investigationClosed(
          complaint.at().plus(chance.daysAndAnyMinute(3, 40)),
          InvestigationOutcome.REFUSED_NO_CRIME);
    }
    if (chance.of(REPRISAL)) {
      final Step reprisal =
          story.reprisal(
              complaint.at().plus(chance.daysAndAnyMinute(1, 60)),
              chance.pick(ReprisalKind.values()),
              Agency.POLICE);
      if (chance.of(WITHDRAWAL_AFTER_REPRISAL)) {
        story.withdrawn(
            reprisal.at().plus(chance.daysAndAnyMinute(1, 120)),
            chance.pick(WithdrawalReason.values()));
      }
    }
    if (chance.of(COMPENSATED)) {
      story.compensationAwarded(
          complaint.at().plus(chance.daysAndAnyMinute(100, 300)),
          chance.between(100_000, 999_999),
          "USD");
    }
  }
}
