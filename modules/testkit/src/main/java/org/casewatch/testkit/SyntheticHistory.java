package org.casewatch.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.testkit.CaseEvents.CaseBuilder;

/**
 * A seeded, reproducible history of many cases with the shapes the coalitions report: most cases
 * see a complaint, few an investigation, some a reprisal or a withdrawal. For tests that need
 * volume and variety rather than one crafted case.
 */
public final class SyntheticHistory {

  private static final ReprisalKind[] REPRISALS = ReprisalKind.values();
  private static final WithdrawalReason[] REASONS = WithdrawalReason.values();

  private SyntheticHistory() {}

  /**
   * {@code casesPerCountry} cases in every country, registered within a year of {@code start};
   * event-time order.
   */
  public static List<CaseEvent> generate(
      final long seed, final int casesPerCountry, final Instant start) {
    final Random random = new Random(seed);
    final List<CaseEvent> events = new ArrayList<>();
    final int year = start.atZone(ZoneOffset.UTC).getYear();
    for (final Country country : Country.values()) {
      for (int number = 1; number <= casesPerCountry; number++) {
        final CaseBuilder builder =
            CaseEvents.aCase(String.format("%s-%d-%04d", country, year, number));
        final Instant registered = start.plus(days(random, 0, 365));
        events.add(builder.registered(registered));
        if (random.nextDouble() < 0.15) {
          continue;
        }
        final Instant complaint = registered.plus(days(random, 0, 20));
        events.add(builder.complaintFiled(complaint));
        if (random.nextDouble() < 0.2) {
          final Instant opened = complaint.plus(days(random, 1, 30));
          events.add(builder.investigationOpened(opened));
          if (random.nextDouble() < 0.5) {
            events.add(
                builder.investigationClosed(
                    opened.plus(days(random, 10, 120)),
                    random.nextBoolean()
                        ? InvestigationOutcome.CHARGED
                        : InvestigationOutcome.SUSPENDED));
          }
        } else if (random.nextDouble() < 0.3) {
          events.add(
              builder.investigationClosed(
                  complaint.plus(days(random, 3, 40)), InvestigationOutcome.REFUSED_NO_CRIME));
        }
        if (random.nextDouble() < 0.15) {
          final Instant reprisal = complaint.plus(days(random, 1, 60));
          events.add(builder.reprisal(reprisal, REPRISALS[random.nextInt(REPRISALS.length)]));
          if (random.nextDouble() < 0.4) {
            events.add(
                builder.withdrawn(
                    reprisal.plus(days(random, 1, 120)), REASONS[random.nextInt(REASONS.length)]));
          }
        }
        if (random.nextDouble() < 0.03) {
          events.add(
              builder.compensationAwarded(
                  complaint.plus(days(random, 100, 300)),
                  100_000L + random.nextInt(900_000),
                  "USD"));
        }
      }
    }
    events.sort(
        Comparator.comparing(CaseEvent::getOccurredAt).thenComparing(CaseEvent::getEventId));
    return events;
  }

  private static Duration days(final Random random, final int from, final int to) {
    return Duration.ofDays(from + random.nextInt(to - from + 1))
        .plusMinutes(random.nextInt(24 * 60));
  }
}
