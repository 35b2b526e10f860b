package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;
import static org.casewatch.topology.DeadLetterSpec.header;

import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseStage;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.casewatch.topology.deadletters.DeadLetter;
import org.casewatch.topology.deadletters.DeadLetterCode;
import org.junit.jupiter.api.Test;

/**
 * Several coalitions may share a country: a case belongs to the coalition whose event for it
 * arrived first (normally its CaseRegistered), and another coalition's events for it are
 * dead-lettered, however they are sent; an eventId is that coalition's own.
 */
class CaseOwnershipSpec {

  private static final String OWNER = "kz-coalition";
  private static final String OTHER = "kz-lawyers";

  @Test
  void anotherCoalitionsEventForACaseIsDeadLetteredAndChangesNothing() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseBuilder kz = aCase("KZ-2016-0042");
      final CaseEvent foreign = from(OTHER, kz.complaintFiled(on("2016-03-02")));
      casewatch.publish(kz.registered(on("2016-02-20")), foreign);

      assertThat(casewatch.deadLetters())
          .singleElement()
          .satisfies(
              record -> {
                assertThat(header(record, DeadLetter.REASON_CODE))
                    .isEqualTo(DeadLetterCode.FOREIGN_COALITION.code());
                assertThat(header(record, DeadLetter.REASON))
                    .startsWith(
                        "event "
                            + foreign.getEventId()
                            + " for case KZ-2016-0042 comes from coalition kz-lawyers, but the case"
                            + " belongs to kz-coalition, whose event for it arrived first; a"
                            + " coalition adds events only to its own cases");
              });
      assertThat(casewatch.caseState("KZ-2016-0042").getStage()).isEqualTo(CaseStage.REGISTERED);
      assertThat(casewatch.caseState("KZ-2016-0042").getCoalition()).isEqualTo(OWNER);
    }
  }

  @Test
  void anotherCoalitionCannotSuppressAnEventByReusingItsEventId() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseBuilder kz = aCase("KZ-2016-0043");
      final CaseEvent registered = kz.registered(on("2016-02-20"));
      final CaseEvent complaint = kz.complaintFiled(on("2016-03-02"));
      final CaseEvent squatted = from(OTHER, kz.refused(on("2016-03-01")));
      squatted.setEventId(complaint.getEventId());
      casewatch.publish(registered, squatted, complaint);

      assertThat(casewatch.deadLetters())
          .extracting(record -> header(record, DeadLetter.REASON_CODE))
          .containsExactly(DeadLetterCode.FOREIGN_COALITION.code());
      assertThat(casewatch.caseState("KZ-2016-0043").getStage())
          .as("the owner's event with that eventId counts")
          .isEqualTo(CaseStage.COMPLAINT_FILED);
    }
  }

  @Test
  void theFirstArrivalOwnsTheCaseEvenBeforeItsRegistration() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseBuilder kz = aCase("KZ-2016-0044");
      casewatch.publish(
          from(OTHER, kz.investigationOpened(on("2016-03-05"), Authority.PROSECUTOR, "CC-146")),
          kz.registered(on("2016-02-20")));

      assertThat(casewatch.deadLetters())
          .extracting(record -> header(record, DeadLetter.REASON))
          .singleElement()
          .asString()
          .contains(
              "for case KZ-2016-0044 comes from coalition kz-coalition", "belongs to kz-lawyers");
      assertThat(casewatch.caseState("KZ-2016-0044").getCoalition()).isEqualTo(OTHER);
    }
  }

  private static CaseEvent from(final String coalition, final CaseEvent event) {
    event.setCoalition(coalition);
    return event;
  }
}
