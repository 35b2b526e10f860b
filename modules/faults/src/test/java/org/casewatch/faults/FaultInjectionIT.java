package org.casewatch.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.INTEGER;
import static org.assertj.core.api.InstanceOfAssertFactories.LONG;

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

  private static final String BROKEN = "at-least-once without deduplication";

  @Test
  void nothingAcknowledgedIsLostOrCountedTwiceThroughKillsAndOutages() throws Exception {
    final FaultRunSettings settings =
        new FaultRunSettings(
            1_500,
            14,
            3,
            2,
            14,
            10,
            Duration.ofSeconds(10),
            "exactly_once_v2",
            // The registry early, while events surely go in; the broker kill keeps its node down 20
            // s, or until new cases are counted without it (up to about 70 s).
            List.of(
                new Fault.ServiceKill(0),
                new Fault.GatewayKill(2),
                new Fault.RegistryDown(Duration.ofSeconds(10)),
                new Fault.BrokerKill(1, Duration.ofSeconds(20)),
                new Fault.ClusterKill(Duration.ofSeconds(2)),
                new Fault.Takeover(1)),
            Duration.ofMillis(300),
            Duration.ofMinutes(2),
            10);
    final FaultReport report =
        new FaultRun(settings, Path.of("target", "faults", "short-run"))
            .withVariant(BROKEN, new AtLeastOnceWithoutDeduplication())
            .run();
    System.out.println(report.summary());

    assertThat(report.duplicatesInTopics())
        .as("copies the redelivery put in the topics")
        .isPositive();
    assertThat(report.lost()).as("acknowledged events missing from the topics").isEmpty();
    assertThat(report.deadLetters()).as("good events dead-lettered").isZero();
    assertThat(report.caseDifferences())
        .as("cases whose events, complaints or reprisals differ from the truth")
        .isEmpty();
    assertThat(report.recoveries())
        .as("faults, each while events were still going in")
        .hasSize(6)
        .allSatisfy(fault -> assertThat(fault.acknowledgedBefore()).isLessThan(report.events()));
    assertThat(report.answersUnavailable())
        .as("503s from a gateway that started without the registry")
        .isPositive();
    assertThat(report.gatewayReadinessWhileRegistryDown())
        .as("the /health/ready of a gateway started without the registry")
        .containsExactly(503);
    assertThat(report.answersWithoutRetryAfter())
        .as("503s and 429s that did not say when to come back")
        .isZero();
    assertThat(report.figures().countsLost()).as("cases lost from the figures").isZero();
    assertThat(report.figures().countsDoubled()).as("cases counted twice").isZero();
    assertThat(report.figures().differences()).as("figures that differ from the truth").isEmpty();
    assertThat(report.alertDifferences()).as("alerts that differ from a replay").isEmpty();
    assertThat(report.alertsLive()).as("alerts raised").isPositive();
    // One node of three down: writes go on (acks=all, 2 in sync of 3), and so does processing, once
    // its leaders moved.
    assertThat(report.acknowledgedWhileBrokerDown())
        .as("events acknowledged while a broker was down")
        .singleElement(INTEGER)
        .isPositive();
    assertThat(report.casesCountedWhileBrokerDown())
        .as("new cases counted while a broker was down")
        .singleElement(LONG)
        .isPositive();
    assertThat(report.repeatedStackTraces())
        .as("stack traces repeated in a process's log")
        .isEmpty();
    assertThat(report.slowestRecovery())
        .as("slowest recovery")
        .isLessThanOrEqualTo(READY_AGAIN_WITHIN);
    assertThat(report.exact()).isTrue();

    // The same checks catch a broken pipeline: counting at least once without deduplication.
    assertThat(report.variants().get(BROKEN).countsDoubled())
        .as("cases the broken variant counts twice")
        .isPositive();
    assertThat(report.variants().get(BROKEN).exact()).isFalse();
  }
}
