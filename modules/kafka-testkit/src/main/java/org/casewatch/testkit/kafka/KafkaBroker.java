package org.casewatch.testkit.kafka;

import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft Kafka cluster (combined broker and controller) inside the test JVM,
 * started with Kafka's own test kit. Internal topics have replication factor 1 and consumer groups
 * rebalance at once, so tests are fast without being fake.
 */
public final class KafkaBroker implements AutoCloseable {

  private final KafkaClusterTestKit cluster;

  /**
   * What a one-node test cluster needs: internal topics with one replica and few partitions, no
   * rebalance delay, and no topic created by accident.
   */
  public static final Map<String, String> SINGLE_NODE =
      Map.of(
          "offsets.topic.replication.factor", "1",
          "offsets.topic.num.partitions", "5",
          "transaction.state.log.replication.factor", "1",
          "transaction.state.log.min.isr", "1",
          "transaction.state.log.num.partitions", "5",
          "group.initial.rebalance.delay.ms", "0",
          "share.coordinator.state.topic.replication.factor", "1",
          "share.coordinator.state.topic.min.isr", "1",
          "auto.create.topics.enable", "false");

  private KafkaBroker(final KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /** Formats the storage of a fresh cluster and starts it; returns once the broker is ready. */
  public static KafkaBroker start() {
    try {
      final KafkaClusterTestKit.Builder builder =
          new KafkaClusterTestKit.Builder(
              new TestKitNodes.Builder()
                  .setCombined(true)
                  .setNumBrokerNodes(1)
                  .setNumControllerNodes(1)
                  .build());
      SINGLE_NODE.forEach(builder::setConfigProp);
      final KafkaClusterTestKit cluster = builder.build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new KafkaBroker(cluster);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting the test Kafka broker", e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Could not start the test Kafka broker: " + e.getMessage(), e);
    }
  }

  /**
   * Stops the broker (the controller keeps running), as an outage would; {@link #restartBroker}
   * brings it back.
   */
  public void stopBroker() {
    cluster
        .brokers()
        .values()
        .forEach(
            broker -> {
              broker.shutdown();
              broker.awaitShutdown();
            });
  }

  /** Starts the stopped broker again on the same port and waits until it is ready. */
  public void restartBroker() {
    cluster.brokers().values().forEach(broker -> broker.startup());
    try {
      cluster.waitForReadyBrokers();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while restarting the test broker", e);
    } catch (Exception e) {
      throw new IllegalStateException("The test broker did not come back: " + e.getMessage(), e);
    }
  }

  /** The address clients connect to. */
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
