package org.casewatch.registry.client;

/**
 * No schema with that id, or the schema is not registered under the subject (Confluent error
 * 40403).
 */
public class SchemaNotFoundException extends SchemaRegistryException {

  public SchemaNotFoundException(String message, int errorCode) {
    super(message, 404, errorCode);
  }
}
