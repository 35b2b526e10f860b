package org.casewatch.topology;

import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;

/**
 * One specification scenario in either clock mode: events given up to the start, time passing to a
 * date (another case's event in REPLAY, the wall clock in LIVE), and evidence arriving late (at the
 * wall clock in LIVE, as a coalition sends it that day).
 */
final class Scenario implements AutoCloseable {

  private final CasewatchDriver casewatch;
  private final ClockMode mode;
  private Instant now;
  private int clockCases;

  private Scenario(final ClockMode mode, final Instant start) {
    this.mode = mode;
    this.now = start;
    this.casewatch = ComplaintPathSpec.driver(mode, start);
  }

  /** A scenario whose wall clock (LIVE) starts at midnight UTC of {@code date}. */
  static Scenario startingOn(final ClockMode mode, final String date) {
    return new Scenario(mode, on(date));
  }

  /** Events that happened, and arrived, by the start. */
  Scenario given(final CaseEvent... events) {
    casewatch.publish(events);
    return this;
  }

  /** Moves the clock of {@code country} to midnight UTC of {@code date}. */
  Scenario clockTo(final Country country, final String date) {
    final Instant target = on(date);
    if (mode == ClockMode.REPLAY) {
      casewatch.publish(
          aCase(country.name() + "-2016-" + (9900 + clockCases++)).registered(target));
    } else {
      casewatch.advanceWallClock(Duration.between(now, target));
      now = target;
    }
    return this;
  }

  /** Evidence sent late: events that happened earlier, arriving now. */
  Scenario late(final CaseEvent... events) {
    if (mode == ClockMode.REPLAY) {
      casewatch.publish(events);
    } else {
      casewatch.publishArriving(now, events);
      casewatch.advanceWallClock(Duration.ofMinutes(1));
      now = now.plus(Duration.ofMinutes(1));
    }
    return this;
  }

  List<Alert> alerts(final RuleId rule) {
    return casewatch.alerts(rule);
  }

  List<Alert> alerts(final RuleId rule, final AlertStatus status) {
    return casewatch.alerts(rule, status);
  }

  CaseState caseState(final String caseId) {
    return casewatch.caseState(caseId);
  }

  CasewatchDriver driver() {
    return casewatch;
  }

  @Override
  public void close() {
    casewatch.close();
  }
}
