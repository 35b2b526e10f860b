package org.casewatch.gateway.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEventValidator.Violation;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationOpened;
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
}
