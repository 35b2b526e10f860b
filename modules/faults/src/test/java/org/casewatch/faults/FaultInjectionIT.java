package org.casewatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short fault run of CI: three Kafka nodes, the registry, the gateway and two service
 * instances, each a process of its own, a few thousand events, and a few faults of each kind while
 * they go in. Exact: not one acknowledged event lost or counted twice.
 */
class FaultInjectionIT {

  /** The time each fault must be recovered from: every instance ready again. */
  static final Duration READY_AGAIN_WITHIN = Duration.ofSeconds(90);

  @Test
  void nothingAcknowledgedIsLostOrCountedTwiceThroughKillsAndOutages() throws Exception {
    final FaultRunSettings settings = new FaultRunSettings(2_000, 14, 3, 2, 25, 50, Duration.ofSeconds(10),
        "exactly_once_v2",
        List.of(new Fault.ServiceKill(0), new Fault.BrokerKill(1, Duration.ofSeconds(3)),
            new Fault.RegistryDown(Duration.ofSeconds(10)), new Fault.ServiceKill(1),
            new Fault.ClusterKill(Duration.ofSeconds(3)), new Fault.Takeover(0)),
        Duration.ofSeconds(4), Duration.ofMinutes(2), 50);
    final FaultReport report = new FaultRun(settings, Path.of("target", "faults", "short-run")).run();
    System.out.println(report.summary());

    assertThat(report.lost()).as("acknowledged events missing from the topics").isEmpty();
    assertThat(report.countsLost()).as("cases lost from the figures").isZero();
    assertThat(report.countsDoubled()).as("cases counted twice").isZero();
    assertThat(report.figureDifferences()).as("figures that differ from the truth").isEmpty();
    assertThat(report.alertDifferences()).as("alerts that differ from a replay").isEmpty();
    assertThat(report.alertsLive()).as("alerts raised").isPositive();
    assertThat(report.repeatedStackTraces()).as("stack traces repeated in a process's log").isEmpty();
    assertThat(report.slowestRecovery()).as("slowest recovery").isLessThanOrEqualTo(READY_AGAIN_WITHIN);
    assertThat(report.exact()).isTrue();
  }
}
