package org.casewatch.topology.deadletters;

import org.casewatch.model.CaseEvent;

/** The outcome of decoding one input record: a valid event, or a dead letter. */
public sealed interface Decoded {

  record Valid(CaseEvent event) implements Decoded {}

  record Refused(DeadLetter deadLetter) implements Decoded {}
}
