package org.casewatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text from outside reaches a log on one line, without control or invisible characters. */
class LogSafeTest {

  @Test
  void controlAndInvisibleCharactersAreEscapedAndLongTextCut() {
    assertThat(LogSafe.text("e-1\n2026-11-30 INFO forged line\r\u001b[31m\u0000\u202eevil\u2028"))
        .isEqualTo(
            "e-1\\u000a2026-11-30 INFO forged line\\u000d\\u001b[31m\\u0000\\u202eevil\\u2028");
    assertThat(LogSafe.text("KZ-2016-0042 \u049b\u0430\u0437\u0430\u049b \ud83d\ude00 a\\u000a"))
        .as("printable text stays")
        .isEqualTo("KZ-2016-0042 \u049b\u0430\u0437\u0430\u049b \ud83d\ude00 a\\\\u000a");
    assertThat(LogSafe.text("\ud83d")).isEqualTo("\\ud83d");
    assertThat(LogSafe.text(null)).isEqualTo("null");
    assertThat(LogSafe.text("x".repeat(10_000)))
        .hasSize(LogSafe.MAX_LENGTH + "...(10000 characters)".length())
        .endsWith("...(10000 characters)");
  }
}
