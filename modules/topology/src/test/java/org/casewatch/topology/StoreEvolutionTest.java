package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.model.internal.KeptEvent;
import org.casewatch.model.internal.StoredEvent;
import org.casewatch.topology.internals.stores.StoreSerde;
import org.casewatch.topology.internals.stores.StoreSerdes;
import org.casewatch.topology.internals.stores.StoredEventIds;
import org.junit.jupiter.api.Test;

/**
 * State survives contract evolution: stores and their changelogs (the same bytes) name the schema
 * that wrote each value by a number, and every schema a release writes is kept in the jar by
 * fingerprint and number, so a later release with a new optional field reads them without a reset,
 * and this release reads what an earlier one wrote (in Avro's single-object encoding, before
 * December 2026).
 */
class StoreEvolutionTest {

  @Test
  void everySchemaThisReleaseWritesIsKeptInTheJar() throws IOException {
    for (final Schema schema :
        List.of(
            StoredEvent.getClassSchema(),
            AlertMark.getClassSchema(),
            CaseRecord.getClassSchema())) {
      final String file = StoreSerde.RELEASED_SCHEMAS_DIR + StoreSerde.releasedFileName(schema);
      try (InputStream in = StoreSerde.class.getResourceAsStream(file)) {
        assertThat(in)
            .as(
                "%s's schema must be kept as modules/topology/src/main/resources%s (its"
                    + " Schema.toString(true)) so that later releases read what this one writes",
                schema.getName(), file)
            .isNotNull();
        assertThat(SchemaNormalization.toParsingForm(new Schema.Parser().parse(in)))
            .isEqualTo(SchemaNormalization.toParsingForm(schema));
      }
      assertThat(StoreSerde.numberOf(schema))
          .as(
              "%s's schema must have the next number in store-schemas/numbered.txt",
              schema.getName())
          .isPresent();
    }
  }

  @Test
  void aNumberOnceGivenNamesItsSchemaForGood() throws IOException {
    final List<String> numbered;
    try (InputStream in = StoreSerde.class.getResourceAsStream("/store-schemas/numbered.txt")) {
      numbered =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(line -> !line.isBlank() && !line.startsWith("#"))
              .toList();
    }
    assertThat(numbered)
        .as("stores and changelogs name their schemas by these numbers: add, never renumber")
        .startsWith(
            "1 7f9dfb6c7082ef96",
            "2 83a09aa01b965665",
            "3 9afa334588819298",
            "4 13d3a70aba2b3d36",
            "5 a7f7447f3eb19d7f",
            "6 2894ea21d8febf54",
            "7 c98f086a6aa06d9f",
            "8 8f7979f497dec917",
            "9 351fed18e3e058cd",
            "10 6c9616d1ee4cd6bc");
    for (int i = 0; i < numbered.size(); i++) {
      final String[] entry = numbered.get(i).split(" ", 2);
      assertThat(entry[0]).as("numbers follow one another").isEqualTo(Integer.toString(i + 1));
      assertThat(StoreSerde.class.getResource("/store-schemas/" + entry[1] + ".avsc"))
          .as("the schema numbered " + entry[0])
          .isNotNull();
    }
  }

  @Test
  void aStoredValueNamesItsSchemaInTwoBytes() throws IOException {
    final StoredEvent event = aStoredEvent();

    final byte[] stored =
        StoreSerdes.storedEvent().serializer().serialize("case-events-store-changelog", event);

    final ByteArrayOutputStream avro = new ByteArrayOutputStream();
    final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(avro, null);
    new SpecificDatumWriter<StoredEvent>(StoredEvent.getClassSchema()).write(event, encoder);
    encoder.flush();
    assertThat(stored.length).as("Avro binary and two bytes").isEqualTo(avro.size() + 2);
    assertThat(stored[0]).isEqualTo(StoreSerde.NUMBERED);
    assertThat((long) stored[1])
        .isEqualTo(StoreSerde.numberOf(StoredEvent.getClassSchema()).orElseThrow());
    assertThat(
            StoreSerdes.storedEvent()
                .deserializer()
                .deserialize("case-events-store-changelog", stored))
        .isEqualTo(event);
  }

  @Test
  void aCutOrMisnumberedValueIsRefusedAsCorrupt() {
    final byte[] whole =
        StoreSerdes.storedEvent()
            .serializer()
            .serialize("case-events-store-changelog", aStoredEvent());
    for (final byte[] stored :
        List.of(
            new byte[] {StoreSerde.NUMBERED},
            new byte[] {StoreSerde.NUMBERED, (byte) 0x80},
            Arrays.copyOf(whole, whole.length - 3))) {
      assertThatThrownBy(
              () ->
                  StoreSerdes.storedEvent()
                      .deserializer()
                      .deserialize("case-events-store-changelog", stored))
          .hasMessageContaining("is corrupt: its " + stored.length + " bytes end before");
    }
    assertThatThrownBy(
            () ->
                StoreSerdes.storedEvent()
                    .deserializer()
                    .deserialize(
                        "case-events-store-changelog", new byte[] {StoreSerde.NUMBERED, 0, 0}))
        .hasMessageContaining("is corrupt: it names store schema number 0, which no release gives");
  }

  @Test
  void aValueWithAnUnknownSchemaNumberIsRefusedSayingWhatToDo() {
    final byte[] stored = {StoreSerde.NUMBERED, 0x7f, 0, 0};

    assertThatThrownBy(
            () ->
                StoreSerdes.storedEvent()
                    .deserializer()
                    .deserialize("case-events-store-changelog", stored))
        .hasMessageContaining("store schema number 127")
        .hasMessageContaining("A newer release wrote it");
  }

