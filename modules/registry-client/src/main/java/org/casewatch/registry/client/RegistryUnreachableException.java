package org.casewatch.registry.client;

/**
 * The registry could not be reached, timed out, or kept failing with 5xx after the configured
 * retries. Check the URL and that the registry is running; the call may succeed later.
 */
public class RegistryUnreachableException extends SchemaRegistryException {

  public RegistryUnreachableException(String message, int httpStatus, Throwable cause) {
    super(message, httpStatus, 0, cause);
  }
}
