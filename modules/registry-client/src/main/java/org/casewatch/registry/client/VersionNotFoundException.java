package org.casewatch.registry.client;

/** The subject exists but not that version (Confluent error 40402). */
public class VersionNotFoundException extends SchemaRegistryException {

  public VersionNotFoundException(String message, int errorCode) {
    super(message, 404, errorCode);
  }
}
