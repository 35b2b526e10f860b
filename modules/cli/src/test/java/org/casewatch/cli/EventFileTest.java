package org.casewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.casewatch.gateway.json.EventJson;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseEventValidator.Violation;
import org.casewatch.model.Country;
import org.casewatch.model.EventRetracted;
import org.casewatch.model.RetractionReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileTest {

  @Test
  void theDocumentedExampleFileIsValidEveryRow() throws IOException {
    final List<EventFile.Line> lines = EventFile.read(Path.of("../../docs/examples/events-kz.csv"), Country.KZ);

    assertThat(lines).hasSize(11);
    assertThat(lines).allSatisfy(line -> {
      assertThat(line.problem()).as("line %d", line.number()).isNull();
      assertThat(EventJson.parse(line.event(), "kz-coalition", Country.KZ, Instant.now()).violations())
          .as("line %d", line.number()).isEmpty();
    });
    assertThat(lines.get(0).number()).isEqualTo(2);
    assertThat(lines.get(0).event().path("payload").path("victim").path("returnedFromAbroad").asBoolean()).isFalse();
    assertThat(lines.get(9).event().path("payload").toString())
        .isEqualTo("{\"retractedEventId\":\"kz-0043-4\",\"reason\":\"SUPERSEDED_BY_CORRECTION\"}");
  }

  @Test
  void aRetractionRowNamesTheEventItTakesBackAndNothingElse(@TempDir final Path dir) throws IOException {
    final Path csv = dir.resolve("events.csv");
    Files.writeString(csv, """
        type,eventId,caseId,occurredAt,authority,reason,retractedEventId
        EVENT_RETRACTED,kg-2,KG-2016-0112,2016-03-10,,WRONG_CASE,kg-1
        EVENT_RETRACTED,kg-3,KG-2016-0112,2016-03-10,COURT,ENTERED_IN_ERROR,kg-1
        EVENT_RETRACTED,kg-4,KG-2016-0112,2016-03-10,,FEAR_OF_REPRISAL,kg-1
        """);

    final List<EventFile.Line> lines = EventFile.read(csv, Country.KG);

    assertThat(lines.get(0).problem()).isNull();
    assertThat(EventJson.parse(lines.get(0).event(), "kg-coalition", Country.KG, Instant.now()).event().getPayload())
        .isEqualTo(new EventRetracted("kg-1", RetractionReason.WRONG_CASE));
    assertThat(lines.get(1).problem()).isEqualTo("column authority does not belong to a EVENT_RETRACTED event; leave it empty");
    assertThat(EventJson.parse(lines.get(2).event(), "kg-coalition", Country.KG, Instant.now()).violations())
        .as("the reason column takes the reasons of the row's type").extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.reason", "enum"));
  }

  @Test
  void aDateInEitherFormIsTheStartOfThatLocalDayInTheCountrysTimeZone(@TempDir final Path dir) throws IOException {
    final Path csv = dir.resolve("events.csv");
    Files.writeString(csv, "type,eventId,caseId,occurredAt,recordedAt,authority\n"
        + "COMPLAINT_FILED,uz-1,UZ-2016-0005,2016-03-02,2016-03-03,PROSECUTOR\n");
    final Path jsonl = dir.resolve("events.jsonl");
    Files.writeString(jsonl, "{\"type\":\"COMPLAINT_FILED\",\"eventId\":\"uz-1\",\"caseId\":\"UZ-2016-0005\","
        + "\"occurredAt\":\"2016-03-02\",\"recordedAt\":\"2016-03-03\",\"payload\":{\"authority\":\"PROSECUTOR\"}}\n");

    for (final Path file : List.of(csv, jsonl)) {
      final CaseEvent event = EventJson.parse(EventFile.read(file, Country.UZ).get(0).event(), "uz-coalition", Country.UZ,
          Instant.now()).event();
      assertThat(event.getOccurredAt()).as(file + ": Asia/Tashkent, UTC+05:00").isEqualTo(Instant.parse("2016-03-01T19:00:00Z"));
      assertThat(event.getRecordedAt()).as(file.toString()).isEqualTo(Instant.parse("2016-03-02T19:00:00Z"));
    }
  }

  @Test
  void aColumnThatCouldCarryANameStopsTheImport(@TempDir final Path dir) throws IOException {
    final Path csv = dir.resolve("events.csv");
    Files.writeString(csv, "type,eventId,caseId,occurredAt,victimName\nCOMPLAINT_FILED,e,KZ-2016-1,2016-01-01,A\n");

    assertThatThrownBy(() -> EventFile.read(csv, Country.KZ)).hasMessageContaining("[victimName]");
  }

  @Test
  void rowsWithoutEventIdGetTheSameDerivedIdEveryTime(@TempDir final Path dir) throws IOException {
    final Path csv = dir.resolve("events.csv");
    Files.writeString(csv, "type,caseId,occurredAt,authority\nCOMPLAINT_FILED,KZ-2016-7,2016-01-01,COURT\n");

    final String first = EventFile.read(csv, Country.KZ).get(0).eventId();
    assertThat(first).startsWith("row-").isEqualTo(EventFile.read(csv, Country.KZ).get(0).eventId());
  }
}
