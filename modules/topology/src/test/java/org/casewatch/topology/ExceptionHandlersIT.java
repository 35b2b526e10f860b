package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.ProcessingHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.casewatch.registry.client.RegistryUnreachableException;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.casewatch.topology.deadletters.DeadLetter;
import org.casewatch.topology.internals.deadletters.DeadLetteringProcessingHandler;
import org.casewatch.topology.internals.deadletters.DeadLetteringProductionHandler;
import org.junit.jupiter.api.Test;

/** What Streams itself cannot read or process is dead-lettered by the exception handlers. */
@WithCasewatchKafka
class ExceptionHandlersIT {

  private final CasewatchCluster cluster;

  ExceptionHandlersIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void garbageOnTheCaseStateTopicIsDeadLetteredAndFiguresGoOn() {
    try (RunningTopology casewatch = new RunningTopology(cluster, ClockMode.REPLAY)) {
      cluster.produce(
          List.of(
              new ProducerRecord<>(
                  casewatch.topics().caseState().name(),
                  "KZ-2016-0001",
                  "not avro".getBytes(StandardCharsets.UTF_8))),
          new ByteArraySerializer());
      casewatch.publish(List.of(aCase("KZ-2016-0002").registered(on("2016-02-01"))));

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                final List<ConsumerRecord<String, byte[]>> deadLetters =
                    casewatch.committed(
                        casewatch.topics().deadLetters().name(), new ByteArrayDeserializer());
                assertThat(deadLetters)
                    .singleElement()
                    .satisfies(
                        record -> {
                          assertThat(header(record.headers(), DeadLetter.REASON))
                              .contains("could not deserialize", "magic byte");
                          assertThat(header(record.headers(), DeadLetter.SOURCE_TOPIC))
                              .isEqualTo(casewatch.topics().caseState().name());
                          assertThat(record.value())
                              .isEqualTo("not avro".getBytes(StandardCharsets.UTF_8));
                        });
                assertThat(
                        casewatch.committed(
                            casewatch.topics().countryStats().name(),
                            casewatch.topics().countryStats().valueSerde().deserializer()))
                    .anySatisfy(
                        record -> assertThat(record.value().getCasesRegistered()).isEqualTo(1));
              });
    }
  }

  @Test
  void aFailingProcessorDeadLettersTheSourceRecordAndContinues() {
    final String topic = CasewatchCluster.uniqueName("casewatch.dead-letters");
    cluster.createTopics(1, topic);
    final DeadLetteringProcessingHandler handler = new DeadLetteringProcessingHandler();
    handler.configure(
        Map.of("bootstrap.servers", cluster.bootstrapServers(), DeadLetter.TOPIC_CONFIG, topic));

    final ProcessingHandlerResponse response =
        handler.handle(
            failureAt("casewatch.events.tj", 2, 41L),
            new Record<>("TJ-2016-0005", "decoded", 0L),
            new IllegalStateException("a defect"));

    assertThat(response).isEqualTo(ProcessingHandlerResponse.CONTINUE);
    final ConsumerRecord<String, byte[]> deadLetter =
        cluster.consume(topic, new ByteArrayDeserializer(), 1).get(0);
    assertThat(deadLetter.key()).isEqualTo("TJ-2016-0005");
    assertThat(deadLetter.value()).isEqualTo(new byte[] {0, 0, 0, 0, 7});
    assertThat(header(deadLetter.headers(), DeadLetter.REASON))
        .isEqualTo("processing failed in track-cases: java.lang.IllegalStateException: a defect");
    assertThat(header(deadLetter.headers(), DeadLetter.SOURCE_OFFSET)).isEqualTo("41");
    assertThat(header(deadLetter.headers(), DeadLetter.EXCEPTION))
        .isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void whenTheDeadLetterCannotBeWrittenProcessingStopsRatherThanLoseTheRecord() {
    final DeadLetteringProcessingHandler handler = new DeadLetteringProcessingHandler();
    handler.configure(Map.of("bootstrap.servers", "localhost:1", "producer.max.block.ms", 500));

    assertThat(
            handler.handle(
                failureAt("casewatch.events.tj", 0, 1L),
                new Record<>("k", "v", 0L),
                new IllegalStateException("a defect")))
        .isEqualTo(ProcessingHandlerResponse.FAIL);
  }

  @Test
  void aFailingPunctuationHasNoRecordToDeadLetterAndStops() {
    final DeadLetteringProcessingHandler handler = new DeadLetteringProcessingHandler();
    handler.configure(Map.of("bootstrap.servers", cluster.bootstrapServers()));

    assertThat(
            handler.handle(failureAt(null, -1, -1L), null, new IllegalStateException("a defect")))
        .isEqualTo(ProcessingHandlerResponse.FAIL);
  }

  @Test
  void aRegistryOutageStopsRatherThanDeadLetteringGoodRecords() {
    final String topic = CasewatchCluster.uniqueName("casewatch.dead-letters");
    cluster.createTopics(1, topic);
    final DeadLetteringProcessingHandler handler = new DeadLetteringProcessingHandler();
    handler.configure(
        Map.of("bootstrap.servers", cluster.bootstrapServers(), DeadLetter.TOPIC_CONFIG, topic));

    assertThat(
            handler.handle(
                failureAt("casewatch.events.kz", 0, 3L),
                new Record<>("k", "v", 0L),
                new IllegalStateException(
                    "wrapped", new RegistryUnreachableException("registry down", 0, null))))
        .isEqualTo(ProcessingHandlerResponse.FAIL);
    assertThat(cluster.readAll(topic, new ByteArrayDeserializer())).isEmpty();
  }

  @Test
  void anOutputTooLargeForKafkaDeadLettersItsInputAndContinues() {
    final String topic = CasewatchCluster.uniqueName("casewatch.dead-letters");
    cluster.createTopics(1, topic);
    final DeadLetteringProductionHandler handler = new DeadLetteringProductionHandler();
    handler.configure(
        Map.of("bootstrap.servers", cluster.bootstrapServers(), DeadLetter.TOPIC_CONFIG, topic));
    final ProducerRecord<byte[], byte[]> tooLarge =
        new ProducerRecord<>(
            "casewatch.case-state",
            "TJ-2016-0005".getBytes(StandardCharsets.UTF_8),
            new byte[2_000_000]);

    assertThat(
            handler.handle(
                failureAt("casewatch.events.tj", 1, 9L),
                tooLarge,
                new RecordTooLargeException("The message is 2000090 bytes when serialized")))
        .isEqualTo(ProductionExceptionHandler.ProductionExceptionHandlerResponse.CONTINUE);
    final ConsumerRecord<String, byte[]> deadLetter =
        cluster.consume(topic, new ByteArrayDeserializer(), 1).get(0);
    assertThat(deadLetter.value()).isEqualTo(new byte[] {0, 0, 0, 0, 7});
    assertThat(header(deadLetter.headers(), DeadLetter.REASON_CODE)).isEqualTo("record-too-large");
    assertThat(header(deadLetter.headers(), DeadLetter.REASON))
        .contains("2000000-byte record for casewatch.case-state");
    assertThat(header(deadLetter.headers(), DeadLetter.SOURCE_OFFSET)).isEqualTo("9");

    assertThat(
            handler.handle(
                failureAt("casewatch.events.tj", 1, 10L),
                tooLarge,
                new TimeoutException("cluster down")))
        .as("any other production failure is the cluster's, not the record's")
        .isEqualTo(ProductionExceptionHandler.ProductionExceptionHandlerResponse.FAIL);
  }

  private static ErrorHandlerContext failureAt(
      final String topic, final int partition, final long offset) {
    return new ErrorHandlerContext() {
      @Override
      public String topic() {
        return topic;
      }

      @Override
      public int partition() {
        return partition;
      }

      @Override
      public long offset() {
        return offset;
      }

      @Override
      public Headers headers() {
        return new RecordHeaders();
      }

      @Override
      public String processorNodeId() {
        return TopologyNames.TRACK_CASES;
      }

      @Override
      public TaskId taskId() {
        return new TaskId(0, partition);
      }

      @Override
      public long timestamp() {
        return 1_456_000_000_000L;
      }

      @Override
      public byte[] sourceRawKey() {
        return "TJ-2016-0005".getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public byte[] sourceRawValue() {
        return new byte[] {0, 0, 0, 0, 7};
      }
    };
  }

  private static String header(final Headers headers, final String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
