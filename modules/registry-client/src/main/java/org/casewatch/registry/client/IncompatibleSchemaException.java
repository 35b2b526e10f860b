package org.casewatch.registry.client;

import java.util.List;

/**
 * The registry refused a schema because it breaks the subject's compatibility level (HTTP 409).
 * {@link #reasons()} holds the registry's own explanations where it gave them.
 */
public class IncompatibleSchemaException extends SchemaRegistryException {

  private final List<String> reasons;

  public IncompatibleSchemaException(String message, List<String> reasons) {
    super(message, 409, 409);
    this.reasons = List.copyOf(reasons);
  }

  public List<String> reasons() {
    return reasons;
  }
}
