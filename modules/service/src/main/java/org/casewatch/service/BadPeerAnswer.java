package org.casewatch.service;

/**
 * Another instance answered something that is not what its internal route promises: 502, never
 * passed on.
 */
final class BadPeerAnswer extends RuntimeException {

  BadPeerAnswer(final String message) {
    super(message);
  }
}
