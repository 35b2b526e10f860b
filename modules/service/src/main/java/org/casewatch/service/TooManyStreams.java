package org.casewatch.service;

/**
 * 429: this instance already serves as many alert streams as it may (in all, or to this
 * coordinator).
 */
final class TooManyStreams extends RuntimeException {

  /** Seconds a client should wait before trying again. */
  static final int RETRY_AFTER_SECONDS = 10;

  TooManyStreams(final String message) {
    super(message);
  }
}
