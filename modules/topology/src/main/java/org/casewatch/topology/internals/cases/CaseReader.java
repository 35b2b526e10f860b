package org.casewatch.topology.internals.cases;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;

/** What the case tracker and its readers (the query API) read of a case's stored state. */
public interface CaseReader {

  /**
   * Every event stored for the case, retractions and retracted events included, in no particular
   * order. It may be a read-only view of what the store holds (the in-memory store's is): read or
   * copy it before putting another event of the case.
   */
  List<CaseEvent> events(String caseId);

  /**
   * The last transition of each of the case's alerts, by alertId. Like {@link #events}, it may be a
   * read-only view: copy it before putting another mark of the case.
   */
  Map<String, AlertMark> alerts(String caseId);

  Optional<CaseRecord> record(String caseId);
}
