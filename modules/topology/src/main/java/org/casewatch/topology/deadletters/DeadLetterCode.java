package org.casewatch.topology.deadletters;

/**
 * Why a record went to {@code casewatch.dead-letters}: the value of its {@code
 * casewatch.reason.code} header, short and stable so that a program can count it. The header {@code
 * casewatch.reason} says the same for a person, with what to do. The table in docs/topology.md
 * lists the same codes (a test compares them).
 */
public enum DeadLetterCode {
  /** Not Confluent-framed Avro of a known schema. */
  UNDECODABLE("undecodable"),
  /** Decoded, but breaks a rule of the contract (docs/ingestion.md). */
  INVALID("invalid"),
  /** Occurred or recorded later than its arrival plus the allowed skew. */
  FUTURE_DATED("future-dated"),
  /** From a coalition other than the case's owner. */
  FOREIGN_COALITION("foreign-coalition"),
  /** An eventId the case already has, with other content. */
  CONFLICTING_DUPLICATE("conflicting-duplicate"),
  /** Beyond the case's event limit. */
  CASE_TOO_LARGE("case-too-large"),
  /** An alert action naming an alert its case does not have. */
  UNKNOWN_ALERT("unknown-alert"),
  /** An alert action that does not apply to the alert's triage as it stands. */
  REFUSED_ACTION("refused-action"),
  /** Kafka Streams could not deserialize the record (its exception handler). */
  UNREADABLE("unreadable"),
  /** The topology failed on the record (its exception handler). */
  PROCESSING_FAILED("processing-failed"),
  /** The broker refused an output of the record as too large (its exception handler). */
  RECORD_TOO_LARGE("record-too-large");

  private final String code;

  DeadLetterCode(final String code) {
    this.code = code;
  }

  /** The header's value, e.g. {@code future-dated}. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return code;
  }
}
