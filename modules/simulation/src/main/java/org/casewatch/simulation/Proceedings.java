package org.casewatch.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.casewatch.model.Agency;
import org.casewatch.model.Authority;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.SuspensionReason;
import org.casewatch.simulation.CaseStory.Step;

/**
 * What the authorities do with a complaint, as the coalitions describe it: most often a refusal to
 * initiate criminal proceedings; the lawyer appeals some refusals, some are annulled and the check
 * reopened, and then often refused again (ping-pong). Now and then an investigation is opened,
 * mostly by internal affairs or a prosecutor and often under a lesser article than torture; its
 * term is extended now and then; it ends terminated, suspended (the perpetrator "not identified"),
 * a few times sent to court, or stays open.
 */
final class Proceedings {

  /** The standard term of an investigation, before an extension. */
  private static final Duration TERM = Duration.ofDays(60);

  /** Appeals, annulments and reopenings stop after this many rounds: the lawyers give up. */
  private static final int LAST_ROUND = 4;

  private static final double APPEAL_OF_REFUSAL = 0.4;
  private static final double APPEAL_OF_REFUSAL_AGAIN = 0.5;
  private static final double APPEAL_OF_TERMINATION = 0.3;
  private static final double APPEAL_OF_SUSPENSION = 0.2;
  private static final double ANNULMENT = 0.35;
  private static final double REFUSED_AGAIN = 0.6;
  private static final double EXTENSION = 0.6;
  private static final double RESUMPTION = 0.15;
  private static final double DOWNGRADED = 0.55;

  private final CaseStory story;
  private final Chance chance;

  /**
   * Whether investigators qualify the case under the lesser article; Turkmenistan never uses its
   * torture article.
   */
  private final boolean downgraded;

  /** When the last appeal failed, leaving a refusal, termination or suspension standing. */
  private Instant remediesExhausted;

  Proceedings(final CaseStory story, final Chance chance) {
    this.story = story;
    this.chance = chance;
    this.downgraded = story.country() == Country.TM || chance.of(DOWNGRADED);
  }

  /**
   * The answer to a complaint: an investigation, a refusal, or none at all (the complaint stalls).
   */
  void answer(final Step complaint) {
    final Instant decidedAt = complaint.at().plus(chance.days(3, 40));
    final double answer = chance.roll();
    if (answer < openingShare()) {
      investigate(open(decidedAt), 1);
    } else if (answer < 1 - unansweredShare()) {
      contest(
          story.investigationClosed(decidedAt, InvestigationOutcome.REFUSED_TO_INITIATE),
          APPEAL_OF_REFUSAL,
          1);
    }
  }

  /** When national remedies were exhausted: an appeal failed and the decision stands. */
  Optional<Instant> remediesExhausted() {
    return Optional.ofNullable(remediesExhausted);
  }

  /** KZ and KG must register every crime report; in TM the police do not register torture cases. */
  private double openingShare() {
    if (story.diedInCustody()) {
      return 0.6;
    }
    return switch (story.country()) {
      case KZ -> 0.22;
      case KG -> 0.2;
      case TJ -> 0.15;
      case UZ -> 0.1;
      case TM -> 0.05;
    };
  }

  private double unansweredShare() {
    return story.country() == Country.TM ? 0.5 : 0.08;
  }

  /**
   * A refusal or a termination: appealed now and then; an annulment reopens the case, often to be
   * refused again.
   */
  private void contest(final Step decision, final double appealChance, final int round) {
    if (round == LAST_ROUND || !chance.of(appealChance)) {
      return;
    }
    final Step appeal =
        story.appealed(decision.at().plus(chance.days(5, 30)), decision, appealAuthority());
    if (!chance.of(ANNULMENT)) {
      remediesExhausted = appeal.at();
      return;
    }
    final Step annulment = story.annulled(appeal.at().plus(chance.days(5, 30)), decision);
    final Step reopening = open(annulment.at().plus(chance.days(1, 10)));
    if (chance.of(REFUSED_AGAIN)) {
      final Step refusal =
          story.investigationClosed(
              reopening.at().plus(chance.days(10, 40)), InvestigationOutcome.REFUSED_TO_INITIATE);
      contest(refusal, APPEAL_OF_REFUSAL_AGAIN, round + 1);
    } else {
      investigate(reopening, round + 1);
    }
  }

