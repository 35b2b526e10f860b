package org.casewatch.service;

/**
 * The request does not apply to the resource as it stands (e.g. closing a closed alert): 409 with a
 * message.
 */
final class Conflict extends RuntimeException {

  Conflict(final String message) {
    super(message);
  }
}
