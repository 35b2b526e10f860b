package org.casewatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.record.TimestampType;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.Topics;
import org.casewatch.registry.serde.AvroSerializer;
import org.junit.jupiter.api.Test;

/**
 * Event topics made by the testkit are stamped by the broker on arrival, whatever a producer sets.
 */
@WithCasewatchKafka
class EventTopicsIT {

  private final CasewatchCluster cluster;

  EventTopicsIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void anEventTopicIsCreatedWithLogAppendTimeAndIgnoresAProducersTimestamp() throws Exception {
    final String topic = CasewatchCluster.uniqueName("tk") + "." + Topics.events(Country.KZ);
    cluster.createTopics(1, topic);
    final Config config =
        cluster
            .admin()
            .describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
            .all()
            .get()
            .values()
            .iterator()
            .next();
    assertThat(config.get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
    assertThat(config.get("retention.ms").value()).isEqualTo("-1");

    final CaseEvent complaint = aCase("KZ-2016-0042").complaintFiled(on("2016-03-02"));
    final Instant before = Instant.now();
    cluster.produce(
        List.of(
            new ProducerRecord<>(
                topic,
                null,
                complaint.getOccurredAt().toEpochMilli(),
                complaint.getCaseId(),
                complaint)),
        new AvroSerializer<CaseEvent>(cluster.registryClient(), true, false));

    final ConsumerRecord<String, CaseEvent> stored =
        cluster.consumeAvro(topic, CaseEvent.class, 1).get(0);
    assertThat(stored.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
    assertThat(Instant.ofEpochMilli(stored.timestamp()))
        .as("the broker's arrival, not the producer's 2016")
        .isBetween(before.minusSeconds(1), Instant.now());
    assertThat(stored.value()).isEqualTo(complaint);
  }
}
