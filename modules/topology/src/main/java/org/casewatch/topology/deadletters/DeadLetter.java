package org.casewatch.topology.deadletters;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * An input record casewatch could not process, kept whole: its original key and value bytes, where
 * it came from, and why it was refused: a short reason code a program can count and a reason a
 * person can act on.
 *
 * @param code why, as a program counts it (the {@code casewatch.reason.code} header)
 */
public record DeadLetter(
    // The input record's own bytes, passed through whole and never compared: copying costs.
    @SuppressWarnings("ArrayRecordComponent") byte[] key,
    @SuppressWarnings("ArrayRecordComponent") byte[] value,
    DeadLetterCode code,
    String reason,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    String exceptionClass) {

  /**
   * Streams config key naming the topic the exception handlers write to; default {@code
   * casewatch.dead-letters}.
   */
  public static final String TOPIC_CONFIG = "casewatch.dead-letters.topic";

  /** Header names on {@code casewatch.dead-letters} records. */
  public static final String REASON = "casewatch.reason";

  public static final String REASON_CODE = "casewatch.reason.code";
  public static final String SOURCE_TOPIC = "casewatch.source.topic";
  public static final String SOURCE_PARTITION = "casewatch.source.partition";
  public static final String SOURCE_OFFSET = "casewatch.source.offset";
  public static final String EXCEPTION = "casewatch.exception";

  /** Adds the dead-letter headers to the original record's headers. */
  public Headers addTo(final Headers headers) {
    headers.add(REASON_CODE, utf8(code.code()));
    headers.add(REASON, utf8(reason));
    headers.add(SOURCE_TOPIC, utf8(sourceTopic));
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(sourcePartition)));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(sourceOffset)));
    if (exceptionClass != null) {
      headers.add(EXCEPTION, utf8(exceptionClass));
    }
    return headers;
  }

  private static byte[] utf8(final String text) {
    return String.valueOf(text).getBytes(StandardCharsets.UTF_8);
  }
}
