package org.casewatch.registry.client;

/** The registry refused the schema as malformed (HTTP 422, Confluent error 42201). */
public class InvalidSchemaException extends SchemaRegistryException {

  public InvalidSchemaException(String message, int errorCode) {
    super(message, 422, errorCode);
  }
}
