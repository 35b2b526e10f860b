package org.casewatch.registry.client;

/**
 * Confluent's compatibility levels. BACKWARD means consumers using the new schema can read data
 * written with the previous one; the _TRANSITIVE forms check against every earlier version.
 */
public enum CompatibilityLevel {
  NONE,
  BACKWARD,
  BACKWARD_TRANSITIVE,
  FORWARD,
  FORWARD_TRANSITIVE,
  FULL,
  FULL_TRANSITIVE;

  /** Whether a new schema's readers must be able to read data written with earlier schemas. */
  public boolean checksBackward() {
    return this == BACKWARD
        || this == BACKWARD_TRANSITIVE
        || this == FULL
        || this == FULL_TRANSITIVE;
  }

  /** Whether readers of earlier schemas must be able to read data written with the new one. */
  public boolean checksForward() {
    return this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
  }

  /** Whether the check runs against every earlier version rather than only the latest. */
  public boolean transitive() {
    return name().endsWith("_TRANSITIVE");
  }
}
