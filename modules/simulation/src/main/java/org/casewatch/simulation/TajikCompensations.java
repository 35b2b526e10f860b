package org.casewatch.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import org.casewatch.simulation.CaseStory.Step;

/**
 * Tajikistan's five compensation awards of 2016, in amounts neither fair nor adequate, and what
 * became of them: two never paid, one paid in part, one paid late, one paid in part and the rest
 * years later; which case gets which fate depends on the seed.
 */
final class TajikCompensations {

  /** Tajik cases in which compensation was awarded in 2016, as the coalition reported. */
  static final int AWARDS_2016 = 5;

  private static final String CURRENCY = "TJS";

  /** Awards come after the complaint and before the end of the Tajik year. */
  private static final Instant LAST_AWARD =
      LocalDate.of(2016, 12, 30)
          .atTime(LocalTime.NOON)
          .atZone(Countries.zoneOf(Country.TJ))
          .toInstant();

  /** Complaints filed after this are too recent for an award in 2016. */
  private static final Instant LAST_COMPLAINT = LAST_AWARD.minus(Duration.ofDays(60));

  private enum Payment {
    NEVER,
    IN_PART,
    LATE,
    IN_PART_THEN_LATE
  }

  private static final List<Payment> PAYMENTS =
      List.of(
          Payment.NEVER, Payment.NEVER, Payment.IN_PART, Payment.LATE, Payment.IN_PART_THEN_LATE);

  private TajikCompensations() {}

  /** Awards compensation in five of the Tajik cases with a complaint, spread over the year. */
  static void award(final List<CaseStory> tajikCases, final Chance chance) {
    final List<CaseStory> eligible =
        tajikCases.stream()
            .filter(
                story ->
                    story
                        .complaint()
                        .filter(complaint -> complaint.at().isBefore(LAST_COMPLAINT))
                        .isPresent())
            .toList();
    final List<Payment> payments = new ArrayList<>(PAYMENTS);
    chance.shuffle(payments);
    for (int i = 0; i < AWARDS_2016; i++) {
      final CaseStory story = eligible.get(i * eligible.size() / AWARDS_2016);
      final Instant due = story.complaint().orElseThrow().at().plus(chance.days(30, 120));
      final long amount = 100L * chance.between(1_000, 9_999);
      final Step awarded =
          story.compensationAwarded(due.isAfter(LAST_AWARD) ? LAST_AWARD : due, amount, CURRENCY);
      pay(story, awarded, amount, payments.get(i), chance);
    }
  }

  private static void pay(
      final CaseStory story,
      final Step awarded,
      final long amount,
      final Payment payment,
      final Chance chance) {
    switch (payment) {
      case NEVER -> {}
      case IN_PART ->
          story.compensationPaid(
              awarded.at().plus(chance.days(60, 200)), part(amount, chance), CURRENCY);
      case LATE ->
          story.compensationPaid(awarded.at().plus(chance.days(400, 900)), amount, CURRENCY);
      case IN_PART_THEN_LATE -> {
        final long part = part(amount, chance);
        final Step first =
            story.compensationPaid(awarded.at().plus(chance.days(100, 300)), part, CURRENCY);
        story.compensationPaid(first.at().plus(chance.days(400, 700)), amount - part, CURRENCY);
      }
    }
  }

  private static long part(final long amount, final Chance chance) {
    return amount * chance.between(20, 50) / 100;
  }
}
