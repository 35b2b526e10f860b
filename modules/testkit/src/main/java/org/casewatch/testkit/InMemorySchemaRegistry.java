package org.casewatch.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.casewatch.registry.client.CompatibilityLevel;
import org.casewatch.registry.client.CompatibilityResult;
import org.casewatch.registry.client.RegisteredSchema;
import org.casewatch.registry.client.RegistryUnreachableException;
import org.casewatch.registry.client.SchemaNotFoundException;
import org.casewatch.registry.client.SchemaRegistryClient;
import org.casewatch.registry.client.SubjectNotFoundException;
import org.casewatch.registry.client.VersionNotFoundException;

/**
 * A registry held in memory, for tests that run a topology in {@code TopologyTestDriver} and need
 * the real serde but no broker. Global ids, one per distinct schema; no compatibility checks.
 * Integration tests use the real embedded registry instead.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

  private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
  private final Map<Schema, Integer> idOf = new ConcurrentHashMap<>();
  private final Map<String, List<Schema>> subjects = new TreeMap<>();
  private CompatibilityLevel global = CompatibilityLevel.BACKWARD;
  private volatile boolean down;
  private final Map<String, CompatibilityLevel> levels = new ConcurrentHashMap<>();

  @Override
  public synchronized int register(final String subject, final Schema schema) {
    final int id =
        idOf.computeIfAbsent(
            schema,
            s -> {
              final int next = byId.size() + 1;
              byId.put(next, s);
              return next;
            });
    final List<Schema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.contains(schema)) {
      versions.add(schema);
    }
    return id;
  }

  @Override
  public synchronized RegisteredSchema lookup(final String subject, final Schema schema) {
    final List<Schema> versions = versionsOf(subject);
    final int index = versions.indexOf(schema);
    if (index < 0) {
      throw new SchemaNotFoundException("Schema not found under " + subject, 40403);
    }
    return new RegisteredSchema(subject, index + 1, idOf.get(schema), schema);
  }

  /** While down, lookups by id fail as an unreachable registry's would. */
  public void setDown(final boolean isDown) {
    this.down = isDown;
  }

  @Override
  public Schema schemaById(final int id) {
    if (down) {
      throw new RegistryUnreachableException("in-memory registry is down (test)", 0, null);
    }
    final Schema schema = byId.get(id);
    if (schema == null) {
      throw new SchemaNotFoundException("Schema " + id + " not found", 40403);
    }
    return schema;
  }

  @Override
  public synchronized List<String> subjects() {
    return List.copyOf(subjects.keySet());
  }

  @Override
  public synchronized List<Integer> versions(final String subject) {
    final List<Integer> numbers = new ArrayList<>();
    for (int version = 1; version <= versionsOf(subject).size(); version++) {
      numbers.add(version);
    }
    return numbers;
  }

  @Override
  public synchronized RegisteredSchema version(final String subject, final int version) {
    final List<Schema> versions = versionsOf(subject);
    if (version < 1 || version > versions.size()) {
      throw new VersionNotFoundException(
          "Version " + version + " not found under " + subject, 40402);
    }
    final Schema schema = versions.get(version - 1);
    return new RegisteredSchema(subject, version, idOf.get(schema), schema);
  }

  @Override
  public synchronized RegisteredSchema latest(final String subject) {
    return version(subject, versionsOf(subject).size());
  }

  @Override
  public CompatibilityResult testCompatibility(final String subject, final Schema schema) {
    return new CompatibilityResult(true, List.of());
  }

  @Override
  public CompatibilityLevel globalCompatibility() {
    return global;
  }

  @Override
  public void setGlobalCompatibility(final CompatibilityLevel level) {
    this.global = level;
  }

  @Override
  public CompatibilityLevel subjectCompatibility(final String subject) {
    return levels.getOrDefault(subject, global);
  }

  @Override
  public void setSubjectCompatibility(final String subject, final CompatibilityLevel level) {
    levels.put(subject, level);
  }

  private List<Schema> versionsOf(final String subject) {
    final List<Schema> versions = subjects.get(subject);
    if (versions == null) {
      throw new SubjectNotFoundException("Subject '" + subject + "' not found.", 40401);
    }
    return versions;
  }
}
