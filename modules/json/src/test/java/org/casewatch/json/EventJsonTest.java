package org.casewatch.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.casewatch.model.Agency;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEventValidator.Violation;
import org.casewatch.model.CompensationPaid;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import org.casewatch.model.Custodian;
import org.casewatch.model.CustodyChanged;
import org.casewatch.model.DecisionAnnulled;
import org.casewatch.model.DecisionAppealed;
import org.casewatch.model.EventRetracted;
import org.casewatch.model.Examiner;
import org.casewatch.model.ForensicExamination;
import org.casewatch.model.ForensicStage;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.InvestigationResumed;
import org.casewatch.model.InvestigationSuspended;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.ReprisalReported;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.SuspensionReason;
import org.casewatch.model.TermExtended;
import org.casewatch.model.UnBody;
import org.casewatch.model.UnCommunication;
import org.casewatch.model.UnStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  private static EventJson.Parsed parse(final String json) throws IOException {
    return EventJson.parse(JSON.readTree(json), "kz-coalition", Country.KZ, NOW);
  }

  @Test
  void readsAnEventFieldByFieldFromTheSchema() throws IOException {
    final EventJson.Parsed parsed =
        parse(
            """
            {"type":"INVESTIGATION_OPENED","eventId":"e1","caseId":"KZ-2016-0042",
             "occurredAt":"2016-03-05T15:00:00+05:00","payload":{"authority":"PROSECUTOR","legalArticle":"CC-146"}}\
            """);

    assertThat(parsed.violations()).isEmpty();
    assertThat(parsed.event().getPayload())
        .isEqualTo(new InvestigationOpened(Authority.PROSECUTOR, "CC-146"));
    assertThat(parsed.event().getOccurredAt()).isEqualTo(Instant.parse("2016-03-05T10:00:00Z"));
    assertThat(parsed.event().getRecordedAt()).isEqualTo(NOW);
    assertThat(parsed.event().getCoalition()).isEqualTo("kz-coalition");
    assertThat(
            EventJson.parse(EventJson.toJson(parsed.event()), "kz-coalition", Country.KZ, NOW)
                .event())
        .as("toJson is the inverse of parse")
        .isEqualTo(parsed.event());
  }

  @Test
  void namesEveryBrokenFieldAndRule() throws IOException {
    final EventJson.Parsed parsed =
        parse(
            """
            {"type":"CASE_REGISTERED","caseId":"KZ-16-42","occurredAt":"2016-13-40","victimName":"x",
             "payload":{"allegation":"BEATING","placeOfDetention":"PRISON","perpetratorAgency":"POLICE",
                        "victim":{"sex":"MALE","ageBand":"AGE_18_29","returnedFromAbroad":"no","phone":"123"}}}\
            """);

    assertThat(parsed.valid()).isFalse();
    assertThat(parsed.violations())
        .extracting(Violation::field, Violation::rule)
        .contains(
            tuple("victimName", "unknown-field"),
            tuple("eventId", "required"),
            tuple("occurredAt", "iso-8601"),
            tuple("payload.allegation", "enum"),
            tuple("payload.victim.returnedFromAbroad", "boolean"),
            tuple("payload.victim.phone", "unknown-field"));
  }

  @Test
  void appliesTheContractsRulesOnceTheShapeIsRight() throws IOException {
    final EventJson.Parsed parsed =
        parse(
            """
            {"type":"COMPLAINT_FILED","eventId":"e2","caseId":"KZ-2016-0042","occurredAt":"2026-11-28T14:00:00Z",
             "payload":{"authority":"COURT"}}\
            """);

    assertThat(parsed.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("occurredAt", "not-in-future"));
    assertThat(parsed.violations().get(0).message()).contains("+05:00");
  }

  @Test
  void aDateIsTheStartOfThatLocalDayInTheCountrysTimeZone() throws IOException {
    final String complaint =
        """
        {"type":"COMPLAINT_FILED","eventId":"e3","caseId":"%s","occurredAt":"2016-03-02","recordedAt":"2016-03-04",
         "payload":{"authority":"PROSECUTOR"}}\
        """;

    final EventJson.Parsed kazakh = parse(complaint.formatted("KZ-2016-0042"));
    final EventJson.Parsed tajik =
        EventJson.parse(
            JSON.readTree(complaint.formatted("TJ-2016-0042")), "tj-coalition", Country.TJ, NOW);

    assertThat(kazakh.violations()).isEmpty();
    assertThat(kazakh.event().getOccurredAt())
        .as("Asia/Almaty, UTC+06:00 in 2016")
        .isEqualTo(Instant.parse("2016-03-01T18:00:00Z"));
    assertThat(kazakh.event().getRecordedAt()).isEqualTo(Instant.parse("2016-03-03T18:00:00Z"));
    assertThat(tajik.violations()).isEmpty();
    assertThat(tajik.event().getOccurredAt())
        .as("Asia/Dushanbe, UTC+05:00")
        .isEqualTo(Instant.parse("2016-03-01T19:00:00Z"));
  }

  @Test
  void aTimeWithoutItsOffsetIsRefusedWithAnExample() throws IOException {
    final EventJson.Parsed parsed =
        parse(
            """
            {"type":"COMPLAINT_FILED","eventId":"e4","caseId":"KZ-2016-0042","occurredAt":"2016-03-02T09:30:00",
             "recordedAt":"2016-03-02T10:00:00","payload":{"authority":"COURT"}}\
            """);

    assertThat(parsed.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("occurredAt", "iso-8601"), tuple("recordedAt", "iso-8601"));
    assertThat(parsed.violations().get(0).message())
        .isEqualTo(
            "occurredAt '2016-03-02T09:30:00' is not an ISO-8601 instant like 2016-03-02T09:30:00Z"
                + " or a date like 2016-03-02");
  }

  @Test
  void aRetractionNamesTheEventItTakesBack() throws IOException {
    final EventJson.Parsed parsed =
        parse(
            """
            {"type":"EVENT_RETRACTED","eventId":"e5","caseId":"KZ-2016-0042","occurredAt":"2016-03-10",
             "payload":{"retractedEventId":"e1","reason":"ENTERED_IN_ERROR"}}\
            """);

    assertThat(parsed.violations()).isEmpty();
    assertThat(parsed.event().getPayload())
        .isEqualTo(new EventRetracted("e1", RetractionReason.ENTERED_IN_ERROR));
    assertThat(EventJson.toJson(parsed.event()).path("type").asText()).isEqualTo("EVENT_RETRACTED");
    assertThat(
            EventJson.parse(EventJson.toJson(parsed.event()), "kz-coalition", Country.KZ, NOW)
                .event())
        .isEqualTo(parsed.event());
  }

  @Test
  void aRetractionCannotTakeBackItselfNorGoWithoutAReason() throws IOException {
    final EventJson.Parsed itself =
        parse(
            """
            {"type":"EVENT_RETRACTED","eventId":"e6","caseId":"KZ-2016-0042","occurredAt":"2016-03-10",
             "payload":{"retractedEventId":"e6","reason":"DUPLICATE_ENTRY"}}\
            """);
    final EventJson.Parsed reasonless =
        parse(
            """
            {"type":"EVENT_RETRACTED","eventId":"e7","caseId":"KZ-2016-0042","occurredAt":"2016-03-10",
             "payload":{"retractedEventId":"e1","reason":"MISTAKE"}}\
            """);

    assertThat(itself.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.retractedEventId", "not-itself"));
    assertThat(reasonless.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.reason", "enum"));
  }

  /** Each payload of contract v2 as a coalition sends it, and what it must read as. */
  static Stream<Arguments> contractV2Payloads() {
    return Stream.of(
        Arguments.of(
            "DECISION_APPEALED",
            "{\"decisionEventId\":\"kz-0042-4\",\"authority\":\"COURT\"}",
            new DecisionAppealed("kz-0042-4", Authority.COURT)),
        Arguments.of(
            "DECISION_ANNULLED",
            "{\"decisionEventId\":\"kz-0042-4\"}",
            new DecisionAnnulled("kz-0042-4")),
        Arguments.of(
            "INVESTIGATION_SUSPENDED",
            "{\"reason\":\"PERPETRATOR_NOT_IDENTIFIED\"}",
            new InvestigationSuspended(SuspensionReason.PERPETRATOR_NOT_IDENTIFIED)),
        Arguments.of("INVESTIGATION_RESUMED", "{}", new InvestigationResumed()),
        Arguments.of("TERM_EXTENDED", "{\"days\":60}", new TermExtended(60)),
        Arguments.of(
            "FORENSIC_EXAMINATION",
            "{\"stage\":\"REQUESTED\",\"examiner\":\"INDEPENDENT\"}",
            new ForensicExamination(ForensicStage.REQUESTED, Examiner.INDEPENDENT)),
        Arguments.of(
            "CUSTODY_CHANGED",
            "{\"inCustodyOf\":\"RELEASED\"}",
            new CustodyChanged(Custodian.RELEASED)),
        Arguments.of(
            "UN_COMMUNICATION",
            "{\"body\":\"COMMITTEE_AGAINST_TORTURE\",\"stage\":\"INTERIM_MEASURES\"}",
            new UnCommunication(UnBody.COMMITTEE_AGAINST_TORTURE, UnStage.INTERIM_MEASURES)),
        Arguments.of(
            "COMPENSATION_PAID",
            "{\"amountMinor\":250000,\"currency\":\"KZT\"}",
            new CompensationPaid(250_000L, "KZT")),
        Arguments.of(
            "INVESTIGATION_CLOSED",
            "{\"outcome\":\"REFUSED_TO_INITIATE\"}",
            new InvestigationClosed(InvestigationOutcome.REFUSED_TO_INITIATE)),
        Arguments.of(
            "REPRISAL_REPORTED",
            "{\"kind\":\"PUNISHMENT_CELL\",\"agency\":\"PENITENTIARY_SERVICE\"}",
            new ReprisalReported(ReprisalKind.PUNISHMENT_CELL, Agency.PENITENTIARY_SERVICE)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("contractV2Payloads")
  void everyEventOfContractV2ReadsAndWritesBackEqual(
      final String type, final String payload, final Object expected) throws IOException {
    final EventJson.Parsed parsed =
        parse(
            """
            {"type":"%s","eventId":"v2-%s","caseId":"KZ-2016-0042","occurredAt":"2016-06-01","payload":%s}\
            """
                .formatted(type, type, payload));

    assertThat(parsed.violations()).isEmpty();
    assertThat(parsed.event().getPayload()).isEqualTo(expected);
    final JsonNode written = EventJson.toJson(parsed.event());
    assertThat(written.path("type").asText()).isEqualTo(type);
    assertThat(written.path("payload").toString()).isEqualTo(JSON.readTree(payload).toString());
    assertThat(EventJson.parse(written, "kz-coalition", Country.KZ, NOW).event())
        .isEqualTo(parsed.event());
  }

  @Test
  void aTypeIsItsPayloadsRecordNameInCapitals() {
    assertThat(EventType.values())
        .allSatisfy(
            type ->
                assertThat(type.name())
                    .isEqualTo(
                        type.payloadSchema()
                            .getName()
                            .replaceAll("([a-z])([A-Z])", "$1_$2")
                            .toUpperCase(Locale.ROOT)));
    assertThat(Arrays.stream(EventType.values()).skip(8).map(Enum::name))
        .containsExactly(
            "DECISION_APPEALED",
            "DECISION_ANNULLED",
            "INVESTIGATION_SUSPENDED",
            "INVESTIGATION_RESUMED",
            "TERM_EXTENDED",
            "FORENSIC_EXAMINATION",
            "CUSTODY_CHANGED",
            "UN_COMMUNICATION",
            "COMPENSATION_PAID");
  }

  @Test
  void anUnknownSymbolOfAV2EnumIsRefusedWithTheSymbolsItMayBe() throws IOException {
    final EventJson.Parsed parsed =
        parse(
            """
            {"type":"FORENSIC_EXAMINATION","eventId":"f1","caseId":"KZ-2016-0042","occurredAt":"2016-03-04",
             "payload":{"stage":"VIEWS_ADOPTED","examiner":"NGO_DOCTOR"}}\
            """);
    final EventJson.Parsed custody =
        parse(
            """
            {"type":"CUSTODY_CHANGED","eventId":"c1","caseId":"KZ-2016-0042","occurredAt":"2016-03-04",
             "payload":{"inCustodyOf":"FREE"}}\
            """);

    assertThat(parsed.violations())
        .extracting(Violation::field, Violation::rule, Violation::message)
        .containsExactly(
            tuple(
                "payload.stage",
                "enum",
                "payload.stage 'VIEWS_ADOPTED' must be one of [REQUESTED, CONDUCTED, REFUSED]"),
            tuple(
                "payload.examiner",
                "enum",
                "payload.examiner 'NGO_DOCTOR' must be one of [STATE_BUREAU, INDEPENDENT]"));
    assertThat(custody.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.inCustodyOf", "enum"));
    assertThat(custody.violations().get(0).message()).contains("RELEASED", "POLICE");
  }

  @Test
  void aMissingOrMistypedFieldOfAV2EventNamesTheFieldAndWhatItHolds() throws IOException {
    final EventJson.Parsed appeal =
        parse(
            """
            {"type":"DECISION_APPEALED","eventId":"a1","caseId":"KZ-2016-0042","occurredAt":"2016-03-04",
             "payload":{"decisionEventId":"kz-0042-4","court":"district"}}\
            """);
    final EventJson.Parsed extension =
        parse(
            """
            {"type":"TERM_EXTENDED","eventId":"t1","caseId":"KZ-2016-0042","occurredAt":"2016-03-04",
             "payload":{"days":"sixty"}}\
            """);
    final EventJson.Parsed tooLong =
        parse(
            """
            {"type":"TERM_EXTENDED","eventId":"t2","caseId":"KZ-2016-0042","occurredAt":"2016-03-04",
             "payload":{"days":4000000000}}\
            """);
    final EventJson.Parsed none =
        parse(
            """
            {"type":"TERM_EXTENDED","eventId":"t3","caseId":"KZ-2016-0042","occurredAt":"2016-03-04","payload":{"days":0}}\
            """);

    assertThat(appeal.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(
            tuple("payload.court", "unknown-field"), tuple("payload.authority", "required"));
    assertThat(appeal.violations().get(0).message())
        .isEqualTo("unknown field; payload has [decisionEventId, authority]");
    assertThat(appeal.violations().get(1).message())
        .startsWith("payload.authority is required: The kind of authority the appeal went to");
    assertThat(extension.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.days", "integer"));
    assertThat(tooLong.violations())
        .extracting(Violation::field, Violation::rule, Violation::message)
        .containsExactly(
            tuple(
                "payload.days",
                "integer",
                "payload.days must be a whole number from -2147483648 to 2147483647"));
    assertThat(none.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.days", "range"));
  }

  @Test
  void aResumptionCarriesAnEmptyPayloadAndNothingElse() throws IOException {
    final EventJson.Parsed without =
        parse(
            """
            {"type":"INVESTIGATION_RESUMED","eventId":"r1","caseId":"KZ-2016-0042","occurredAt":"2016-03-04"}\
            """);
    final EventJson.Parsed extra =
        parse(
            """
            {"type":"INVESTIGATION_RESUMED","eventId":"r2","caseId":"KZ-2016-0042","occurredAt":"2016-03-04",
             "payload":{"reason":"PERPETRATOR_NOT_IDENTIFIED"}}\
            """);

    assertThat(without.violations())
        .extracting(Violation::field, Violation::rule, Violation::message)
        .containsExactly(
            tuple(
                "payload",
                "required",
                "payload must be an object with the fields of INVESTIGATION_RESUMED (it has none:"
                    + " send {})"));
    assertThat(extra.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.reason", "unknown-field"));
  }

  @Test
  void anAppealOfItselfOrACompensationPaidInNoCurrencyIsRefusedByTheContractsRules()
      throws IOException {
    final EventJson.Parsed appeal =
        parse(
            """
            {"type":"DECISION_APPEALED","eventId":"a2","caseId":"KZ-2016-0042","occurredAt":"2016-03-04",
             "payload":{"decisionEventId":"a2","authority":"PROSECUTOR"}}\
            """);
    final EventJson.Parsed paid =
        parse(
            """
            {"type":"COMPENSATION_PAID","eventId":"p1","caseId":"KZ-2016-0042","occurredAt":"2016-03-04",
             "payload":{"amountMinor":-1,"currency":"tenge"}}\
            """);

    assertThat(appeal.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.decisionEventId", "not-itself"));
    assertThat(paid.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(
            tuple("payload.amountMinor", "not-negative"), tuple("payload.currency", "iso-4217"));
  }

  @Test
  void everyJsonExampleOfTheIngestionGuideIsAcceptedAndEveryTypeHasOne() throws IOException {
    final String guide = Files.readString(Path.of("../../docs/ingestion.md"));
    final Matcher blocks = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(guide);
    final List<JsonNode> events = new ArrayList<>();
    while (blocks.find()) {
      final JsonNode block = JSON.readTree(blocks.group(1));
      if (block.isArray()) {
        block.forEach(events::add);
      } else {
        events.add(block);
      }
    }
    final Set<EventType> documented = EnumSet.noneOf(EventType.class);
    for (final JsonNode event : events) {
      final Country country =
          Countries.fromCode(event.path("caseId").asText().substring(0, 2)).orElseThrow();
      final EventJson.Parsed parsed =
          EventJson.parse(
              event, country.name().toLowerCase(Locale.ROOT) + "-coalition", country, NOW);
      assertThat(parsed.violations()).as(event.toString()).isEmpty();
      documented.add(EventType.of(parsed.event().getPayload()));
    }
    assertThat(documented)
        .as("docs/ingestion.md shows every type of event")
        .containsExactlyInAnyOrder(EventType.values());
  }
}
