package org.casewatch.publisher;

/**
 * Kafka did not acknowledge the event: it may or may not be stored. Publishing it again is safe,
 * since the eventId makes a duplicate harmless.
 */
public final class PublishException extends RuntimeException {

  PublishException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
