package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.registry.client.RegistryUnreachableException;
import org.casewatch.topology.deadletters.CaseEventDecoder;
import org.casewatch.topology.deadletters.DeadLetter;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Bad input goes to casewatch.dead-letters with its original bytes and its reason; the rest flows
 * on.
 */
class DeadLetterSpec {

  @Test
  void eachKindOfBadRecordIsDeadLetteredWithItsReason() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseEvent valid = aCase("KZ-2016-0042").registered(on("2016-02-20"));
      final byte[] validBytes = casewatch.bytesOf(valid);
      final byte[] wrongMagic = validBytes.clone();
      wrongMagic[0] = 0x4;
      final CaseEvent uzbekEvent = aCase("UZ-2016-0001").registered(on("2016-02-20"));

      casewatch.publishRaw(Country.KZ, utf8("KZ-2016-0042"), wrongMagic);
      casewatch.publishRaw(
          Country.KZ, utf8("KZ-2016-0042"), Arrays.copyOf(validBytes, validBytes.length - 4));
      casewatch.publishRaw(Country.KZ, utf8("UZ-2016-0001"), casewatch.bytesOf(uzbekEvent));
      casewatch.publishRaw(Country.KZ, null, validBytes);
      casewatch.publishRaw(Country.KZ, utf8("KZ-2016-0042"), null);
      casewatch.publishRaw(Country.KZ, utf8("KZ-2016-0042"), validBytes);

      final List<TestRecord<byte[], byte[]>> deadLetters = casewatch.deadLetters();
      assertThat(deadLetters)
          .extracting(record -> header(record, DeadLetter.REASON))
          .satisfiesExactly(
              reason -> assertThat(reason).contains("undecodable", "unknown magic byte 0x04"),
              reason -> assertThat(reason).contains("undecodable", "truncated or corrupt"),
              reason ->
                  assertThat(reason)
                      .isEqualTo(
                          "event "
                              + uzbekEvent.getEventId()
                              + " for case UZ-2016-0001 names country UZ but arrived on"
                              + " casewatch.events.kz (record casewatch.events.kz-0@2)"),
              reason -> assertThat(reason).contains("has no record key"),
              reason -> assertThat(reason).contains("no value (a tombstone)"));
      assertThat(deadLetters.get(0).value()).isEqualTo(wrongMagic);
      assertThat(deadLetters.get(0).key()).isEqualTo(utf8("KZ-2016-0042"));
      assertThat(header(deadLetters.get(0), DeadLetter.SOURCE_TOPIC))
          .isEqualTo("casewatch.events.kz");
      assertThat(header(deadLetters.get(0), DeadLetter.SOURCE_OFFSET)).isEqualTo("0");
      assertThat(header(deadLetters.get(0), DeadLetter.EXCEPTION))
          .isEqualTo("org.apache.kafka.common.errors.SerializationException");
      assertThat(casewatch.caseState("KZ-2016-0042"))
          .as("the valid record after them was processed")
          .isNotNull();
    }
  }

  @Test
  void invalidFieldsNameTheFieldAndTheRule() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseEvent negative =
          aCase("TJ-2016-0005").compensationAwarded(on("2016-09-01"), -5, "TJS");
      final CaseEvent badCaseId = aCase("TJ-2016-0006").registered(on("2016-09-01"));
      badCaseId.setCaseId("Aigul S.");

      casewatch.publish(negative);
      casewatch.publishRaw(Country.TJ, utf8("Aigul S."), casewatch.bytesOf(badCaseId));

      assertThat(casewatch.deadLetters())
          .extracting(record -> header(record, DeadLetter.REASON))
          .satisfiesExactly(
              reason ->
                  assertThat(reason)
                      .contains("has an invalid payload.amountMinor: amountMinor -5 is negative"),
              reason ->
                  assertThat(reason)
                      .contains(
                          "has an invalid caseId: caseId 'Aigul S.' must look like KZ-2016-0042"));
      assertThat(casewatch.caseStates()).isEmpty();
    }
  }

  @Test
  void aRegistryOutageIsNotTheRecordsFaultAndDeadLettersNothing() {
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final byte[] valid = casewatch.bytesOf(aCase("KZ-2016-0042").registered(on("2016-02-20")));
      casewatch.registry().setDown(true);

      assertThatThrownBy(() -> casewatch.publishRaw(Country.KZ, utf8("KZ-2016-0042"), valid))
          .hasRootCauseInstanceOf(RegistryUnreachableException.class);
      assertThat(casewatch.deadLetters()).isEmpty();
    }
  }

  @Test
  void whatARecordSaysNeverReachesTheLogWithItsControlCharacters() {
    final Logger decoderLog = (Logger) LoggerFactory.getLogger(CaseEventDecoder.class);
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    decoderLog.addAppender(logged);
    try (CasewatchDriver casewatch = CasewatchDriver.replay()) {
      final CaseEvent forged = aCase("KZ-2016-0042").registered(on("2016-02-20"));
      forged.setEventId("e\n2026-11-30 INFO all is well\u001b[2K");

      casewatch.publishRaw(Country.KZ, utf8("KZ-2016-0042"), casewatch.bytesOf(forged));

      assertThat(casewatch.deadLetters()).hasSize(1);
      assertThat(logged.list)
          .singleElement()
          .extracting(ILoggingEvent::getFormattedMessage)
          .asString()
          .contains("event e\\u000a2026-11-30 INFO all is well\\u001b[2K for case")
          .doesNotContain("\n", "\u001b");
    } finally {
      decoderLog.detachAppender(logged);
    }
  }

  static String header(final TestRecord<byte[], byte[]> record, final String name) {
    final Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(final String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
