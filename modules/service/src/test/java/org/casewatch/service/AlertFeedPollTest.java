package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.casewatch.model.Alert;
import org.casewatch.registry.client.RegistryUnreachableException;
import org.junit.jupiter.api.Test;

/**
 * Which records a reader of the alerts topic skips: those that are not alerts, never one the
 * registry could not resolve.
 */
class AlertFeedPollTest {

  private static final TopicPartition ALERTS_0 = new TopicPartition("casewatch.alerts", 0);

  private final MockConsumer<String, Alert> consumer = new MockConsumer<>("earliest");

  AlertFeedPollTest() {
    consumer.assign(List.of(ALERTS_0));
    consumer.updateBeginningOffsets(Map.of(ALERTS_0, 0L));
    consumer.seek(ALERTS_0, 7);
  }

  @Test
  void aRecordThatIsNotAnAlertIsSkipped() {
    consumer.setPollException(
        new RecordDeserializationException(
            ALERTS_0,
            7,
            "Error deserializing value",
            new SerializationException("casewatch.alerts: unknown magic byte")));

    assertThat(AlertFeed.pollReadable(consumer, Duration.ZERO)).isEmpty();
    assertThat(consumer.position(ALERTS_0)).isEqualTo(8);
  }

  @Test
  void aRecordTheRegistryCouldNotResolveIsNotSkipped() {
    final RecordDeserializationException unreachable =
        new RecordDeserializationException(
            ALERTS_0,
            7,
            "Error deserializing value",
            new RegistryUnreachableException(
                "registry at http://registry:8081 not reachable", -1, null));
    consumer.setPollException(unreachable);

    assertThatThrownBy(() -> AlertFeed.pollReadable(consumer, Duration.ZERO)).isSameAs(unreachable);
    assertThat(consumer.position(ALERTS_0)).isEqualTo(7);
  }
}
