package org.casewatch.registry.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.casewatch.registry.client.CompatibilityLevel;

/**
 * The registry's rules, independent of HTTP: global ids, one id per distinct schema, versions per
 * subject, compatibility levels. Writes go through the Kafka log; reads come from the state the log
 * folds into.
 */
final class SchemaRegistryService {

  /** A write that lost a race with another instance is retried this many times. */
  private static final int MAX_WRITE_ATTEMPTS = 5;

  private final RegistryState state;
  private final KafkaSchemaLog log;

  /**
   * Held while a new registration is checked and written: this instance writes one at a time (the
   * log's order decides between instances).
   */
  private final ReentrantLock writes = new ReentrantLock();

  private final SchemaLogCodec codec;

  SchemaRegistryService(
      final RegistryState state, final KafkaSchemaLog log, final SchemaLogCodec codec) {
    this.state = state;
    this.log = log;
    this.codec = codec;
  }

  /**
   * Registers {@code schemaText} under {@code subject}, or returns the id it already has there.
   *
   * <p>A registration this instance already knows is answered from memory: registrations are never
   * deleted, so it cannot be stale, and a schema that is registered needs no Kafka. A new one is
   * written under a lock, within the log's timeout from the request's arrival, the wait for the
   * lock included: while Kafka is slow, requests whose clients have given up do not queue behind
   * each other and hold the registry long after Kafka is back.
   */
  int register(final String subject, final String schemaText) {
    final Schema schema = parse(schemaText);
    final String canonical = schema.toString();
    final String fingerprint = fingerprint(canonical);
    final var known = state.find(subject, fingerprint);
    if (known.isPresent()) {
      return known.get().id();
    }
    final long deadline = log.deadline();
    lockWithin(deadline);
    try {
      return registerLocked(subject, schema, canonical, fingerprint, deadline);
    } finally {
      writes.unlock();
    }
  }

