package org.casewatch.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.AlertTriage;
import org.casewatch.model.TriageState;

/**
 * How long alerts waited for coordinators, per rule and country, in {@code /metrics}: from the
 * alert's time ({@code at}: the deadline it missed, or when its triggering event occurred) to its
 * first acknowledgement ({@code casewatch_alert_time_to_acknowledge_seconds}) and to its closing
 * ({@code casewatch_alert_time_to_close_seconds}). Each instance counts the actions it accepted, so
 * sum the instances; raised alerts only (acting on a resolved one measures nothing).
 */
final class TriageMetrics {

  /** The buckets: an hour, a day, three days, a week, a month, a quarter, a year (and beyond). */
  private static final Duration[] BUCKETS = {
    Duration.ofHours(1),
    Duration.ofDays(1),
    Duration.ofDays(3),
    Duration.ofDays(7),
    Duration.ofDays(30),
    Duration.ofDays(91),
    Duration.ofDays(365)
  };

  private final MeterRegistry registry;

  TriageMetrics(final MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Records what an accepted action did to {@code alert}'s triage ({@code before} null: none yet).
   */
  void accepted(final Alert alert, final AlertTriage before, final AlertTriage after) {
    if (alert.getStatus() != AlertStatus.RAISED) {
      return;
    }
    if ((before == null || before.getAcknowledgedAt() == null)
        && after.getAcknowledgedAt() != null) {
      timer(
              "casewatch.alert.time.to.acknowledge",
              "From an alert's time to its first acknowledgement",
              alert)
          .record(waited(alert.getAt(), after.getAcknowledgedAt()));
    }
    final boolean closedNow =
        after.getState() == TriageState.CLOSED
            && (before == null || before.getState() != TriageState.CLOSED);
    if (closedNow) {
      timer(
              "casewatch.alert.time.to.close",
              "From an alert's time to its closing by a coordinator",
              alert)
          .record(waited(alert.getAt(), after.getClosedAt()));
    }
  }

  private Timer timer(final String name, final String description, final Alert alert) {
    return Timer.builder(name)
        .description(description)
        .tag("rule", alert.getRule().name())
        .tag("country", alert.getCountry().name())
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
  }

  /** Never negative: an alert dated after the action (a clock apart) waited nothing. */
  private static Duration waited(final Instant from, final Instant to) {
    final Duration waited = Duration.between(from, to);
    return waited.isNegative() ? Duration.ZERO : waited;
  }
}
