package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit's paging cursor is opaque, round-trips, and anything not given out is refused. */
class AuditCursorTest {

  @Test
  void aCursorRoundTrips() {
    final AuditCursor cursor = new AuditCursor(Map.of(0, 12L, 1, 0L, 2, 9_000_000_000L));

    assertThat(AuditCursor.decode(cursor.encode())).isEqualTo(cursor);
  }

  @Test
  void anythingElseIsRefusedNotReadAsTheStart() {
    for (final String forged :
        List.of(
            "",
            "nonsense",
            "a1.",
            "a1.!!",
            "a1." + b64("0:1,0:2"),
            "a1." + b64("-1:3"),
            "a1." + b64("0:1;DROP"),
            "a1." + b64("0:99999999999999999999"))) {
      assertThatThrownBy(() -> AuditCursor.decode(forged))
          .as(forged)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("nextCursor");
    }
  }

  @Test
  void theAuditKeepsNoAccessTokenAndBoundsWhatItKeeps() {
    final Map<String, List<String>> given = new HashMap<>();
    given.put("access_token", List.of("cw_0123456789ab_secret"));
    given.put("country", List.of("KZ", "KG"));
    given.put("x".repeat(100), List.of("y".repeat(1000)));
    for (int i = 0; i < 50; i++) {
      given.put("p" + i, List.of("v"));
    }

    final Map<String, String> kept = AuditedRead.parameters(given);

    assertThat(kept).doesNotContainKey("access_token").hasSizeLessThanOrEqualTo(20);
    assertThat(kept.values())
        .noneMatch(value -> value.contains("secret"))
        .allMatch(value -> value.length() <= 200);
    assertThat(kept.keySet()).allMatch(name -> name.length() <= 64);
  }

  private static String b64(final String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }
}
