package org.casewatch.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.ComplaintWithdrawn;
import org.casewatch.model.Country;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.PlaceOfDetention;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.ReprisalReported;
import org.casewatch.model.Sex;
import org.casewatch.model.VictimProfile;
import org.casewatch.model.WithdrawalReason;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.registry.serde.AvroSerde;
import org.casewatch.registry.serde.AvroSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Avro records cross a real broker in Confluent's wire format and come back equal. */
@ExtendWith(RegistryOnKafkaExtension.class)
class AvroSerdeIT {

  private final RegistryOnKafka cluster;
  private String topic;

  AvroSerdeIT(final RegistryOnKafka cluster) {
    this.cluster = cluster;
  }

  @BeforeEach
  void freshTopic() {
    topic = RegistryOnKafka.uniqueName("casewatch.events.kz");
    cluster.createTopic(topic);
  }

  @Test
  void generatedRecordsRoundTrip() {
    final CaseEvent registered =
        event(
            "KZ-2016-0042",
            on("2016-02-20"),
            CaseRegistered.newBuilder()
                .setAllegation(Allegation.TORTURE)
                .setPlaceOfDetention(PlaceOfDetention.POLICE_STATION)
                .setPerpetratorAgency(Agency.POLICE)
                .setVictim(
                    VictimProfile.newBuilder()
                        .setSex(Sex.MALE)
                        .setAgeBand(AgeBand.AGE_18_29)
                        .setReturnedFromAbroad(false)
                        .build())
                .build());
    final CaseEvent reprisal =
        event(
            "KZ-2016-0042",
            on("2016-03-09"),
            ReprisalReported.newBuilder()
                .setKind(ReprisalKind.THREAT_OF_FALSE_REPORT_CHARGES)
                .setAgency(Agency.POLICE)
                .build());
    final CaseEvent closed =
        event(
            "KZ-2016-0042",
            on("2016-05-01"),
            InvestigationClosed.newBuilder()
                .setOutcome(InvestigationOutcome.REFUSED_NO_CRIME)
                .build());

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
    final CaseEvent v1 = complaintFiled("TJ-2016-0007", on("2016-04-11"));
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
        event(
            "KG-2016-0101",
            on("2016-08-30"),
            ComplaintWithdrawn.newBuilder().setReason(WithdrawalReason.FEAR_OF_REPRISAL).build());
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
        event(
            "UZ-2017-0003",
            on("2017-06-26"),
            CompensationAwarded.newBuilder().setAmountMinor(150_000).setCurrency("UZS").build());
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
        serializer.serialize(topic, complaintFiled("KZ-2016-0042", on("2016-03-02")));

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

  /**
   * An event of case {@code caseId} that happened and was recorded {@code at}; the country is the
   * caseId's prefix. (The testkit, which has the case-event builders, depends on this module, so
   * they cannot be used here.)
   */
  private static CaseEvent event(
      final String caseId, final Instant at, final SpecificRecord payload) {
    final Country country = Country.valueOf(caseId.substring(0, 2));
    return CaseEvent.newBuilder()
        .setEventId(caseId + ":" + payload.getSchema().getName() + ":" + at)
        .setCaseId(caseId)
        .setCountry(country)
        .setCoalition(country.name().toLowerCase(Locale.ROOT) + "-coalition")
        .setOccurredAt(at)
        .setRecordedAt(at)
        .setPayload(payload)
        .build();
  }

  private static CaseEvent complaintFiled(final String caseId, final Instant at) {
    return event(
        caseId, at, ComplaintFiled.newBuilder().setAuthority(Authority.PROSECUTOR).build());
  }

  /** Midnight UTC of an ISO date such as {@code 2016-03-02}. */
  private static Instant on(final String isoDate) {
    return LocalDate.parse(isoDate).atStartOfDay(ZoneOffset.UTC).toInstant();
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
