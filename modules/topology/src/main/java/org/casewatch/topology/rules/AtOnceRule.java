package org.casewatch.topology.rules;

import org.casewatch.model.RuleId;

/** A rule raised at once by an event (no deadline), with its id and version. */
abstract class AtOnceRule implements Rule {

  private final RuleId id;
  private final int version;

  AtOnceRule(final RuleId id, final int version) {
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
