package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.registry.serde.AvroSerializer;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.casewatch.topology.deadletters.DeadLetter;
import org.junit.jupiter.api.Test;

/**
 * On a real broker, bad records neither stop the pipeline nor vanish: every input is either
 * processed or dead-lettered with its reason.
 */
@WithCasewatchKafka
class DeadLetterIT {

  private final CasewatchCluster cluster;

  DeadLetterIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void inputsEqualProcessedPlusDeadLettered() {
    try (RunningTopology casewatch = new RunningTopology(cluster, ClockMode.REPLAY)) {
      final String kz = casewatch.eventTopic(Country.KZ);
      final AvroSerializer<CaseEvent> avro =
          new AvroSerializer<>(cluster.registryClient(), true, false);
      final List<ProducerRecord<String, byte[]>> inputs = new ArrayList<>();
      int valid = 0;
      for (int i = 1; i <= 30; i++) {
        final CaseEvent registered =
            aCase(String.format("KZ-2016-%04d", i)).registered(on("2016-02-01"));
        final byte[] bytes = avro.serialize(kz, registered);
        if (i % 5 == 0) {
          inputs.add(new ProducerRecord<>(kz, registered.getCaseId(), new byte[] {0x1, 0x2, 0x3}));
        } else if (i % 7 == 0) {
          final CaseEvent elsewhere =
              aCase(String.format("UZ-2016-%04d", i)).registered(on("2016-02-01"));
          inputs.add(
              new ProducerRecord<>(kz, elsewhere.getCaseId(), avro.serialize(kz, elsewhere)));
        } else {
          inputs.add(new ProducerRecord<>(kz, registered.getCaseId(), bytes));
          valid++;
        }
      }
      cluster.produce(inputs, new ByteArraySerializer());
      final int processed = valid;
      final int refused = inputs.size() - valid;

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertThat(
                        casewatch.committed(
                            casewatch.topics().caseState().name(),
                            casewatch.topics().caseState().valueSerde().deserializer()))
                    .hasSize(processed);
                assertThat(
                        casewatch.committed(
                            casewatch.topics().deadLetters().name(), new ByteArrayDeserializer()))
                    .hasSize(refused);
              });

      final List<ConsumerRecord<String, byte[]>> deadLetters =
          casewatch.committed(casewatch.topics().deadLetters().name(), new ByteArrayDeserializer());
      final List<ConsumerRecord<String, CaseState>> states =
          casewatch.committed(
              casewatch.topics().caseState().name(),
              casewatch.topics().caseState().valueSerde().deserializer());
      assertThat(states.size() + deadLetters.size()).isEqualTo(inputs.size());
      assertThat(deadLetters)
          .allSatisfy(
              record -> {
                assertThat(header(record, DeadLetter.REASON)).isNotBlank();
                assertThat(header(record, DeadLetter.SOURCE_TOPIC)).isEqualTo(kz);
                assertThat(header(record, DeadLetter.SOURCE_PARTITION)).isNotBlank();
                assertThat(header(record, DeadLetter.SOURCE_OFFSET)).isNotBlank();
              });
      assertThat(deadLetters)
          .filteredOn(record -> header(record, DeadLetter.REASON).contains("undecodable"))
          .hasSize(6)
          .allSatisfy(record -> assertThat(record.value()).isEqualTo(new byte[] {0x1, 0x2, 0x3}));
      assertThat(deadLetters)
          .filteredOn(record -> header(record, DeadLetter.REASON).contains("names country UZ"))
          .hasSize(refused - 6);
    }
  }

  private static String header(final ConsumerRecord<String, byte[]> record, final String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
