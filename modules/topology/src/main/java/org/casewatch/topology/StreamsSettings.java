package org.casewatch.topology;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.casewatch.topology.deadletters.DeadLetter;
import org.casewatch.topology.internals.deadletters.DeadLetteringDeserializationHandler;
import org.casewatch.topology.internals.deadletters.DeadLetteringProcessingHandler;
import org.casewatch.topology.internals.deadletters.DeadLetteringProductionHandler;
import org.casewatch.topology.internals.stores.BoundedRocksDbMemory;

/**
 * The Kafka Streams settings casewatch runs with, so every runner (service, replay, tests) gets the
 * same guarantees: exactly-once v2 (a runner may override {@code processing.guarantee}), the
 * topology optimisation the topology is built with, exception handlers that dead-letter what
 * Streams itself cannot read or process, and RocksDB memory bounded for the whole process ({@link
 * #ROCKSDB_MEMORY_BYTES_CONFIG}, 128 MiB unless a runner sets it).
 */
public final class StreamsSettings {

  /**
   * Where the Streams exception handlers write dead letters; default {@code
   * casewatch.dead-letters}.
   */
  public static final String DEAD_LETTER_TOPIC_CONFIG = DeadLetter.TOPIC_CONFIG;

  /**
   * The bytes every RocksDB store of the process shares (block cache, index and filter blocks,
   * memtables); 128 MiB unless a runner sets it.
   */
  public static final String ROCKSDB_MEMORY_BYTES_CONFIG = "casewatch.rocksdb.memory.bytes";

  /** How long a transaction of the topology may stay open before its coordinator aborts it. */
  public static final int TRANSACTION_TIMEOUT_MS = 30_000;

  private StreamsSettings() {}

  /** Settings for {@code applicationId} on {@code bootstrapServers}, exactly-once. */
  public static Properties of(final String applicationId, final String bootstrapServers) {
    final Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    properties.putAll(CaseTopology.OPTIMIZATIONS);
    properties.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetteringDeserializationHandler.class);
    properties.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetteringProcessingHandler.class);
    properties.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetteringProductionHandler.class);
    // Longer than a broker's failover (its 9 s session, about 3 s more when it was the active
    // controller, then the leader moves): with Streams' exactly-once default of 10 s, a transaction
    // under way when a broker died was aborted by its coordinator before it could finish, the
    // thread was fenced, and its tasks were closed dirty and restored from scratch, so processing
    // stopped for as long as the restore took (the long fault run, 2026-12-01).
    properties.put(
        StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
        TRANSACTION_TIMEOUT_MS);
    // Every RocksDB store of the process shares one cache and one memtable budget
    // (BoundedRocksDbMemory).
    properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
    return properties;
  }

  /** The same, sending the exception handlers' dead letters to {@code deadLetterTopic}. */
  public static Properties of(
      final String applicationId, final String bootstrapServers, final TopologyTopics topics) {
    final Properties properties = of(applicationId, bootstrapServers);
    properties.put(DEAD_LETTER_TOPIC_CONFIG, topics.deadLetters().name());
    return properties;
  }
}
