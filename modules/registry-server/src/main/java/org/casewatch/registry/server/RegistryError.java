package org.casewatch.registry.server;

/**
 * A request the registry refuses, with the HTTP status and Confluent's error code that Confluent
 * Schema Registry would answer with, so clients written for it behave the same here.
 */
final class RegistryError extends RuntimeException {

  static final int SUBJECT_NOT_FOUND = 40401;
  static final int VERSION_NOT_FOUND = 40402;
  static final int SCHEMA_NOT_FOUND = 40403;
  static final int SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED = 40408;
  static final int INCOMPATIBLE_SCHEMA = 409;
  static final int INVALID_SCHEMA = 42201;
  static final int INVALID_VERSION = 42202;
  static final int INVALID_COMPATIBILITY_LEVEL = 42203;
  static final int STORE_ERROR = 50001;
  static final int STORE_TIMEOUT = 50002;

  private final int status;
  private final int errorCode;

  private RegistryError(final int status, final int errorCode, final String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  int status() {
    return status;
  }

  int errorCode() {
    return errorCode;
  }

  static RegistryError subjectNotFound(final String subject) {
    return new RegistryError(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
  }

  static RegistryError versionNotFound(final String subject, final Object version) {
    return new RegistryError(
        404, VERSION_NOT_FOUND, "Version " + version + " not found for subject '" + subject + "'.");
  }

  static RegistryError schemaNotFound(final String what) {
    return new RegistryError(404, SCHEMA_NOT_FOUND, what);
  }

  static RegistryError noSubjectLevelCompatibility(final String subject) {
    return new RegistryError(
        404,
        SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED,
        "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  static RegistryError incompatible(final String message) {
    return new RegistryError(409, INCOMPATIBLE_SCHEMA, message);
  }

  static RegistryError invalidSchema(final String message) {
    return new RegistryError(422, INVALID_SCHEMA, "Invalid schema: " + message);
  }

  static RegistryError invalidVersion(final String version) {
    return new RegistryError(
        422,
        INVALID_VERSION,
        "The specified version '"
            + version
            + "' is not a valid version id. "
            + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
  }

  static RegistryError invalidCompatibilityLevel(final String level) {
    return new RegistryError(
        422,
        INVALID_COMPATIBILITY_LEVEL,
        "Invalid compatibility level '"
            + level
            + "'. Valid values are NONE, BACKWARD, "
            + "BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE");
  }

  static RegistryError badRequest(final String message) {
    return new RegistryError(400, 400, message);
  }

  static RegistryError storeTimeout(final String message) {
    return new RegistryError(500, STORE_TIMEOUT, message);
  }

  static RegistryError storeError(final String message) {
    return new RegistryError(500, STORE_ERROR, message);
  }
}
