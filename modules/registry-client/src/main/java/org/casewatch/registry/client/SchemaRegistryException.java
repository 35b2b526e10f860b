package org.casewatch.registry.client;

/**
 * A registry call failed. Carries the HTTP status and Confluent's error code where the registry
 * answered (both 0 when it could not be reached).
 */
public class SchemaRegistryException extends RuntimeException {

  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(String message, int httpStatus, int errorCode) {
    this(message, httpStatus, errorCode, null);
  }

  public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** The HTTP status the registry answered with; 0 if it did not answer. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent's error code, e.g. 40401 for "subject not found"; 0 if none was given. */
  public int errorCode() {
    return errorCode;
  }
}
