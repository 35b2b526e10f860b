package org.casewatch.registry.client;

/** The subject does not exist (Confluent error 40401). */
public class SubjectNotFoundException extends SchemaRegistryException {

  public SubjectNotFoundException(String message, int errorCode) {
    super(message, 404, errorCode);
  }
}
