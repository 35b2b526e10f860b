package org.casewatch.topology.internals.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;
import static org.casewatch.topology.internals.rules.RuleFixtures.factsOf;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.ReprisalReported;
import org.casewatch.testkit.CaseEvents;
import org.junit.jupiter.api.Test;

/** The questions rules ask of a case's facts, on the paths that answer them fast. */
class CaseFactsTest {

  private final CaseEvents.CaseBuilder kz = aCase("KZ-2016-0042");
  private final CaseEvent registered = kz.registered(on("2016-03-01"));
  private final CaseEvent complaint = kz.complaintFiled(on("2016-03-02"));
  private final CaseEvent opened = kz.investigationOpened(on("2016-03-05"));
  private final CaseEvent another = kz.complaintFiled(on("2016-03-09"));

  @Test
  void eventsOfAPayloadClassComeInTheCasesOrderWhateverOrderTheyWereStoredIn() {
    final CaseFacts facts = factsOf(another, opened, registered, complaint);

    assertThat(facts.all(ComplaintFiled.class)).containsExactly(complaint, another);
    assertThat(facts.all(InvestigationOpened.class)).containsExactly(opened);
    assertThat(facts.all(ReprisalReported.class)).isEmpty();
    assertThat(facts.first(ComplaintFiled.class)).contains(complaint);
    assertThat(facts.last(ComplaintFiled.class)).contains(another);
  }

  @Test
  void aTypeThatIsNoPayloadsOwnClassHasEveryEventWhosePayloadIsOne() {
    final CaseFacts facts = factsOf(another, opened, registered, complaint);
    facts.all(ComplaintFiled.class);

    assertThat(facts.all(SpecificRecord.class))
        .containsExactly(registered, complaint, opened, another);
    assertThat(facts.all(Object.class)).containsExactly(registered, complaint, opened, another);
    assertThat(facts.all(String.class)).isEmpty();
  }

  @Test
  void factsThatForgotTheirGroupsGroupAgainWhenAsked() {
    final CaseFacts facts = factsOf(another, opened, registered, complaint);
    facts.all(SpecificRecord.class);
    facts.all(ComplaintFiled.class);

    assertThat(facts.holdsGroups()).isTrue();

    facts.forgetGroups();

    assertThat(facts.holdsGroups()).isFalse();
    assertThat(facts.all(ComplaintFiled.class)).containsExactly(complaint, another);
    assertThat(facts.holdsGroups()).isTrue();
    assertThat(facts.all(InvestigationOpened.class)).containsExactly(opened);
    assertThat(facts.all(SpecificRecord.class))
        .containsExactly(registered, complaint, opened, another);
    facts.forgetGroups();
    facts.forgetGroups();
    assertThat(facts.holdsGroups()).isFalse();
    assertThat(facts.last(ComplaintFiled.class)).contains(another);
  }

  @Test
  void aCaseWithoutEventsHasNoneOfAnyType() {
    final CaseFacts facts =
        CaseFacts.of(
            "KZ-2016-0042", Country.KZ, RuleFixtures.parameters(Country.KZ).calendar(), List.of());

    assertThat(facts.all(ComplaintFiled.class)).isEmpty();
    assertThat(facts.all(Object.class)).isEmpty();
  }

  @Test
  void anEventsPlaceIsWhereThatVeryEventStandsInTheCasesOrder() {
    final CaseFacts facts = factsOf(another, opened, registered, complaint);
    final CaseEvent equalButNotTheSame = CaseEvent.newBuilder(complaint).build();

    assertThat(List.of(registered, complaint, opened, another))
        .extracting(facts::placeOf)
        .containsExactly(0, 1, 2, 3);
    assertThat(equalButNotTheSame).isEqualTo(complaint);
    assertThat(facts.placeOf(equalButNotTheSame)).isEqualTo(-1);
    assertThat(facts.compare(complaint, opened)).isNegative();
    assertThat(facts.compare(another, opened)).isPositive();
    assertThat(facts.compare(complaint, complaint)).isZero();
  }
}
