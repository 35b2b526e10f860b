package org.casewatch.topology.internals.cases;

import java.util.ArrayList;
import org.casewatch.model.internal.CaseRecord;

/** Copies of a case's record for the tracker, which changes the records it is given. */
final class CaseRecords {

  private CaseRecords() {}

  /**
   * A copy of the record's bookkeeping the caller may change freely, without its events and marks
   * (the store keeps those apart while the tracker works on the case): what a store's serde round
   * trip gives, without Avro's deep copy.
   */
  static CaseRecord copyOf(final CaseRecord record) {
    return new CaseRecord(
        record.getCoalition(),
        record.getEventCount(),
        new ArrayList<>(record.getIndexedDues()),
        record.getJudgedThrough(),
        record.getLastArrival(),
        record.getSettleAt(),
        record.getTooLarge(),
        // Never written to in place: the tracker sets a new buffer.
        record.getContribution(),
        record.getStoredBytes(),
        null,
        null);
  }
}
