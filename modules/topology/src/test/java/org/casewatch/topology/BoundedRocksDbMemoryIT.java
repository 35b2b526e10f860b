package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigException;
import org.casewatch.model.CaseEvent;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.SyntheticHistory;
import org.casewatch.testkit.WithCasewatchKafka;
import org.casewatch.topology.internals.stores.BoundedRocksDbMemory;
import org.junit.jupiter.api.Test;

/**
 * Every RocksDB store of a running topology reports the one shared cache of the configured size.
 */
@WithCasewatchKafka
class BoundedRocksDbMemoryIT {

  private static final long TOTAL = 24L << 20;
  private static final List<CaseEvent> HISTORY =
      SyntheticHistory.generate(11, 10, on("2016-01-01"));

  private final CasewatchCluster cluster;

  BoundedRocksDbMemoryIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void everyStoreSharesOneCacheOfTheConfiguredTotal() {
    final Properties settings = new Properties();
    settings.put(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, Long.toString(TOTAL));
    try (RunningTopology casewatch = new RunningTopology(cluster, ClockMode.LIVE, 1, settings)) {
      casewatch.publish(HISTORY);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                final Map<String, Long> capacities = new TreeMap<>();
                casewatch
                    .metrics()
                    .forEach(
                        (name, metric) -> {
                          if (name.name().equals("block-cache-capacity")) {
                            capacities.put(
                                name.tags().get("rocksdb-state-id")
                                    + " "
                                    + name.tags().get("task-id"),
                                ((Number) metric.metricValue()).longValue());
                          }
                        });
                // The case processor's stores and the figures' aggregate, on the one task each
                // topic has here.
                assertThat(capacities).hasSizeGreaterThanOrEqualTo(4);
                assertThat(capacities.values()).containsOnly(TOTAL);
              });
    }
  }

  @Test
  void aTotalThatIsNoNumberOrTooSmallIsRefusedWithWhatToSet() {
    assertThat(BoundedRocksDbMemory.totalBytes(Map.of()))
        .isEqualTo(BoundedRocksDbMemory.DEFAULT_TOTAL_BYTES);
    assertThat(
            BoundedRocksDbMemory.totalBytes(
                Map.of(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, " 33554432 ")))
        .isEqualTo(32L << 20);
    assertThatThrownBy(
            () ->
                BoundedRocksDbMemory.totalBytes(
                    Map.of(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, "128MB")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("casewatch.rocksdb.memory.bytes")
        .hasMessageContaining("134217728");
    assertThatThrownBy(
            () ->
                BoundedRocksDbMemory.totalBytes(
                    Map.of(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, 1024L)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("16 MiB");
  }
}
