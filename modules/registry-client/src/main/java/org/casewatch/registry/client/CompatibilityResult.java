package org.casewatch.registry.client;

import java.util.List;

/** The answer to a compatibility check: whether the schema may be registered, and why not. */
public record CompatibilityResult(boolean compatible, List<String> messages) {

  public CompatibilityResult {
    messages = List.copyOf(messages);
  }
}
