package org.casewatch.registry.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.casewatch.registry.client.CompatibilityLevel;

/**
 * What the {@code _schemas} log says, folded in log order. Every instance reading the same log
 * folds the same state: when two instances race to register, the record earlier in the log wins and
 * the later one is ignored everywhere.
 */
final class RegistryState {

  private final Map<Integer, SchemaVersion> byId = new HashMap<>();
  private final Map<String, Integer> idByFingerprint = new HashMap<>();
  private final Map<String, TreeMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel;
  private int maxId;

  RegistryState(final CompatibilityLevel defaultLevel) {
    this.globalLevel = defaultLevel;
  }

  synchronized void apply(final SchemaLogCodec.Entry entry) {
    if (entry instanceof SchemaLogCodec.SchemaEntry schema) {
      applySchema(schema.version());
    } else if (entry instanceof SchemaLogCodec.ConfigEntry config) {
      applyConfig(config);
    }
  }

  private void applySchema(final SchemaVersion candidate) {
    final Integer idOfSameSchema = idByFingerprint.get(candidate.fingerprint());
    final SchemaVersion holderOfId = byId.get(candidate.id());
    final boolean idTakenByAnother =
        holderOfId != null && !holderOfId.fingerprint().equals(candidate.fingerprint());
    final boolean schemaHasOtherId = idOfSameSchema != null && idOfSameSchema != candidate.id();
    final TreeMap<Integer, SchemaVersion> versions = subjects.get(candidate.subject());
    final boolean versionTaken = versions != null && versions.containsKey(candidate.version());
    final boolean alreadyInSubject = find(candidate.subject(), candidate.fingerprint()).isPresent();
    if (idTakenByAnother || schemaHasOtherId || versionTaken || alreadyInSubject) {
      return;
    }
    byId.putIfAbsent(candidate.id(), candidate);
    idByFingerprint.put(candidate.fingerprint(), candidate.id());
    subjects
        .computeIfAbsent(candidate.subject(), subject -> new TreeMap<>())
        .put(candidate.version(), candidate);
    maxId = Math.max(maxId, candidate.id());
  }

  private void applyConfig(final SchemaLogCodec.ConfigEntry config) {
    if (config.subject() == null) {
      config.level().ifPresent(level -> globalLevel = level);
    } else if (config.level().isPresent()) {
      subjectLevels.put(config.subject(), config.level().get());
    } else {
      subjectLevels.remove(config.subject());
    }
  }

  synchronized Optional<SchemaVersion> byId(final int id) {
    return Optional.ofNullable(byId.get(id));
  }

  synchronized Optional<Integer> idOf(final String fingerprint) {
    return Optional.ofNullable(idByFingerprint.get(fingerprint));
  }

  synchronized int nextId() {
    return maxId + 1;
  }

  synchronized List<String> subjects() {
    return List.copyOf(subjects.keySet());
  }

  synchronized boolean hasSubject(final String subject) {
    return subjects.containsKey(subject);
  }

  /** The versions of {@code subject}, oldest first; empty if it has none. */
  synchronized List<SchemaVersion> versions(final String subject) {
    final TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
    return versions == null ? List.of() : new ArrayList<>(versions.values());
  }

  synchronized Optional<SchemaVersion> find(final String subject, final String fingerprint) {
    return versions(subject).stream().filter(v -> v.fingerprint().equals(fingerprint)).findFirst();
  }

  synchronized CompatibilityLevel globalLevel() {
    return globalLevel;
  }

  synchronized Optional<CompatibilityLevel> subjectLevel(final String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  /** The level that governs {@code subject}: its own, or the global one. */
  synchronized CompatibilityLevel effectiveLevel(final String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }
}
