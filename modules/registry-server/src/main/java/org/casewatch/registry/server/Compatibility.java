package org.casewatch.registry.server;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.casewatch.registry.client.CompatibilityLevel;

/**
 * Decides whether a new schema may follow the existing versions of a subject under a compatibility
 * level, with Avro's own reader/writer resolution rules.
 */
final class Compatibility {

  private Compatibility() {}

  /**
   * Reasons why {@code candidate} breaks {@code level} against {@code existing} (oldest first);
   * empty when it may be registered.
   */
  static List<String> violations(
      final CompatibilityLevel level, final Schema candidate, final List<Schema> existing) {
    if (level == CompatibilityLevel.NONE || existing.isEmpty()) {
      return List.of();
    }
    final List<Schema> against =
        level.transitive() ? existing : List.of(existing.get(existing.size() - 1));
    final List<String> reasons = new ArrayList<>();
    for (final Schema previous : against) {
      if (level.checksBackward()) {
        reasons.addAll(describe("BACKWARD", candidate, previous));
      }
      if (level.checksForward()) {
        reasons.addAll(describe("FORWARD", previous, candidate));
      }
    }
    return reasons;
  }

  private static List<String> describe(
      final String direction, final Schema reader, final Schema writer) {
    final var result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
      return List.of();
    }
    final List<String> reasons = new ArrayList<>();
    for (final Incompatibility incompatibility : result.getIncompatibilities()) {
      reasons.add(
          "{errorType:'"
              + incompatibility.getType()
              + "', description:'"
              + direction
              + ": "
              + incompatibility.getMessage()
              + "', location:'"
              + incompatibility.getLocation()
              + "'}");
    }
    return reasons;
  }
}
