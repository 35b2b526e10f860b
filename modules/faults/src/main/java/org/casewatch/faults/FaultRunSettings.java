package org.casewatch.faults;

import java.time.Duration;
import java.util.List;

/**
 * How big a fault run is and what it does.
 *
 * @param events about this many events (whole cases)
 * @param brokers Kafka nodes, 1 or 3
 * @param instances service instances, 1 or 2
 * @param eventsPerSecond the pace of ingest while faults are injected (full speed after the last
 *     one)
 * @param batchSize events per request to the gateway
 * @param sessionTimeout how long the other instances wait for one that vanished
 * @param processingGuarantee the service's {@code casewatch.processing.guarantee}
 * @param faults the faults, in order
 * @param gapBetweenFaults on average between the recovery of one fault and the next (half to one
 *     and a half of it)
 * @param settleTimeout how long after ingest the figures may take to reach the truth
 * @param stackTracesAllowed how often one stack trace may appear in one process's log, per fault
 *     injected (a fault explains a few: a broker's fetcher retrying a dead peer, a task restoring
 *     after a crash), before it counts as repeated: a loop
 */
public record FaultRunSettings(
    int events,
    long seed,
    int brokers,
    int instances,
    double eventsPerSecond,
    int batchSize,
    Duration sessionTimeout,
    String processingGuarantee,
    List<Fault> faults,
    Duration gapBetweenFaults,
    Duration settleTimeout,
    int stackTracesAllowed) {

  public FaultRunSettings {
    faults = List.copyOf(faults);
  }
}
