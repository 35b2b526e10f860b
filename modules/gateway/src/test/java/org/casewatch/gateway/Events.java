package org.casewatch.gateway;

import java.util.concurrent.ThreadLocalRandom;

/** JSON events as a coalition system would send them. */
final class Events {

  private Events() {}

  /** A caseId no other test uses. */
  static String newCaseId(final String country) {
    return country + "-2016-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
  }

  static String complaint(final String eventId, final String caseId, final String date) {
    return """
    {"type":"COMPLAINT_FILED","eventId":"%s","caseId":"%s","occurredAt":"%s","payload":{"authority":"PROSECUTOR"}}\
    """
        .formatted(eventId, caseId, date);
  }

  static String registered(final String eventId, final String caseId, final String date) {
    return """
    {"type":"CASE_REGISTERED","eventId":"%s","caseId":"%s","occurredAt":"%s","payload":{
      "allegation":"TORTURE","placeOfDetention":"POLICE_STATION","perpetratorAgency":"POLICE",
      "victim":{"sex":"FEMALE","ageBand":"AGE_30_44","returnedFromAbroad":true}}}\
    """
        .formatted(eventId, caseId, date);
  }

  static String compensation(final String eventId, final String caseId, final long amount) {
    return """
    {"type":"COMPENSATION_AWARDED","eventId":"%s","caseId":"%s","occurredAt":"2016-09-01","payload":{"amountMinor":%d,"currency":"TJS"}}\
    """
        .formatted(eventId, caseId, amount);
  }

  static String retraction(
      final String eventId, final String caseId, final String retractedEventId) {
    return """
    {"type":"EVENT_RETRACTED","eventId":"%s","caseId":"%s","occurredAt":"2016-03-10","payload":{
      "retractedEventId":"%s","reason":"ENTERED_IN_ERROR"}}\
    """
        .formatted(eventId, caseId, retractedEventId);
  }

  /** An event of any type, its payload given as JSON. */
  static String event(
      final String type,
      final String eventId,
      final String caseId,
      final String date,
      final String payload) {
    return """
    {"type":"%s","eventId":"%s","caseId":"%s","occurredAt":"%s","payload":%s}\
    """
        .formatted(type, eventId, caseId, date, payload);
  }

  static String array(final String... events) {
    return "[" + String.join(",", events) + "]";
  }
}
