package org.casewatch.topology.internals.stores;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.model.internal.StoredEvent;
import org.casewatch.topology.country.Contribution;

/** Serdes of the case processor's stores: not contract topics, so no registry. */
public final class StoreSerdes {

  private StoreSerdes() {}

  public static Serde<StoredEvent> storedEvent() {
    return StoreSerde.of(StoredEvent.class);
  }

  public static Serde<AlertMark> alertMark() {
    return StoreSerde.of(AlertMark.class);
  }

  public static Serde<CaseRecord> caseRecord() {
    return StoreSerde.of(CaseRecord.class);
  }

  /**
   * Changes of a country's figures, in their own compact bytes: in the case processor's store of
   * changes not sent yet, and on their way to the country's figures.
   */
  public static Serde<Contribution> contribution() {
    return Serdes.serdeFrom(
        (topic, change) -> change == null ? null : change.toBytes(),
        (topic, bytes) -> bytes == null ? null : Contribution.fromBytes(bytes));
  }
}
