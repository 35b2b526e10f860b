package org.casewatch.topology.internals.deadletters;

import org.casewatch.registry.client.SchemaNotFoundException;
import org.casewatch.registry.client.SchemaRegistryException;

/**
 * Tells a record that is bad from a dependency that is down: only the first may be dead-lettered.
 */
final class Failures {

  private Failures() {}

  /**
   * Whether {@code failure} was caused by the schema registry failing (unreachable, 5xx), rather
   * than by the record (an unknown schema id is the record's problem).
   */
  static boolean isInfrastructure(final Throwable failure) {
    for (Throwable cause = failure;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SchemaRegistryException && !(cause instanceof SchemaNotFoundException)) {
        return true;
      }
    }
    return false;
  }
}
