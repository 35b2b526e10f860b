package org.casewatch.publisher;

import java.util.List;
import java.util.stream.Collectors;
import org.casewatch.model.CaseEventValidator.Violation;

/**
 * The event breaks the contract; nothing was sent. {@link #violations()} says which fields and
 * rules.
 */
public final class InvalidCaseEventException extends IllegalArgumentException {

  private final List<Violation> violations;

  InvalidCaseEventException(final String eventId, final List<Violation> violations) {
    super(
        "Event "
            + eventId
            + " was not sent: "
            + violations.stream()
                .map(v -> v.field() + " (" + v.rule() + "): " + v.message())
                .collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
