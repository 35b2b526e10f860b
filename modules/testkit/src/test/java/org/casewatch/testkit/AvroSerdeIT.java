package org.casewatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.registry.serde.AvroSerde;
import org.casewatch.registry.serde.AvroSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Avro records cross a real broker in Confluent's wire format and come back equal. */
@WithCasewatchKafka
class AvroSerdeIT {

  private final CasewatchCluster cluster;
  private String topic;

  AvroSerdeIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @BeforeEach
  void freshTopic() {
    topic = CasewatchCluster.uniqueName("casewatch.events.kz");
    cluster.createTopics(1, topic);
  }

  @Test
  void generatedRecordsRoundTrip() {
    final CaseEvent registered = aCase("KZ-2016-0042").registered(on("2016-02-20"));
    final CaseEvent reprisal =
        aCase("KZ-2016-0042")
            .reprisal(on("2016-03-09"), ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES);
    final CaseEvent closed =
        aCase("KZ-2016-0042")
            .investigationClosed(on("2016-05-01"), InvestigationOutcome.REFUSED_NO_CRIME);

    cluster.produce(
        List.of(
            new ProducerRecord<>(topic, "KZ-2016-0042", registered),
            new ProducerRecord<>(topic, "KZ-2016-0042", reprisal),
            new ProducerRecord<>(topic, "KZ-2016-0042", closed)),
        new AvroSerializer<CaseEvent>(cluster.registryClient(), true, false));

    assertThat(cluster.consumeAvro(topic, CaseEvent.class, 3))
        .extracting(ConsumerRecord::value)
        .containsExactly(registered, reprisal, closed);
  }

  @Test
  void genericRecordsRoundTrip() {
    final Schema schema =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"Figure\",\"namespace\":\"it\",\"fields\":["
                    + "{\"name\":\"country\",\"type\":\"string\"},{\"name\":\"cases\",\"type\":\"long\"}]}");
    final GenericRecord figure =
        new GenericRecordBuilder(schema).set("country", "KG").set("cases", 112L).build();
    final AvroSerde<GenericRecord> serde = AvroSerde.generic(cluster.registryClient(), false, true);

    cluster.produce(List.of(new ProducerRecord<>(topic, "KG", figure)), serde.serializer());

    final GenericRecord read = cluster.consume(topic, serde.deserializer(), 1).get(0).value();
    assertThat(read.get("country").toString()).isEqualTo("KG");
    assertThat(read.get("cases")).isEqualTo(112L);
  }

  @Test
  void writtenWithV1ReadAsV2GetsTheNewFieldsDefault() {
    final CaseEvent v1 = aCase("TJ-2016-0007").complaintFiled(on("2016-04-11"));
    cluster.produce(
        List.of(new ProducerRecord<>(topic, "TJ-2016-0007", v1)),
        new AvroSerializer<CaseEvent>(cluster.registryClient(), true, false));
    final Schema v2 = SchemaRegistryDurabilityIT.withOptionalField(CaseEvent.getClassSchema());

    final GenericRecord read =
        cluster
            .consume(topic, AvroDeserializer.generic(cluster.registryClient(), v2), 1)
            .get(0)
            .value();

    assertThat(read.getSchema()).isEqualTo(v2);
    assertThat(read.get("addedInV2")).isNull();
    assertThat(read.get("caseId").toString()).isEqualTo("TJ-2016-0007");
  }

  @Test
  void writtenWithV2ReadAsV1IgnoresTheNewField() throws IOException {
    final CaseEvent original =
        aCase("KG-2016-0101").withdrawn(on("2016-08-30"), WithdrawalReason.FEAR_OF_REPRISAL);
    final Schema v2 = SchemaRegistryDurabilityIT.withOptionalField(CaseEvent.getClassSchema());
    cluster.registryClient().register(topic + "-value", CaseEvent.getClassSchema());
    final GenericRecord asV2 = toGeneric(original, v2);
    asV2.put("addedInV2", "only new readers see this");

    cluster.produce(
        List.of(new ProducerRecord<>(topic, "KG-2016-0101", asV2)),
        AvroSerde.generic(cluster.registryClient(), false, true).serializer());

    assertThat(cluster.registryClient().versions(topic + "-value"))
        .as("BACKWARD lets v2 follow v1")
        .containsExactly(1, 2);
    assertThat(cluster.consumeAvro(topic, CaseEvent.class, 1).get(0).value()).isEqualTo(original);
  }

  @Test
  void theBytesAreConfluentWireFormatAndTheBodyIsPlainAvro() throws Exception {
    final CaseEvent event =
        aCase("UZ-2017-0003").compensationAwarded(on("2017-06-26"), 150_000, "UZS");
    cluster.produce(
        List.of(new ProducerRecord<>(topic, "UZ-2017-0003", event)),
        new AvroSerializer<CaseEvent>(cluster.registryClient(), true, false));

    final byte[] bytes = cluster.consume(topic, new ByteArrayDeserializer(), 1).get(0).value();

    assertThat(bytes[0]).as("magic byte").isZero();
    final int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    assertThat(id)
        .isEqualTo(
            cluster.registryClient().lookup(topic + "-value", CaseEvent.getClassSchema()).id());
    final BinaryDecoder decoder =
        DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
    final GenericRecord decoded =
        new GenericDatumReader<GenericRecord>(CaseEvent.getClassSchema()).read(null, decoder);
    assertThat(decoded.get("caseId").toString()).isEqualTo("UZ-2017-0003");
    assertThat(decoded.get("occurredAt")).isEqualTo(on("2017-06-26").toEpochMilli());
    assertThat(decoder.isEnd()).isTrue();
  }

  @Test
  void corruptInputGivesAClearSerializationException() {
    final AvroSerializer<CaseEvent> serializer =
        new AvroSerializer<>(cluster.registryClient(), true, false);
    final AvroDeserializer<CaseEvent> deserializer =
        AvroDeserializer.specific(cluster.registryClient(), CaseEvent.class);
    final byte[] valid =
        serializer.serialize(topic, aCase("KZ-2016-0042").complaintFiled(on("2016-03-02")));

    final byte[] wrongMagic = valid.clone();
    wrongMagic[0] = 0x7;
    assertThatThrownBy(() -> deserializer.deserialize(topic, wrongMagic))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(topic)
        .hasMessageContaining("magic byte 0x07");

    final byte[] unknownId = valid.clone();
    ByteBuffer.wrap(unknownId, 1, 4).putInt(987_654);
    assertThatThrownBy(() -> deserializer.deserialize(topic, unknownId))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(topic)
        .hasMessageContaining("schema id 987654 is unknown");

    final byte[] truncated = Arrays.copyOf(valid, valid.length - 6);
    assertThatThrownBy(() -> deserializer.deserialize(topic, truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(topic)
        .hasMessageContaining("truncated or corrupt");

    final byte[] tooShort = Arrays.copyOf(valid, 3);
    assertThatThrownBy(() -> deserializer.deserialize(topic, tooShort))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(topic)
        .hasMessageContaining("shorter than the 5-byte");

    final byte[] trailingGarbage = Arrays.copyOf(valid, valid.length + 3);
    assertThatThrownBy(() -> deserializer.deserialize(topic, trailingGarbage))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("left over");
  }

  /** The event as a GenericRecord of {@code schema}, the way a v2 writer would hold it. */
  private static GenericRecord toGeneric(final CaseEvent event, final Schema schema)
      throws IOException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(CaseEvent.class).write(event, encoder);
    encoder.flush();
    return new GenericDatumReader<GenericRecord>(CaseEvent.getClassSchema(), schema)
        .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
  }
}
