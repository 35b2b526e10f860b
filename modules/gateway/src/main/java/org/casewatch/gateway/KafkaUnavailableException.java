package org.casewatch.gateway;

/** Kafka did not acknowledge in time: nothing may be reported as accepted; the client retries. */
final class KafkaUnavailableException extends RuntimeException {

  KafkaUnavailableException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
