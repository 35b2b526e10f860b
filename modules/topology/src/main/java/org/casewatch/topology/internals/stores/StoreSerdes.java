package org.casewatch.topology.internals.stores;

import org.apache.kafka.common.serialization.Serde;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.model.internal.StoredEvent;

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
}
