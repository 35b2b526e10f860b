package org.casewatch.faults;

import java.time.Duration;

/** A fault a run injects while events go in. */
public sealed interface Fault {

  /** What the report calls it. */
  String kind();

  /** {@code kill -9} of a service instance, started again at once on its state directory. */
  record ServiceKill(int instance) implements Fault {
    @Override
    public String kind() {
      return "service kill -9";
    }
  }

  /**
   * {@code kill -9} of a service instance that stays down until the other instance has taken all
   * its work over (its session timed out), then comes back.
   */
  record Takeover(int instance) implements Fault {
    @Override
    public String kind() {
      return "service kill -9, survivor takes over";
    }
  }

  /**
   * {@code kill -9} of one Kafka node, started again on its log directory after {@code down} at the
   * least, and not before the service has counted new cases without it or the harness gave up
   * waiting for that (see docs/reliability.md: processing does not always go on without it).
   */
  record BrokerKill(int node, Duration down) implements Fault {
    @Override
    public String kind() {
      return "one broker kill -9";
    }
  }

  /**
   * {@code kill -9} of every Kafka node at once, all started again on their log directories after
   * {@code down}.
   */
  record ClusterKill(Duration down) implements Fault {
    @Override
    public String kind() {
      return "whole Kafka cluster kill -9";
    }
  }

  /** The schema registry gone for {@code down}. */
  record RegistryDown(Duration down) implements Fault {
    @Override
    public String kind() {
      return "schema registry down";
    }
  }

  /**
   * {@code kill -9} of the gateway, started again at once; then the coalitions' systems send their
   * last {@code redelivered} acknowledged batches again, as a system does that never saw its 202s.
   * The new gateway has forgotten them, so they reach the topics a second time: the topology must
   * count them once.
   */
  record GatewayKill(int redelivered) implements Fault {
    @Override
    public String kind() {
      return "gateway kill -9, batches redelivered";
    }
  }
}
