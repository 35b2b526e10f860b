package org.casewatch.json;

import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.CompensationPaid;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.ComplaintWithdrawn;
import org.casewatch.model.CustodyChanged;
import org.casewatch.model.DecisionAnnulled;
import org.casewatch.model.DecisionAppealed;
import org.casewatch.model.EventRetracted;
import org.casewatch.model.ForensicExamination;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationResumed;
import org.casewatch.model.InvestigationSuspended;
import org.casewatch.model.ReprisalReported;
import org.casewatch.model.TermExtended;
import org.casewatch.model.UnCommunication;

/**
 * The {@code type} field of a JSON event: which of the contract's payloads it carries, one per
 * branch of CaseEvent's payload union, in the union's order: the payload's record name in capitals,
 * words joined by underscores. The first eight are contract v1; the rest came with v2.
 */
public enum EventType {
  CASE_REGISTERED(CaseRegistered.getClassSchema()),
  COMPLAINT_FILED(ComplaintFiled.getClassSchema()),
  INVESTIGATION_OPENED(InvestigationOpened.getClassSchema()),
  INVESTIGATION_CLOSED(InvestigationClosed.getClassSchema()),
  COMPENSATION_AWARDED(CompensationAwarded.getClassSchema()),
  REPRISAL_REPORTED(ReprisalReported.getClassSchema()),
  COMPLAINT_WITHDRAWN(ComplaintWithdrawn.getClassSchema()),
  EVENT_RETRACTED(EventRetracted.getClassSchema()),
  DECISION_APPEALED(DecisionAppealed.getClassSchema()),
  DECISION_ANNULLED(DecisionAnnulled.getClassSchema()),
  INVESTIGATION_SUSPENDED(InvestigationSuspended.getClassSchema()),
  INVESTIGATION_RESUMED(InvestigationResumed.getClassSchema()),
  TERM_EXTENDED(TermExtended.getClassSchema()),
  FORENSIC_EXAMINATION(ForensicExamination.getClassSchema()),
  CUSTODY_CHANGED(CustodyChanged.getClassSchema()),
  UN_COMMUNICATION(UnCommunication.getClassSchema()),
  COMPENSATION_PAID(CompensationPaid.getClassSchema());

  // The payload class's own static schema (SCHEMA$), shared JVM-wide already: no state of ours.
  @SuppressWarnings("ImmutableEnumChecker")
  private final Schema payloadSchema;

  EventType(final Schema payloadSchema) {
    this.payloadSchema = payloadSchema;
  }

  public Schema payloadSchema() {
    return payloadSchema;
  }

  public static Optional<EventType> named(final String name) {
    return Arrays.stream(values()).filter(type -> type.name().equals(name)).findFirst();
  }

  /** The type of a payload object, for turning events back into JSON. */
  public static EventType of(final Object payload) {
    final String name = ((GenericContainer) payload).getSchema().getFullName();
    return Arrays.stream(values())
        .filter(type -> type.payloadSchema.getFullName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a CaseEvent payload: " + name));
  }
}
