package org.casewatch.gateway.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEventValidator.Violation;
import org.casewatch.model.Country;
import org.casewatch.model.EventRetracted;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.RetractionReason;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  private static EventJson.Parsed parse(final String json) throws IOException {
    return EventJson.parse(JSON.readTree(json), "kz-coalition", Country.KZ, NOW);
  }

  @Test
  void readsAnEventFieldByFieldFromTheSchema() throws IOException {
    final EventJson.Parsed parsed = parse("""
        {"type":"INVESTIGATION_OPENED","eventId":"e1","caseId":"KZ-2016-0042",
         "occurredAt":"2016-03-05T15:00:00+05:00","payload":{"authority":"PROSECUTOR","legalArticle":"CC-146"}}""");

    assertThat(parsed.violations()).isEmpty();
    assertThat(parsed.event().getPayload()).isEqualTo(new InvestigationOpened(Authority.PROSECUTOR, "CC-146"));
    assertThat(parsed.event().getOccurredAt()).isEqualTo(Instant.parse("2016-03-05T10:00:00Z"));
    assertThat(parsed.event().getRecordedAt()).isEqualTo(NOW);
    assertThat(parsed.event().getCoalition()).isEqualTo("kz-coalition");
    assertThat(EventJson.parse(EventJson.toJson(parsed.event()), "kz-coalition", Country.KZ, NOW).event())
        .as("toJson is the inverse of parse").isEqualTo(parsed.event());
  }

  @Test
  void namesEveryBrokenFieldAndRule() throws IOException {
    final EventJson.Parsed parsed = parse("""
        {"type":"CASE_REGISTERED","caseId":"KZ-16-42","occurredAt":"2016-13-40","victimName":"x",
         "payload":{"allegation":"BEATING","placeOfDetention":"PRISON","perpetratorAgency":"POLICE",
                    "victim":{"sex":"MALE","ageBand":"AGE_18_29","returnedFromAbroad":"no","phone":"123"}}}""");

    assertThat(parsed.valid()).isFalse();
    assertThat(parsed.violations()).extracting(Violation::field, Violation::rule).contains(
        tuple("victimName", "unknown-field"),
        tuple("eventId", "required"),
        tuple("occurredAt", "iso-8601"),
        tuple("payload.allegation", "enum"),
        tuple("payload.victim.returnedFromAbroad", "boolean"),
        tuple("payload.victim.phone", "unknown-field"));
  }

  @Test
  void appliesTheContractsRulesOnceTheShapeIsRight() throws IOException {
    final EventJson.Parsed parsed = parse("""
        {"type":"COMPLAINT_FILED","eventId":"e2","caseId":"KZ-2016-0042","occurredAt":"2026-11-28T14:00:00Z",
         "payload":{"authority":"COURT"}}""");

    assertThat(parsed.violations()).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("occurredAt", "not-in-future"));
    assertThat(parsed.violations().get(0).message()).contains("+05:00");
  }

  @Test
  void aDateIsTheStartOfThatLocalDayInTheCountrysTimeZone() throws IOException {
    final String complaint = """
        {"type":"COMPLAINT_FILED","eventId":"e3","caseId":"%s","occurredAt":"2016-03-02","recordedAt":"2016-03-04",
         "payload":{"authority":"PROSECUTOR"}}""";

    final EventJson.Parsed kazakh = parse(complaint.formatted("KZ-2016-0042"));
    final EventJson.Parsed tajik = EventJson.parse(JSON.readTree(complaint.formatted("TJ-2016-0042")), "tj-coalition",
        Country.TJ, NOW);

    assertThat(kazakh.violations()).isEmpty();
    assertThat(kazakh.event().getOccurredAt()).as("Asia/Almaty, UTC+06:00 in 2016").isEqualTo(Instant.parse("2016-03-01T18:00:00Z"));
    assertThat(kazakh.event().getRecordedAt()).isEqualTo(Instant.parse("2016-03-03T18:00:00Z"));
    assertThat(tajik.violations()).isEmpty();
    assertThat(tajik.event().getOccurredAt()).as("Asia/Dushanbe, UTC+05:00").isEqualTo(Instant.parse("2016-03-01T19:00:00Z"));
  }

  @Test
  void aTimeWithoutItsOffsetIsRefusedWithAnExample() throws IOException {
    final EventJson.Parsed parsed = parse("""
        {"type":"COMPLAINT_FILED","eventId":"e4","caseId":"KZ-2016-0042","occurredAt":"2016-03-02T09:30:00",
         "recordedAt":"2016-03-02T10:00:00","payload":{"authority":"COURT"}}""");

    assertThat(parsed.violations()).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("occurredAt", "iso-8601"), tuple("recordedAt", "iso-8601"));
    assertThat(parsed.violations().get(0).message())
        .isEqualTo("occurredAt '2016-03-02T09:30:00' is not an ISO-8601 instant like 2016-03-02T09:30:00Z or a date like 2016-03-02");
  }

  @Test
  void aRetractionNamesTheEventItTakesBack() throws IOException {
    final EventJson.Parsed parsed = parse("""
        {"type":"EVENT_RETRACTED","eventId":"e5","caseId":"KZ-2016-0042","occurredAt":"2016-03-10",
         "payload":{"retractedEventId":"e1","reason":"ENTERED_IN_ERROR"}}""");

    assertThat(parsed.violations()).isEmpty();
    assertThat(parsed.event().getPayload()).isEqualTo(new EventRetracted("e1", RetractionReason.ENTERED_IN_ERROR));
    assertThat(EventJson.toJson(parsed.event()).path("type").asText()).isEqualTo("EVENT_RETRACTED");
    assertThat(EventJson.parse(EventJson.toJson(parsed.event()), "kz-coalition", Country.KZ, NOW).event())
        .isEqualTo(parsed.event());
  }

  @Test
  void aRetractionCannotTakeBackItselfNorGoWithoutAReason() throws IOException {
    final EventJson.Parsed itself = parse("""
        {"type":"EVENT_RETRACTED","eventId":"e6","caseId":"KZ-2016-0042","occurredAt":"2016-03-10",
         "payload":{"retractedEventId":"e6","reason":"DUPLICATE_ENTRY"}}""");
    final EventJson.Parsed reasonless = parse("""
        {"type":"EVENT_RETRACTED","eventId":"e7","caseId":"KZ-2016-0042","occurredAt":"2016-03-10",
         "payload":{"retractedEventId":"e1","reason":"MISTAKE"}}""");

    assertThat(itself.violations()).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.retractedEventId", "not-itself"));
    assertThat(reasonless.violations()).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("payload.reason", "enum"));
  }
}