  @Test
  void aStoredEventHoldsEveryPayloadOfTheContract() {
    final List<String> contract =
        CaseEvent.getClassSchema().getField("payload").schema().getTypes().stream()
            .map(Schema::getFullName)
            .toList();
    final List<String> stored =
        StoredEvent.getClassSchema().getField("payload").schema().getTypes().stream()
            .map(Schema::getFullName)
            .toList();
    assertThat(stored)
        .as("schemas/internal/StoredEvent.avsc payload union")
        .containsExactlyElementsOf(contract);
    final List<String> kept =
        KeptEvent.getClassSchema().getField("payload").schema().getTypes().stream()
            .map(Schema::getFullName)
            .toList();
    assertThat(kept)
        .as("schemas/internal/CaseRecord.avsc KeptEvent's payload union")
        .containsExactlyElementsOf(contract);
  }

  @Test
  void aLaterReleaseWithANewOptionalFieldReadsWhatThisOneWrote() throws IOException {
    final byte[] stored =
        StoreSerdes.storedEvent()
            .serializer()
            .serialize("case-events-store-changelog", aStoredEvent());

    final Schema v2 = withOptionalField(StoredEvent.getClassSchema(), "custodyAtComplaint");
    final GenericRecord read = (GenericRecord) StoreSerde.read(stored, v2, GenericData.get());

    assertThat(read.get("custodyAtComplaint")).isNull();
    assertThat(read.get("occurredAt"))
        .isEqualTo(Instant.parse("2016-03-02T00:00:00Z").toEpochMilli());
    assertThat(((GenericRecord) read.get("payload")).get("authority").toString())
        .isEqualTo("PROSECUTOR");
  }

  @Test
  void thisReleaseReadsWhatAnEarlierOneWrote() throws IOException {
    // An earlier CaseRecord without coalition and settleAt, kept (as a release would) under test
    // resources.
    final Schema earlier;
    try (InputStream in = getClass().getResourceAsStream("/store-schemas/4b8d157074a56a3c.avsc")) {
      earlier = new Schema.Parser().parse(in);
    }
    final GenericRecord old = new GenericData.Record(earlier);
    old.put("eventCount", 7);
    old.put("indexedDues", List.of(1_458_000_000_000L));
    old.put("judgedThrough", null);
    old.put("lastArrival", 1_700_000_000_000L);
    old.put("tooLarge", false);
    final ByteBuffer bytes =
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), earlier).encode(old);
    final byte[] stored = new byte[bytes.remaining()];
    bytes.get(stored);

    final CaseRecord read =
        StoreSerdes.caseRecord().deserializer().deserialize("case-records-store-changelog", stored);

    assertThat(read.getEventCount()).isEqualTo(7);
    assertThat(read.getIndexedDues()).containsExactly(1_458_000_000_000L);
    assertThat(read.getCoalition()).as("the default of the newer field").isEmpty();
    assertThat(read.getSettleAt()).isNull();
  }

  @Test
  void anAlertMarkKeepsAUuidEventIdInSixteenBytesAndReadsTheTextOneAnEarlierReleaseWrote()
      throws IOException {
    final String uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
    final AlertMark mark = markTriggeredBy(uuid);
    final AlertMark other = markTriggeredBy("KZ-2016-0042:complaint-filed:2016-03-01");

    final byte[] compact =
        StoreSerdes.alertMark().serializer().serialize("case-alerts-store-changelog", mark);
    final byte[] text =
        StoreSerdes.alertMark().serializer().serialize("case-alerts-store-changelog", other);
    assertThat(eventIdOf(readMark(compact))).isEqualTo(uuid);
    assertThat(eventIdOf(readMark(text))).isEqualTo("KZ-2016-0042:complaint-filed:2016-03-01");

    // What the release before wrote for the same mark (schema 2894ea21d8febf54): every event id as
    // its text.
    final byte[] earlier =
        HexFormat.of()
            .parseHex(
                "c30154bffed821ea942804020000048080fb81ed540000024830663866616435622d643963622d"
                    + "343639662d613136352d3730383637373238393530650000");

    assertThat(eventIdOf(readMark(earlier))).isEqualTo(uuid);
    assertThat(earlier.length - compact.length)
        .as("bytes saved: 20 of the event id, 8 of the header")
        .isEqualTo(28);
  }

  private static StoredEvent aStoredEvent() {
    return new StoredEvent(
        Instant.parse("2016-03-02T00:00:00Z"),
        Instant.parse("2016-03-03T00:00:00Z"),
        Instant.parse("2026-11-30T06:00:00Z"),
        null,
        ComplaintFiled.newBuilder().setAuthority(Authority.PROSECUTOR).build());
  }

  private static AlertMark markTriggeredBy(final String eventId) {
    return AlertMark.newBuilder()
        .setRule(org.casewatch.model.RuleId.RETALIATION)
        .setRuleVersion(1)
        .setStatus(org.casewatch.model.AlertStatus.RAISED)
        .setSeverity(org.casewatch.model.Severity.HIGH)
        .setRaisedAt(Instant.parse("2016-03-12T00:00:00Z"))
        .setTriggeringEventId(StoredEventIds.compact(eventId))
        .build();
  }

  private static String eventIdOf(final AlertMark mark) {
    return StoredEventIds.text(mark.getTriggeringEventId());
  }

  private static AlertMark readMark(final byte[] stored) {
    return StoreSerdes.alertMark()
        .deserializer()
        .deserialize("case-alerts-store-changelog", stored);
  }

  private static Schema withOptionalField(final Schema schema, final String name) {
    final List<Schema.Field> fields = new ArrayList<>();
    schema.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
    fields.add(
        new Schema.Field(
            name,
            Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
            "added by a later release",
            Schema.Field.NULL_DEFAULT_VALUE));
    return Schema.createRecord(
        schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }
}
