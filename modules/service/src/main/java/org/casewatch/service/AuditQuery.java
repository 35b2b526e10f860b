package org.casewatch.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.casewatch.model.AuditRecord;
import org.casewatch.model.Countries;

/**
 * An auditor's question to {@code GET /v1/audit}: the records about a case, or of a token, from a
 * moment on; a page of {@code limit} records, oldest first, after {@code cursor}.
 */
record AuditQuery(
    Optional<String> caseId,
    Optional<String> tokenId,
    Optional<Instant> since,
    int limit,
    Optional<AuditCursor> cursor) {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  static final List<String> PARAMETERS = List.of("caseId", "tokenId", "since", "limit", "cursor");

  /** Reads the query parameters; an unknown parameter or a bad value is answered 400, naming it. */
  static AuditQuery from(final QueryParameters given) {
    final QueryParameters parameters = given.takingOnly(PARAMETERS);
    final Optional<String> caseId = parameters.single("caseId");
    caseId
        .filter(id -> !Countries.CASE_ID.matcher(id).matches())
        .ifPresent(
            id -> {
              throw new IllegalArgumentException(
                  "caseId '" + id + "' is not a caseId like KZ-2016-0042");
            });
    final Optional<String> tokenId = parameters.single("tokenId");
    tokenId
        .filter(id -> !id.matches("[A-Za-z0-9._@:-]{1,128}"))
        .ifPresent(
            id -> {
              throw new IllegalArgumentException(
                  "tokenId '"
                      + id
                      + "' is not a token id (12 hex digits, the part after cw_, "
                      + "or an analyst's Kafka principal)");
            });
    return new AuditQuery(
        caseId,
        tokenId,
        parameters.single("since").map(AuditQuery::instant),
        parameters.limit(DEFAULT_LIMIT, MAX_LIMIT),
        parameters.single("cursor").map(AuditCursor::decode));
  }

  Predicate<AuditRecord> filter() {
    return record ->
        caseId.map(id -> id.equals(record.getCaseId())).orElse(true)
            && tokenId.map(id -> id.equals(record.getTokenId())).orElse(true)
            && since.map(s -> !record.getAt().isBefore(s)).orElse(true);
  }

  private static Instant instant(final String text) {
    final Instant instant;
    try {
      instant =
          text.length() == 10
              ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
              : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("since '" + text + "' is not an ISO-8601 date or instant");
    }
    // The audit's times are milliseconds since 1970: a since outside them would overflow when
    // compared.
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw new IllegalArgumentException(
          "since '" + text + "' must lie between " + EARLIEST + " and " + LATEST);
    }
    return instant;
  }
}
