package org.casewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.casewatch.json.EventJson;
import org.casewatch.json.EventType;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseEventValidator.Violation;
import org.casewatch.model.Country;
import org.casewatch.model.Custodian;
import org.casewatch.model.EventRetracted;
import org.casewatch.model.Examiner;
import org.casewatch.model.ForensicStage;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.SuspensionReason;
import org.casewatch.model.UnBody;
import org.casewatch.model.UnStage;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.testkit.CaseEvents.CaseBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileTest {

  @Test
  void theDocumentedV1ExampleFileIsValidEveryRowAsBefore() throws IOException {
    final List<EventFile.Line> lines =
        EventFile.read(Path.of("../../docs/examples/events-kz.csv"), Country.KZ);

    assertThat(lines).hasSize(11);
    assertThat(lines)
        .allSatisfy(
            line -> {
              assertThat(line.problem()).as("line %d", line.number()).isNull();
              assertThat(
                      EventJson.parse(line.event(), "kz-coalition", Country.KZ, Instant.now())
                          .violations())
                  .as("line %d", line.number())
                  .isEmpty();
            });
    assertThat(lines.get(0).number()).isEqualTo(2);
    assertThat(
            lines
                .get(0)
                .event()
                .path("payload")
                .path("victim")
                .path("returnedFromAbroad")
                .asBoolean())
        .isFalse();
    assertThat(lines.get(9).event().path("payload").toString())
        .isEqualTo("{\"retractedEventId\":\"kz-0043-4\",\"reason\":\"SUPERSEDED_BY_CORRECTION\"}");
  }

  @Test
  void aRetractionRowNamesTheEventItTakesBackAndNothingElse(@TempDir final Path dir)
      throws IOException {
    final Path csv = dir.resolve("events.csv");
    Files.writeString(
        csv,
        """
        type,eventId,caseId,occurredAt,authority,reason,retractedEventId
        EVENT_RETRACTED,kg-2,KG-2016-0112,2016-03-10,,WRONG_CASE,kg-1
        EVENT_RETRACTED,kg-3,KG-2016-0112,2016-03-10,COURT,ENTERED_IN_ERROR,kg-1
        EVENT_RETRACTED,kg-4,KG-2016-0112,2016-03-10,,FEAR_OF_REPRISAL,kg-1
        """);

    final List<EventFile.Line> lines = EventFile.read(csv, Country.KG);

    assertThat(lines.get(0).problem()).isNull();
    assertThat(
            EventJson.parse(lines.get(0).event(), "kg-coalition", Country.KG, Instant.now())
                .event()
                .getPayload())
        .isEqualTo(new EventRetracted("kg-1", RetractionReason.WRONG_CASE));
    assertThat(lines.get(1).problem())
        .isEqualTo("column authority does not belong to a EVENT_RETRACTED event; leave it empty");
    assertThat(
            EventJson.parse(lines.get(2).event(), "kg-coalition", Country.KG, Instant.now())
                .violations())
        .as("the reason column takes the reasons of the row's type")
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.reason", "enum"));
  }

  @Test
  void aDateInEitherFormIsTheStartOfThatLocalDayInTheCountrysTimeZone(@TempDir final Path dir)
      throws IOException {
    final Path csv = dir.resolve("events.csv");
    Files.writeString(
        csv,
        "type,eventId,caseId,occurredAt,recordedAt,authority\n"
            + "COMPLAINT_FILED,uz-1,UZ-2016-0005,2016-03-02,2016-03-03,PROSECUTOR\n");
    final Path jsonl = dir.resolve("events.jsonl");
    Files.writeString(
        jsonl,
        "{\"type\":\"COMPLAINT_FILED\",\"eventId\":\"uz-1\",\"caseId\":\"UZ-2016-0005\",\"occurredAt\":\"2016-03-02\",\"recordedAt\":\"2016-03-03\",\"payload\":{\"authority\":\"PROSECUTOR\"}}\n");

    for (final Path file : List.of(csv, jsonl)) {
      final CaseEvent event =
          EventJson.parse(
                  EventFile.read(file, Country.UZ).get(0).event(),
                  "uz-coalition",
                  Country.UZ,
                  Instant.now())
              .event();
      assertThat(event.getOccurredAt())
          .as(file + ": Asia/Tashkent, UTC+05:00")
          .isEqualTo(Instant.parse("2016-03-01T19:00:00Z"));
      assertThat(event.getRecordedAt())
          .as(file.toString())
          .isEqualTo(Instant.parse("2016-03-02T19:00:00Z"));
    }
  }

  @Test
  void aColumnThatCouldCarryANameStopsTheImport(@TempDir final Path dir) throws IOException {
    final Path csv = dir.resolve("events.csv");
    Files.writeString(
        csv,
        "type,eventId,caseId,occurredAt,victimName\nCOMPLAINT_FILED,e,KZ-2016-1,2016-01-01,A\n");

    assertThatThrownBy(() -> EventFile.read(csv, Country.KZ)).hasMessageContaining("[victimName]");
  }

  @Test
  void rowsWithoutEventIdGetTheSameDerivedIdEveryTime(@TempDir final Path dir) throws IOException {
    final Path csv = dir.resolve("events.csv");
    Files.writeString(
        csv, "type,caseId,occurredAt,authority\nCOMPLAINT_FILED,KZ-2016-7,2016-01-01,COURT\n");

    final String first = EventFile.read(csv, Country.KZ).get(0).eventId();
    assertThat(first)
        .startsWith("row-")
        .isEqualTo(EventFile.read(csv, Country.KZ).get(0).eventId());
  }

  @Test
  void theDocumentedV2ExampleFileIsValidEveryRowAndShowsEveryNewEvent() throws IOException {
    final List<EventFile.Line> lines =
        EventFile.read(Path.of("../../docs/examples/events-tj-v2.csv"), Country.TJ);

    final Set<EventType> types = EnumSet.noneOf(EventType.class);
    assertThat(lines)
        .hasSize(23)
        .allSatisfy(
            line -> {
              assertThat(line.problem()).as("line %d", line.number()).isNull();
              final EventJson.Parsed parsed =
                  EventJson.parse(line.event(), "tj-coalition", Country.TJ, Instant.now());
              assertThat(parsed.violations()).as("line %d", line.number()).isEmpty();
              types.add(EventType.of(parsed.event().getPayload()));
            });
    assertThat(types)
        .containsAll(
            Arrays.asList(EventType.values())
                .subList(EventType.EVENT_RETRACTED.ordinal() + 1, EventType.values().length));
    assertThat(lines.get(7).event().path("payload").toString())
        .isEqualTo("{\"decisionEventId\":\"tj-0057-7\",\"authority\":\"PROSECUTOR\"}");
    assertThat(lines.get(11).event().path("payload").toString()).isEqualTo("{\"days\":30}");
    assertThat(lines.get(13).event().path("payload").toString())
        .as("a resumption has no fields")
        .isEqualTo("{}");
  }

  @Test
  void theColumnsAreTheV1ColumnsThenOnePerNewFieldName() {
    assertThat(EventFile.COLUMNS)
        .containsExactly(
            "type",
            "eventId",
            "caseId",
            "occurredAt",
            "recordedAt",
            "allegation",
            "placeOfDetention",
            "perpetratorAgency",
            "sex",
            "ageBand",
            "returnedFromAbroad",
            "authority",
            "legalArticle",
            "outcome",
            "amountMinor",
            "currency",
            "kind",
            "agency",
            "reason",
            "retractedEventId",
            "decisionEventId",
            "days",
            "stage",
            "examiner",
            "inCustodyOf",
            "body");
  }

  @Test
  void anEventOfEveryTypeWrittenAsACsvRowReadsBackEqual(@TempDir final Path dir)
      throws IOException {
    final CaseBuilder tajik = aCase("TJ-2016-0057");
    final CaseEvent refusal = tajik.refused(on("2016-02-22"));
    final List<CaseEvent> events =
        List.of(
            tajik.registered(
                on("2016-02-10"),
                Allegation.DEATH_IN_CUSTODY,
                Agency.NATIONAL_SECURITY,
                AgeBand.UNDER_18),
            tajik.complaintFiled(on("2016-02-11")),
            tajik.investigationOpened(on("2016-03-16"), Authority.PROSECUTOR, "CC-143-1"),
            refusal,
            tajik.compensationAwarded(on("2016-11-21"), 500_000L, "TJS"),
            tajik.reprisal(on("2016-02-12"), ReprisalKind.FORCED_PSYCHIATRIC_EXAMINATION),
            tajik.withdrawn(on("2016-04-01"), WithdrawalReason.LOST_HOPE),
            tajik.retraction(on("2016-04-02"), refusal, RetractionReason.DUPLICATE_ENTRY),
            tajik.appealed(on("2016-03-01"), refusal, Authority.COURT),
            tajik.annulled(on("2016-03-14"), refusal),
            tajik.suspended(on("2016-06-10"), SuspensionReason.SUSPECT_ABSCONDED),
            tajik.resumed(on("2016-08-01")),
            tajik.termExtended(on("2016-05-13"), 3650),
            tajik.examination(on("2016-02-11"), ForensicStage.REFUSED, Examiner.INDEPENDENT),
            tajik.custody(on("2016-03-20"), Custodian.RELEASED),
            tajik.unCommunication(
                on("2016-10-03"), UnBody.HUMAN_RIGHTS_COMMITTEE, UnStage.STATE_REPLY),
            tajik.compensationPaid(on("2016-12-20"), 0L, "USD"),
            tajik.investigationClosed(
                on("2016-09-15"), InvestigationOutcome.STATUTE_OF_LIMITATIONS));
    assertThat(events)
        .extracting(event -> EventType.of(event.getPayload()))
        .as("every type")
        .contains(EventType.values());
    final Path csv = dir.resolve("events.csv");
    final List<String> rows = new ArrayList<>();
    rows.add(String.join(",", EventFile.COLUMNS));
    for (final CaseEvent event : events) {
      final Map<String, String> row = csvRowOf(EventJson.toJson(event));
      rows.add(
          EventFile.COLUMNS.stream()
              .map(column -> row.getOrDefault(column, ""))
              .collect(Collectors.joining(",")));
    }
    Files.write(csv, rows);

    final List<EventFile.Line> lines = EventFile.read(csv, Country.TJ);

    assertThat(lines)
        .allSatisfy(line -> assertThat(line.problem()).as("line %d", line.number()).isNull());
    assertThat(lines)
        .extracting(
            line ->
                EventJson.parse(line.event(), "tj-coalition", Country.TJ, Instant.now()).event())
        .containsExactlyElementsOf(events);
  }

  @Test
  void aColumnSharedByTypesTakesTheValuesOfTheRowsTypeAndANewColumnIsRefusedOnAnOldType(
      @TempDir final Path dir) throws IOException {
    final Path csv = dir.resolve("events.csv");
    Files.writeString(
        csv,
        """
        type,eventId,caseId,occurredAt,authority,stage,examiner,body,days
        UN_COMMUNICATION,kg-1,KG-2016-0112,2016-10-03,,VIEWS_ADOPTED,,HUMAN_RIGHTS_COMMITTEE,
        FORENSIC_EXAMINATION,kg-2,KG-2016-0112,2016-03-03,,VIEWS_ADOPTED,STATE_BUREAU,,
        COMPLAINT_FILED,kg-3,KG-2016-0112,2016-03-02,COURT,,,,30
        TERM_EXTENDED,kg-4,KG-2016-0112,2016-05-02,,,,,two months
        FORENSIC_EXAMINATION,kg-5,KG-2016-0112,2016-03-03,,CONDUCTED,,,
        """);

    final List<EventFile.Line> lines = EventFile.read(csv, Country.KG);

    assertThat(lines.get(0).problem()).isNull();
    assertThat(violations(lines.get(0))).isEmpty();
    assertThat(violations(lines.get(1)))
        .extracting(Violation::field, Violation::rule, Violation::message)
        .containsExactly(
            tuple(
                "payload.stage",
                "enum",
                "payload.stage 'VIEWS_ADOPTED' must be one of [REQUESTED, CONDUCTED, REFUSED]"));
    assertThat(lines.get(2).problem())
        .isEqualTo("column days does not belong to a COMPLAINT_FILED event; leave it empty");
    assertThat(lines.get(3).problem()).isEqualTo("days 'two months' is not a whole number");
    assertThat(violations(lines.get(4)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.examiner", "required"));
  }

  private static List<Violation> violations(final EventFile.Line line) {
    return EventJson.parse(line.event(), "kg-coalition", Country.KG, Instant.now()).violations();
  }

  /**
   * The CSV row of a gateway event: its envelope and its payload's fields, nested records
   * flattened.
   */
  private static Map<String, String> csvRowOf(final JsonNode event) {
    final Map<String, String> row = new LinkedHashMap<>();
    EventFile.ENVELOPE.forEach(column -> row.put(column, event.path(column).asText()));
    flatten(event.path("payload"), row);
    return row;
  }

  private static void flatten(final JsonNode object, final Map<String, String> row) {
    object
        .fields()
        .forEachRemaining(
            field -> {
              if (field.getValue().isObject()) {
                flatten(field.getValue(), row);
              } else {
                row.put(field.getKey(), field.getValue().asText());
              }
            });
  }
}