  private void lockWithin(final long deadline) {
    try {
      if (!writes.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw RegistryError.storeTimeout(
            "Other registrations held the schema log for the whole "
                + log.timeout()
                + " this request may wait (is Kafka slow, or a partition leader moving?). Try"
                + " again.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryError.storeError("Interrupted while waiting to register a schema");
    }
  }

  private int registerLocked(
      final String subject,
      final Schema schema,
      final String canonical,
      final String fingerprint,
      final long deadline) {
    for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      log.catchUp(deadline);
      final var existing = state.find(subject, fingerprint);
      if (existing.isPresent()) {
        return existing.get().id();
      }
      requireCompatible(subject, schema);
      final List<SchemaVersion> versions = state.versions(subject);
      final int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
      final int id = state.idOf(fingerprint).orElseGet(state::nextId);
      final SchemaVersion candidate =
          new SchemaVersion(subject, version, id, canonical, fingerprint);
      log.append(codec.schemaKey(candidate), codec.schemaValue(candidate), deadline);
      final var registered = state.find(subject, fingerprint);
      if (registered.isPresent()) {
        return registered.get().id();
      }
    }
    throw RegistryError.storeError(
        "Could not register a schema under subject '"
            + subject
            + "': other registry instances kept "
            + "registering at the same time. Try again.");
  }

  /** The version of {@code subject} that holds {@code schemaText}. */
  SchemaVersion lookup(final String subject, final String schemaText) {
    final Schema schema = parse(schemaText);
    requireSubject(subject);
    final String fingerprint = fingerprint(schema.toString());
    return afterCatchingUpIfMissing(() -> state.find(subject, fingerprint))
        .orElseThrow(() -> RegistryError.schemaNotFound("Schema not found"));
  }

  SchemaVersion byId(final int id) {
    return afterCatchingUpIfMissing(() -> state.byId(id))
        .orElseThrow(() -> RegistryError.schemaNotFound("Schema " + id + " not found"));
  }

  List<String> subjects() {
    return state.subjects();
  }

  List<Integer> versions(final String subject) {
    requireSubject(subject);
    return state.versions(subject).stream().map(SchemaVersion::version).toList();
  }

  /** One version of a subject; {@code version} is a number or {@code latest}. */
  SchemaVersion version(final String subject, final String version) {
    requireSubject(subject);
    final List<SchemaVersion> versions = state.versions(subject);
    if ("latest".equals(version)) {
      return versions.get(versions.size() - 1);
    }
    final int number = parseVersion(version);
    return versions.stream()
        .filter(v -> v.version() == number)
        .findFirst()
        .orElseThrow(() -> RegistryError.versionNotFound(subject, version));
  }

  /** Why {@code schemaText} may not follow {@code version} of {@code subject}; empty if it may. */
  List<String> compatibilityViolations(
      final String subject, final String version, final String schemaText) {
    final Schema candidate = parse(schemaText);
    final SchemaVersion against = version(subject, version);
    final CompatibilityLevel level = state.effectiveLevel(subject);
    final List<Schema> existing =
        level.transitive()
            ? state.versions(subject).stream()
                .filter(v -> v.version() <= against.version())
                .map(v -> new Schema.Parser().parse(v.schema()))
                .toList()
            : List.of(new Schema.Parser().parse(against.schema()));
    return Compatibility.violations(level, candidate, existing);
  }

  CompatibilityLevel globalLevel() {
    return state.globalLevel();
  }

  /** The subject's own level; with {@code defaultToGlobal}, the global level when it has none. */
  CompatibilityLevel subjectLevel(final String subject, final boolean defaultToGlobal) {
    return state
        .subjectLevel(subject)
        .or(() -> defaultToGlobal ? Optional.of(state.globalLevel()) : Optional.empty())
        .orElseThrow(() -> RegistryError.noSubjectLevelCompatibility(subject));
  }

  /** Sets the level of {@code subject}, or the global level when {@code subject} is null. */
  void setLevel(final String subject, final CompatibilityLevel level) {
    log.append(codec.configKey(subject), codec.configValue(level));
  }

  private void requireCompatible(final String subject, final Schema schema) {
    final List<Schema> existing =
        state.versions(subject).stream().map(v -> new Schema.Parser().parse(v.schema())).toList();
    final CompatibilityLevel level = state.effectiveLevel(subject);
    final List<String> violations = Compatibility.violations(level, schema, existing);
    if (!violations.isEmpty()) {
      throw RegistryError.incompatible(
          "Schema being registered is incompatible with an earlier schema for subject \""
              + subject
              + "\" (compatibility "
              + level
              + "), details: "
              + violations);
    }
  }

  private void requireSubject(final String subject) {
    if (afterCatchingUpIfMissing(() -> Optional.of(subject).filter(state::hasSubject)).isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
  }

  /**
   * Another instance may have registered what is asked for a moment ago: before answering "not
   * found", read the log to its end once and look again.
   */
  private <T> Optional<T> afterCatchingUpIfMissing(final Supplier<Optional<T>> lookup) {
    final Optional<T> found = lookup.get();
    if (found.isPresent()) {
      return found;
    }
    log.catchUp();
    return lookup.get();
  }

  private static int parseVersion(final String version) {
    try {
      final int number = Integer.parseInt(version);
      if (number < 1) {
        throw RegistryError.invalidVersion(version);
      }
      return number;
    } catch (NumberFormatException e) {
      throw RegistryError.invalidVersion(version);
    }
  }

  static Schema parse(final String schemaText) {
    if (schemaText == null || schemaText.isBlank()) {
      throw RegistryError.invalidSchema("the request has no schema");
    }
    try {
      return new Schema.Parser().parse(schemaText);
    } catch (SchemaParseException e) {
      throw RegistryError.invalidSchema(e.getMessage());
    } catch (RuntimeException e) {
      throw RegistryError.invalidSchema(e.toString());
    }
  }

  static String fingerprint(final String canonicalSchema) {
    try {
      final byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonicalSchema.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
