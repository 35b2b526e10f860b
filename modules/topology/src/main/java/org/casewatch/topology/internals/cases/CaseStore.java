package org.casewatch.topology.internals.cases;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;

/**
 * Where the case tracker keeps its state: events, alerts and bookkeeping per case; the time-ordered
 * index of when each case must be looked at again; and a clock per country. Kafka Streams state
 * stores in the topology (each case one entry, written once the tracker is done with it), plain
 * maps in a replay and in tests.
 */
public interface CaseStore extends CaseReader {

  /** The stored event of the case with {@code eventId}, if any. */
  Optional<CaseEvent> event(String caseId, String eventId);

  /**
   * Stores the event; {@code caseCoalition} is the case's coalition, which the event need not
   * repeat, or null when the case's record is not stored yet, so the event keeps its own.
   */
  void putEvent(CaseEvent event, Instant arrivedAt, String caseCoalition);

  void putAlert(String caseId, String alertId, AlertMark mark);

  void putRecord(String caseId, CaseRecord record);

  /** The country's clock: the latest event time it has seen, in REPLAY. */
  Optional<Instant> clock(Country country);

  void putClock(Country country, Instant at);

  /** The arrival clock: the latest arrival (record timestamp) seen, in REPLAY. */
  Optional<Instant> arrivalClock();

  void putArrivalClock(Instant at);

  /**
   * How far the cases that settled have been judged: every settling entry at or before it was
   * handed out and judged. A judgement that changed nothing leaves the case's record as it was, its
   * settling entry with it; that entry is not queued again when a task starts.
   */
  Optional<Instant> settledThrough();

  void putSettledThrough(Instant at);

  /**
   * The cases whose record names a settling time after {@code after} and at or before {@code
   * through}. It reads every record: for the rare task whose {@link #settledThrough} is ahead of
   * its wall clock.
   */
  List<String> settlingBetween(Instant after, Instant through);

  /**
   * Writes out what the tracker changed and has not written yet: called at the end of each of its
   * steps (an event, a punctuation, an action), whether the step succeeded or failed part-way.
   */
  void writeOut();

  /**
   * Runs {@code told} once what was put for the case so far is written: at once where every put is
   * written as it is made, else when the case is written out; never if that write fails. What the
   * tracker tells others of a case (its figures' change) must not run ahead of the case itself.
   */
  void whenWritten(String caseId, Runnable told);

  void addDue(Country country, Instant due, String caseId);

  void removeDue(Country country, Instant due, String caseId);

  /**
   * The distinct cases of {@code country} with a deadline entry at or before {@code now}, earliest
   * first.
   */
  List<String> dueBy(Country country, Instant now);

  void addSettling(Instant settleAt, String caseId);

  void removeSettling(Instant settleAt, String caseId);

  /** The distinct cases that have settled by {@code now}, earliest first. */
  List<String> settledBy(Instant now);

  /** The distinct cases queued to settle after {@code after}, earliest first (the queue only). */
  List<String> settlingAfter(Instant after);
}
