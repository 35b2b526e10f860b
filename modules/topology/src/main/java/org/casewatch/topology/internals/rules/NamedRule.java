package org.casewatch.topology.internals.rules;

import org.casewatch.model.RuleId;

/** A rule with its id and version: the rules raised at once by an event, and the deadline rules. */
abstract class NamedRule implements Rule {

  private final RuleId id;
  private final int version;

  NamedRule(final RuleId id, final int version) {
    this.id = id;
    this.version = version;
  }

  @Override
  public RuleId id() {
    return id;
  }

  @Override
  public int version() {
    return version;
  }
}
