package org.casewatch.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The records Kafka producers of this JVM have sent, topic by topic, from the {@code
 * record-send-total} of their {@code producer-topic-metrics} in JMX. Every record a producer sent
 * counts, including those Streams later purges from its repartition topics and those of a
 * transaction later aborted, and a batch sent again after a failed attempt counts again; no
 * transaction marker counts. Only producers whose client id contains a given part are counted, so a
 * benchmark can count the service's stream threads apart from its gateway and its own producers
 * (which set no client id).
 */
final class ProducerWrites {

  /** What the client ids of Kafka Streams' producers contain, and no other producer's. */
  static final String STREAM_THREADS = "-StreamThread-";

  /** One producer's records to one topic. */
  private record ProducerTopic(String client, String topic) {}

  /** Records sent, by producer and topic. */
  private final Map<ProducerTopic, Long> sent;

  private ProducerWrites(final Map<ProducerTopic, Long> sent) {
    this.sent = sent;
  }

  /** What producers whose client id contains {@code clientIdPart} have sent so far. */
  static ProducerWrites sentSoFar(final String clientIdPart) {
    final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    final Map<ProducerTopic, Long> counts = new HashMap<>();
    try {
      for (final ObjectName name :
          server.queryNames(new ObjectName("kafka.producer:type=producer-topic-metrics,*"), null)) {
        final String client = name.getKeyProperty("client-id");
        if (client.contains(clientIdPart)) {
          final Number records = (Number) server.getAttribute(name, "record-send-total");
          counts.put(
              new ProducerTopic(client, name.getKeyProperty("topic")),
              (long) records.doubleValue());
        }
      }
    } catch (JMException e) {
      throw new IllegalStateException("cannot read the producers' metrics from JMX", e);
    }
    return new ProducerWrites(counts);
  }

  /**
   * What was sent since {@code before}. A producer closed in between (a stream thread replaced, a
   * producer fenced) takes its counts with it, so the difference would be short: that fails.
   */
  ProducerWrites since(final ProducerWrites before) {
    final Map<ProducerTopic, Long> counts = new HashMap<>();
    before.sent.forEach(
        (clientAndTopic, earlier) -> {
          final Long now = sent.get(clientAndTopic);
          if (now == null || now < earlier) {
            throw new IllegalStateException(
                "producer "
                    + clientAndTopic.client()
                    + " was closed or restarted while counting: its records to "
                    + clientAndTopic.topic()
                    + " cannot be counted");
          }
        });
    sent.forEach(
        (clientAndTopic, now) ->
            counts.put(clientAndTopic, now - before.sent.getOrDefault(clientAndTopic, 0L)));
    return new ProducerWrites(counts);
  }

  /** Records sent to the topic whose name ends with {@code suffix}, by every producer counted. */
  long toTopicEndingWith(final String suffix) {
    return byTopic().entrySet().stream()
        .filter(entry -> entry.getKey().endsWith(suffix))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Prints the total and each topic's records, per one of {@code events}. */
  void print(final String what, final long events) {
    final Map<String, Long> byTopic = byTopic();
    final long total = byTopic.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf(
        "%s: %,d records for %,d events: %.3f per event%n",
        what, total, events, (double) total / events);
    byTopic.forEach(
        (topic, records) ->
            System.out.printf(
                "  %-60s %,10d  %.4f per event%n", topic, records, (double) records / events));
  }

  private Map<String, Long> byTopic() {
    final Map<String, Long> byTopic = new TreeMap<>();
    sent.forEach(
        (clientAndTopic, records) -> {
          if (records > 0) {
            byTopic.merge(clientAndTopic.topic(), records, Long::sum);
          }
        });
    return byTopic;
  }
}
