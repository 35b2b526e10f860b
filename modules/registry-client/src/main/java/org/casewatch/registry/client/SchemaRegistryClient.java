package org.casewatch.registry.client;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The subset of Confluent's Schema Registry REST API v1 that casewatch needs, so the serde and the
 * tools can talk to Confluent Schema Registry, Karapace, Apicurio's ccompat API or the embedded
 * registry alike.
 *
 * <p>Every method throws a {@link SchemaRegistryException} subtype that says what went wrong:
 * {@link SubjectNotFoundException}, {@link VersionNotFoundException}, {@link
 * SchemaNotFoundException}, {@link IncompatibleSchemaException}, {@link InvalidSchemaException} or
 * {@link RegistryUnreachableException}.
 */
public interface SchemaRegistryClient {

  /**
   * Registers {@code schema} under {@code subject} (or finds it there) and returns its global id.
   */
  int register(String subject, Schema schema);

  /** Finds {@code schema} among the versions of {@code subject} without registering it. */
  RegisteredSchema lookup(String subject, Schema schema);

  /** The schema with the given global id; schemas never change once registered. */
  Schema schemaById(int id);

  /** All subjects, in the registry's order. */
  List<String> subjects();

  /** The version numbers registered under {@code subject}, ascending. */
  List<Integer> versions(String subject);

  /** One version of a subject. */
  RegisteredSchema version(String subject, int version);

  /** The latest version of a subject (cached for a short, configurable time). */
  RegisteredSchema latest(String subject);

  /**
   * Whether {@code schema} could be registered under {@code subject}, with the registry's reasons.
   */
  CompatibilityResult testCompatibility(String subject, Schema schema);

  /** The registry-wide compatibility level. */
  CompatibilityLevel globalCompatibility();

  /** Sets the registry-wide compatibility level. */
  void setGlobalCompatibility(CompatibilityLevel level);

  /** The level that applies to {@code subject}: its own if set, otherwise the global one. */
  CompatibilityLevel subjectCompatibility(String subject);

  /** Sets the compatibility level of one subject. */
  void setSubjectCompatibility(String subject, CompatibilityLevel level);
}
