package org.casewatch.topology.cases;

import org.casewatch.model.Alert;
import org.casewatch.model.CaseState;

/** What the case processor emits: a new case state, or an alert raised or resolved. */
public sealed interface CaseOutput {

  record StateChanged(CaseState state) implements CaseOutput {}

  record AlertChanged(Alert alert) implements CaseOutput {}
}
