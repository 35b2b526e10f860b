package org.casewatch.service;

/** There is no such country or case: 404 with a message. */
final class NotFound extends RuntimeException {

  NotFound(final String message) {
    super(message);
  }
}
