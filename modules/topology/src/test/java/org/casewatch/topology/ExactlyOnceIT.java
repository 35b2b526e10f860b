package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CountryStats;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.SyntheticHistory;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on a real broker: events written with the registry serde, processed under
 * exactly_once_v2 across partitions, read back committed. It must agree with the topology run in
 * the test driver on the same history.
 */
@WithCasewatchKafka
class ExactlyOnceIT {

  private static final List<CaseEvent> HISTORY = SyntheticHistory.generate(7, 20, on("2016-01-01"));

  private final CasewatchCluster cluster;

  ExactlyOnceIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void aHistoryFlowsThroughExactlyOnceAndAgreesWithTheDriver() {
    final Map<String, CountryStats> expectedStats;
    final List<String> expectedAlerts;
    try (CasewatchDriver driver = CasewatchDriver.live(Instant.now())) {
      driver.publish(HISTORY);
      // Once the backlog is in, the live check judges what is left against today's date.
      driver.advanceWallClock(Duration.ofMinutes(1));
      expectedStats = driver.countryStats();
      expectedAlerts = idsAndStatuses(driver.alerts());
    }

    try (RunningTopology casewatch = new RunningTopology(cluster, ClockMode.LIVE, 1)) {
      casewatch.publish(HISTORY);
      // Re-sending everything must change nothing: same eventIds.
      casewatch.publish(HISTORY.subList(0, 50));

      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(() -> assertThat(latestStats(casewatch)).isEqualTo(expectedStats));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(
                          idsAndStatuses(
                              casewatch
                                  .committed(
                                      casewatch.topics().alerts().name(),
                                      casewatch.topics().alerts().valueSerde().deserializer())
                                  .stream()
                                  .map(ConsumerRecord::value)
                                  .toList()))
                      .isEqualTo(expectedAlerts));
    }
  }

  private static Map<String, CountryStats> latestStats(final RunningTopology casewatch) {
    final Map<String, CountryStats> latest = new TreeMap<>();
    casewatch
        .committed(
            casewatch.topics().countryStats().name(),
            casewatch.topics().countryStats().valueSerde().deserializer())
        .forEach(record -> latest.put(record.key(), record.value()));
    return latest;
  }

  private static List<String> idsAndStatuses(final List<Alert> alerts) {
    return alerts.stream()
        .map(alert -> alert.getAlertId() + " " + alert.getStatus())
        .sorted()
        .toList();
  }
}
