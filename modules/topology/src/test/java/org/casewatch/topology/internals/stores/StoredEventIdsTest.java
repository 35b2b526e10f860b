package org.casewatch.topology.internals.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Only an id in UUID's canonical text is kept as bytes; every id reads back as it was sent. */
class StoredEventIdsTest {

  @Test
  void aCanonicalUuidIsKeptInSixteenBytesAndReadsBackAsSent() {
    final String id = "0f8fad5b-d9cb-469f-a165-70867728950e";

    final Object stored = StoredEventIds.compact(id);

    assertThat(stored)
        .isInstanceOfSatisfying(
            ByteBuffer.class, bytes -> assertThat(bytes.remaining()).isEqualTo(16));
    assertThat(StoredEventIds.text(stored)).isEqualTo(id);
    assertThat(StoredEventIds.text(stored)).as("read twice").isEqualTo(id);
  }

  @Test
  void anyOtherIdIsKeptAsItsText() {
    for (final String id :
        new String[] {
          "0F8FAD5B-D9CB-469F-A165-70867728950E",
          "KZ-2016-0042:complaint-filed:2016-03-01",
          "1-1-1-1-1",
          "0f8fad5b-d9cb-469f-a165-70867728950",
          "0f8fad5b-d9cb-469f-a165-70867728950x",
          ""
        }) {
      assertThat(StoredEventIds.compact(id)).as(id).isEqualTo(id);
      assertThat(StoredEventIds.text(StoredEventIds.compact(id))).as(id).isEqualTo(id);
    }
    assertThat(StoredEventIds.compact(null)).isNull();
    assertThat(StoredEventIds.text(null)).isNull();
  }

  @Test
  void bytesThatAreNotAUuidAreRefused() {
    assertThatThrownBy(() -> StoredEventIds.text(ByteBuffer.wrap(new byte[15])))
        .hasMessageContaining("15 bytes");
  }
}
