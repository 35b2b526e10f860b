package org.casewatch.access.audit;

/**
 * A read could not be recorded in the audit: whoever reads must fail closed rather than answer
 * unrecorded.
 */
public final class AuditUnavailable extends RuntimeException {

  AuditUnavailable(final String message, final Throwable cause) {
    super("the audit of reads cannot be written: " + message, cause);
  }
}
