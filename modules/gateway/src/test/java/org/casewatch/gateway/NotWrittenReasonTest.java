package org.casewatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.casewatch.registry.client.RegistryUnreachableException;
import org.junit.jupiter.api.Test;

/**
 * A client told an event was not written learns which dependency failed: Kafka, or the registry.
 */
class NotWrittenReasonTest {

  @Test
  void aSchemaTheRegistryCouldNotGiveIsNotBlamedOnKafka() {
    final String reason =
        EventsEndpoint.notWrittenBecause(
            new SerializationException(
                "Cannot serialize a CaseEvent",
                new RegistryUnreachableException(
                    "schema registry at http://registry:8081 unreachable", 0, null)));

    assertThat(reason)
        .startsWith("the schema registry could not be asked for the event's schema")
        .endsWith("; retry later")
        .doesNotContain("Kafka did not acknowledge");
  }

  @Test
  void aWriteKafkaDidNotAcknowledgeSaysSo() {
    assertThat(EventsEndpoint.notWrittenBecause(new TimeoutException("Expiring 1 record(s)")))
        .isEqualTo("Kafka did not acknowledge it: Expiring 1 record(s); retry later");
  }
}
