package org.casewatch.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The records Kafka producers of this JVM have sent, topic by topic, from the {@code
 * record-send-total} of their {@code producer-topic-metrics} in JMX: every record a producer sent
 * counts, including those Streams later purges from its repartition topics, and no transaction
 * marker does. Only producers whose client id contains a given part are counted, so a benchmark can
 * count the service's stream threads apart from its gateway and its own producers.
 */
final class ProducerWrites {

  /** What the client ids of Kafka Streams' producers contain, and no other producer's. */
  static final String STREAM_THREADS = "-StreamThread-";

  private final Map<String, Long> byTopic;

  private ProducerWrites(final Map<String, Long> byTopic) {
    this.byTopic = byTopic;
  }

  /** What producers whose client id contains {@code clientIdPart} have sent so far. */
  static ProducerWrites sentSoFar(final String clientIdPart) {
    final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    final Map<String, Long> counts = new TreeMap<>();
    try {
      for (final ObjectName name :
          server.queryNames(new ObjectName("kafka.producer:type=producer-topic-metrics,*"), null)) {
        if (name.getKeyProperty("client-id").contains(clientIdPart)) {
          final Number sent = (Number) server.getAttribute(name, "record-send-total");
          counts.merge(name.getKeyProperty("topic"), (long) sent.doubleValue(), Long::sum);
        }
      }
    } catch (JMException e) {
      throw new IllegalStateException("cannot read the producers' metrics from JMX", e);
    }
    return new ProducerWrites(counts);
  }

  /** What was sent since {@code before}, topic by topic. */
  ProducerWrites since(final ProducerWrites before) {
    final Map<String, Long> counts = new TreeMap<>();
    byTopic.forEach(
        (topic, sent) -> {
          final long more = sent - before.byTopic.getOrDefault(topic, 0L);
          if (more > 0) {
            counts.put(topic, more);
          }
        });
    return new ProducerWrites(counts);
  }

  /** Prints the total and each topic's records, per one of {@code events}. */
  void print(final String what, final long events) {
    final long total = byTopic.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf(
        "%s: %,d records for %,d events: %.3f per event%n",
        what, total, events, (double) total / events);
    byTopic.forEach(
        (topic, records) ->
            System.out.printf(
                "  %-60s %,10d  %.4f per event%n", topic, records, (double) records / events));
  }
}
