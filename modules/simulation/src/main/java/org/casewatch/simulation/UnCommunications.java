package org.casewatch.simulation;

import java.time.Instant;
import org.casewatch.model.Agency;
import org.casewatch.model.Country;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.UnBody;
import org.casewatch.model.UnStage;
import org.casewatch.simulation.CaseStory.Step;

/**
 * Individual communications to a UN treaty body once national remedies failed: submitted, most
 * registered, interim measures for some detained victims (now and then ignored: the victim is
 * moved), views adopted years later in a couple of cases, with no reply from the state.
 */
final class UnCommunications {

  private static final double SUBMITTED = 0.1;
  private static final double REGISTERED = 0.85;
  private static final double INTERIM_MEASURES_HELD = 0.8;
  private static final double INTERIM_MEASURES_FREE = 0.15;
  private static final double MEASURES_BREACHED = 0.3;
  private static final double VIEWS_ADOPTED = 0.35;

  private final CaseStory story;
  private final Chance chance;

  UnCommunications(final CaseStory story, final Chance chance) {
    this.story = story;
    this.chance = chance;
  }

  void after(final Instant remediesExhausted) {
    if (!chance.of(SUBMITTED)) {
      return;
    }
    final UnBody body = body();
    final Step submitted =
        story.unCommunication(
            remediesExhausted.plus(chance.days(90, 450)), body, UnStage.SUBMITTED);
    if (!chance.of(REGISTERED)) {
      return;
    }
    final Step registered =
        story.unCommunication(submitted.at().plus(chance.days(30, 180)), body, UnStage.REGISTERED);
    if (chance.of(story.victimHeld() ? INTERIM_MEASURES_HELD : INTERIM_MEASURES_FREE)) {
      interimMeasures(registered, body);
    }
    if (chance.of(VIEWS_ADOPTED)) {
      story.unCommunication(
          registered.at().plus(chance.days(700, 1400)), body, UnStage.VIEWS_ADOPTED);
    }
  }

  /**
   * Kazakhstan accepts individual communications to the Committee against Torture; every country
   * here those to the Human Rights Committee.
   */
  private UnBody body() {
    return story.country() == Country.KZ && chance.of(0.5)
        ? UnBody.COMMITTEE_AGAINST_TORTURE
        : UnBody.HUMAN_RIGHTS_COMMITTEE;
  }

  private void interimMeasures(final Step registered, final UnBody body) {
    final Step measures =
        story.unCommunication(
            registered.at().plus(chance.hours(1, 72)), body, UnStage.INTERIM_MEASURES);
    if (story.victimHeld() && chance.of(MEASURES_BREACHED)) {
      story.reprisal(
          measures.at().plus(chance.days(5, 60)),
          ReprisalKind.TRANSFER_TO_WORSE_FACILITY,
          Agency.PENITENTIARY_SERVICE);
    }
  }
}
