package org.casewatch.bench;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The records Kafka consumers of this JVM have read, from the {@code records-consumed-total} of
 * their per-topic {@code consumer-fetch-manager-metrics} in JMX: e.g. the events the service's
 * stream threads took in, which it applies as it reads them. Only consumers whose client id
 * contains a given part, and topics whose name starts with a given prefix, are counted.
 */
final class ConsumerReads {

  private ConsumerReads() {}

  /** What consumers whose client id contains {@code clientIdPart} have read from the topics. */
  static long soFar(final String clientIdPart, final String topicPrefix) {
    final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    long read = 0;
    try {
      for (final ObjectName name :
          server.queryNames(
              new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,*"), null)) {
        final String topic = name.getKeyProperty("topic");
        final String partition = name.getKeyProperty("partition");
        if (topic != null
            && partition == null
            && topic.startsWith(topicPrefix)
            && name.getKeyProperty("client-id").contains(clientIdPart)) {
          read +=
              (long) ((Number) server.getAttribute(name, "records-consumed-total")).doubleValue();
        }
      }
    } catch (JMException e) {
      throw new IllegalStateException("cannot read the consumers' metrics from JMX", e);
    }
    return read;
  }
}
