package org.casewatch.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.avro.Schema;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.registry.client.CompatibilityLevel;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegisteredSchema;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.registry.client.SchemaRegistryClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry keeps nothing but its Kafka log: a restarted instance, or a second one on the same
 * log, knows every id, version and level.
 */
@ExtendWith(RegistryOnKafkaExtension.class)
class SchemaRegistryDurabilityIT {

  private final RegistryOnKafka cluster;

  SchemaRegistryDurabilityIT(final RegistryOnKafka cluster) {
    this.cluster = cluster;
  }

  @Test
  void aRestartedRegistryKeepsEveryIdVersionAndLevel() throws Exception {
    final String log = RegistryOnKafka.uniqueName("_schemas-restart");
    final int eventId;
    final int stateId;
    final int alertId;
    try (EmbeddedSchemaRegistry first = cluster.startAnotherRegistry(log)) {
      final SchemaRegistryClient client = clientOf(first);
      eventId = client.register("casewatch.events.kz-value", CaseEvent.getClassSchema());
      stateId = client.register("casewatch.case-state-value", CaseState.getClassSchema());
      alertId = client.register("casewatch.alerts-value", Alert.getClassSchema());
      client.register("casewatch.events.kz-value", withOptionalField(CaseEvent.getClassSchema()));
      client.setSubjectCompatibility("casewatch.alerts-value", CompatibilityLevel.FULL);
      client.setGlobalCompatibility(CompatibilityLevel.BACKWARD_TRANSITIVE);
    }

    final Instant restartBegan = Instant.now();
    try (EmbeddedSchemaRegistry restarted = cluster.startAnotherRegistry(log)) {
      System.out.printf(
          "embedded registry restarted and replayed its log in %d ms%n",
          Duration.between(restartBegan, Instant.now()).toMillis());
      final SchemaRegistryClient client = clientOf(restarted);

      assertThat(client.schemaById(eventId)).isEqualTo(CaseEvent.getClassSchema());
      assertThat(client.schemaById(stateId)).isEqualTo(CaseState.getClassSchema());
      assertThat(client.lookup("casewatch.alerts-value", Alert.getClassSchema()).id())
          .isEqualTo(alertId);
      assertThat(client.versions("casewatch.events.kz-value")).containsExactly(1, 2);
      final RegisteredSchema latest = client.latest("casewatch.events.kz-value");
      assertThat(latest.version()).isEqualTo(2);
      assertThat(latest.schema()).isEqualTo(withOptionalField(CaseEvent.getClassSchema()));
      assertThat(client.subjectCompatibility("casewatch.alerts-value"))
          .isEqualTo(CompatibilityLevel.FULL);
      assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD_TRANSITIVE);
      assertThat(client.register("casewatch.events.kz-value", CaseEvent.getClassSchema()))
          .as("re-registering after a restart returns the original id")
          .isEqualTo(eventId);
      assertThat(
              client.register(
                  "casewatch.country-stats-value", withOptionalField(Alert.getClassSchema())))
          .as("new ids continue after the highest one in the log")
          .isGreaterThan(Math.max(eventId, Math.max(stateId, alertId)));
    }
  }

  @Test
  void twoInstancesOnOneLogAgree() throws Exception {
    final String log = RegistryOnKafka.uniqueName("_schemas-pair");
    try (EmbeddedSchemaRegistry a = cluster.startAnotherRegistry(log);
        EmbeddedSchemaRegistry b = cluster.startAnotherRegistry(log)) {
      final SchemaRegistryClient viaA = clientOf(a);
      final SchemaRegistryClient viaB = clientOf(b);

      final int writtenViaA =
          viaA.register("casewatch.events.tj-value", CaseEvent.getClassSchema());
      final int writtenViaB = viaB.register("casewatch.alerts-value", Alert.getClassSchema());

      assertThat(viaB.schemaById(writtenViaA)).isEqualTo(CaseEvent.getClassSchema());
      assertThat(viaA.schemaById(writtenViaB)).isEqualTo(Alert.getClassSchema());
      assertThat(writtenViaB).isNotEqualTo(writtenViaA);
      assertThat(viaB.register("casewatch.events.tj-value", CaseEvent.getClassSchema()))
          .isEqualTo(writtenViaA);
      assertThat(viaA.subjects()).containsExactlyInAnyOrderElementsOf(viaB.subjects());
    }
  }

  private static SchemaRegistryClient clientOf(final EmbeddedSchemaRegistry registry) {
    return new HttpSchemaRegistryClient(RegistryClientConfig.of(registry.url()));
  }

  /** The same record with one more optional field: a BACKWARD-compatible next version. */
  static Schema withOptionalField(final Schema schema) {
    final String json = schema.toString();
    final String extra =
        "{\"name\":\"addedInV2\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"test"
            + " field\"}";
    final int lastBracket = json.lastIndexOf(']');
    return new Schema.Parser()
        .parse(json.substring(0, lastBracket) + "," + extra + json.substring(lastBracket));
  }
}
