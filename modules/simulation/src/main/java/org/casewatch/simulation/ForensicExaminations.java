package org.casewatch.simulation;

import org.casewatch.model.Examiner;
import org.casewatch.model.ForensicStage;
import org.casewatch.simulation.CaseStory.Step;

/**
 * Forensic medical examinations, which decide many cases while the injuries last: requested for
 * many complaints, conducted by the state bureau, often too late (after three days), sometimes
 * refused; a few victims get an independent examination. A death in custody gets an autopsy.
 */
final class ForensicExaminations {

  private static final double INDEPENDENT = 0.06;
  private static final double REQUESTED = 0.6;
  private static final double CONDUCTED = 0.6;
  private static final double REFUSED = 0.2;

  /** Of the examinations conducted, those within three days of the complaint. */
  private static final double IN_TIME = 0.35;

  private final CaseStory story;
  private final Chance chance;

  ForensicExaminations(final CaseStory story, final Chance chance) {
    this.story = story;
    this.chance = chance;
  }

  void after(final Step complaint) {
    if (story.diedInCustody()) {
      story.forensicExamination(
          complaint.at().plus(chance.hours(2, 48)), ForensicStage.CONDUCTED, Examiner.STATE_BUREAU);
      return;
    }
    if (chance.of(INDEPENDENT)) {
      story.forensicExamination(
          complaint.at().plus(chance.days(1, 6)), ForensicStage.CONDUCTED, Examiner.INDEPENDENT);
    }
    if (!chance.of(REQUESTED)) {
      return;
    }
    final Step request =
        story.forensicExamination(
            complaint.at().plus(chance.hours(1, 40)),
            ForensicStage.REQUESTED,
            Examiner.STATE_BUREAU);
    final double answer = chance.roll();
    if (answer < CONDUCTED) {
      story.forensicExamination(
          request.at().plus(chance.of(IN_TIME) ? chance.hours(3, 28) : chance.days(4, 30)),
          ForensicStage.CONDUCTED,
          Examiner.STATE_BUREAU);
    } else if (answer < CONDUCTED + REFUSED) {
      story.forensicExamination(
          request.at().plus(chance.days(1, 10)), ForensicStage.REFUSED, Examiner.STATE_BUREAU);
    }
  }
}