  private Authority appealAuthority() {
    return chance.of(0.7) ? Authority.PROSECUTOR : Authority.COURT;
  }

  private Step open(final Instant at) {
    final String article =
        downgraded
            ? LegalArticles.lesser(story.country())
            : LegalArticles.torture(story.country(), story.localDate(at));
    return story.investigationOpened(at, investigator(), article);
  }

  /**
   * No country has an independent body: the perpetrators' own ministry or a prosecutor
   * investigates.
   */
  private Authority investigator() {
    if (story.perpetrator() == Agency.NATIONAL_SECURITY && chance.of(0.3)) {
      return Authority.NATIONAL_SECURITY_SERVICE;
    }
    return chance.of(0.05)
        ? Authority.INVESTIGATIVE_COMMITTEE
        : chance.pick(Authority.INTERNAL_AFFAIRS, Authority.PROSECUTOR);
  }

  private void investigate(final Step opening, final int round) {
    final Instant decidedAt = opening.at().plus(chance.days(20, 150));
    if (decidedAt.isAfter(opening.at().plus(TERM)) && chance.of(EXTENSION)) {
      extend(opening.at(), decidedAt);
    }
    decide(decidedAt, round);
  }

  /**
   * Extended shortly before the two months run out, by whole months enough to reach the decision.
   */
  private void extend(final Instant openedAt, final Instant decidedAt) {
    final long daysOver = Duration.between(openedAt.plus(TERM), decidedAt).toDays() + 1;
    story.termExtended(openedAt.plus(chance.days(45, 57)), (int) (30 * ((daysOver + 29) / 30)));
  }

  private void decide(final Instant decidedAt, final int round) {
    final double decision = chance.roll();
    if (decision < 0.08) {
      return;
    }
    if (decision < 0.42) {
      contest(
          story.investigationClosed(decidedAt, InvestigationOutcome.TERMINATED),
          APPEAL_OF_TERMINATION,
          round);
    } else if (decision < 0.72) {
      suspended(story.suspended(decidedAt, suspensionReason()), round);
    } else if (decision < 0.84) {
      story.investigationClosed(decidedAt, InvestigationOutcome.SENT_TO_COURT);
    } else {
      story.investigationClosed(
          decidedAt,
          chance.pick(
              InvestigationOutcome.DISCIPLINARY_ONLY,
              InvestigationOutcome.DISCIPLINARY_ONLY,
              InvestigationOutcome.RECONCILIATION,
              InvestigationOutcome.AMNESTY));
    }
  }

  private SuspensionReason suspensionReason() {
    return chance.of(0.75)
        ? SuspensionReason.PERPETRATOR_NOT_IDENTIFIED
        : chance.pick(
            SuspensionReason.AWAITING_EXAMINATION,
            SuspensionReason.SUSPECT_ABSCONDED,
            SuspensionReason.SUSPECT_ILL,
            SuspensionReason.OTHER_SUSPENSION_REASON);
  }

  /** A suspension buries a case: appealed now and then, resumed a few times. */
  private void suspended(final Step suspension, final int round) {
    if (round == LAST_ROUND) {
      return;
    }
    if (chance.of(APPEAL_OF_SUSPENSION)) {
      final Step appeal =
          story.appealed(
              suspension.at().plus(chance.days(10, 60)), suspension, Authority.PROSECUTOR);
      if (chance.of(ANNULMENT)) {
        resume(
            story
                .annulled(appeal.at().plus(chance.days(5, 30)), suspension)
                .at()
                .plus(chance.days(1, 10)),
            round);
      } else {
        remediesExhausted = appeal.at();
      }
    } else if (chance.of(RESUMPTION)) {
      resume(suspension.at().plus(chance.days(60, 240)), round);
    }
  }

  private void resume(final Instant at, final int round) {
    decide(story.resumed(at).at().plus(chance.days(10, 60)), round + 1);
  }
}
