package org.casewatch.service;

/** The answer cannot be given right now (a rebalance moves state, a peer is down): 503, retry. */
final class Unavailable extends RuntimeException {

  Unavailable(final String message) {
    super(message);
  }
}
