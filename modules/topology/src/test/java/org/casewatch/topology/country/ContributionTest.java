package org.casewatch.topology.country;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseStage;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.Sex;
import org.casewatch.model.VictimProfile;
import org.junit.jupiter.api.Test;

/** What a case counts for, and its changes, survive their compact bytes exactly. */
class ContributionTest {

  private static final Instant REGISTERED = Instant.parse("2016-03-01T06:00:00Z");

  @Test
  void aContributionAndAChangeReadBackAsWritten() {
    final Contribution first = Contribution.of(state("TJ-2016-0001", 2016, Map.of("TJS", 2_241L)));
    final Contribution later =
        Contribution.of(state("TJ-2016-0001", 2017, Map.of("XAU", 5L, "TJS", 10L)));
    final Contribution change = later.since(first);

    for (final Contribution written :
        new Contribution[] {first, later, change, Contribution.NONE}) {
      assertThat(Contribution.fromBytes(written.toBytes())).isEqualTo(written);
    }
    assertThat(change.counters().values()).as("a year left, a year entered").contains(-1L, 1L);
    assertThat(first.since(first).counters()).isEmpty();
    assertThat(first.plus(change)).isEqualTo(later);
  }

  @Test
  void theFiguresMovedByAChangeAreThoseOfTheNewStateInsteadOfTheOld() {
    final CaseState before = state("TJ-2016-0002", 2016, Map.of("TJS", 100L));
    final CaseState after = state("TJ-2016-0002", 2016, Map.of("TJS", 300L, "USD", 7L));
    final CountryStats others = CountryFigures.add(state("TJ-2016-0003", 2015, Map.of()), empty());

    final CountryStats moved =
        CountryFigures.plus(
            CountryFigures.add(before, others),
            Contribution.of(after).since(Contribution.of(before)),
            Country.TJ);

    assertThat(moved).isEqualTo(CountryFigures.add(after, others));
  }

  @Test
  void bytesOfAnotherFormatOrCutShortOrNamingNoCountAreRefusedWithWhatIsWrong() {
    assertThatThrownBy(() -> Contribution.fromBytes(new byte[] {9, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format 9")
        .hasMessageContaining("newer release");
    // One counter, of field number 200, which format 1 does not have.
    assertThatThrownBy(() -> Contribution.fromBytes(new byte[] {1, 0, 2, (byte) 0x90, 0x03, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field number 200");
    final byte[] whole = Contribution.of(state("TJ-2016-0004", 2016, Map.of())).toBytes();
    assertThatThrownBy(() -> Contribution.fromBytes(Arrays.copyOf(whole, whole.length - 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends early");
    assertThatThrownBy(() -> Contribution.fromBytes(Arrays.copyOf(whole, whole.length + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("after its end");
  }

  /**
   * Bytes name fields by their place in the format's own list, so a schema that moves or adds
   * fields reads them the same; the list must hold every field the figures count, each once.
   */
  @Test
  void theFormatNamesEveryCountingFieldOfTheFiguresOnce() {
    final List<String> counting =
        CountryStats.getClassSchema().getFields().stream()
            .filter(field -> Contribution.kind(field.pos()) != Contribution.Kind.DERIVED)
            .map(Schema.Field::name)
            .toList();

    assertThat(Contribution.FIELDS).doesNotHaveDuplicates();
    assertThat(Contribution.FIELDS).containsExactlyInAnyOrderElementsOf(counting);
    assertThat(Contribution.FIELDS.subList(0, 3))
        .as("format 1's first numbers, fixed for good")
        .containsExactly("casesRegistered", "casesRegisteredByYear", "complaintsFiled");
  }

  /**
   * Format 1 as written: the field numbers, the dictionary and the number keys are fixed with it,
   * so that records written by one release read the same in the next.
   */
  @Test
  void formatOnesBytesStayAsTheyWere() {
    final Contribution written =
        Contribution.of(state("TJ-2016-0005", 2016, Map.of("TJS", 2_241L, "XAU", 5L)));
    final String bytes =
        "0102808c988ce6542a00020202c01f020c020e8e0182230e00065841550a1a021c025002220224062602c01f06348801023602c01f8801023e44024002c01f44024a8401024a8201024c02c01f8401024c02c01f8201027002c01f027202c01f8e0182237202c01f00065841550a";

    assertThat(HexFormat.of().formatHex(written.toBytes())).isEqualTo(bytes);
    assertThat(Contribution.fromBytes(HexFormat.of().parseHex(bytes))).isEqualTo(written);
  }

  private static CountryStats empty() {
    return CountryStats.newBuilder(CountryFigures.empty()).setCountry(Country.TJ).build();
  }

  private static CaseState state(
      final String caseId, final int year, final Map<String, Long> compensation) {
    return CaseState.newBuilder()
        .setCaseId(caseId)
        .setCountry(Country.TJ)
        .setCoalition("coalition")
        .setStage(CaseStage.REGISTERED)
        .setRegisteredAt(REGISTERED)
        .setRegisteredYear(year)
        .setAllegation(Allegation.TORTURE)
        .setVictim(new VictimProfile(Sex.FEMALE, AgeBand.UNDER_18, false))
        .setCompensatedAt(compensation.isEmpty() ? null : REGISTERED)
        .setCompensationMinorByCurrency(compensation)
        .setRefusalCount(3)
        .setDaysToInvestigation(40)
        .setFirstCriminalComplaintAt(REGISTERED)
        .setLastEventAt(REGISTERED)
        .build();
  }
}
