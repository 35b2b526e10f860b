package org.casewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.cli.CliRun.casewatch;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code replay} needs to know about dates, refused before it touches Kafka. */
class ReplayDatesTest {

  @Test
  void aReplayNeedsAsOfOrAsKnownAt(@TempDir final Path dir) {
    final CliRun replay = casewatch("replay", "--out", dir.resolve("out").toString());

    assertThat(replay.exitCode()).isEqualTo(2);
    assertThat(replay.err()).contains("--as-of", "--as-known-at");
  }

  @Test
  void asKnownAtIsRefusedOnTheStreamsEngine(@TempDir final Path dir) {
    final CliRun replay =
        casewatch(
            "replay",
            "--as-known-at",
            "2017-06-26",
            "--engine",
            "streams",
            "--out",
            dir.resolve("out").toString());

    assertThat(replay.exitCode()).isEqualTo(2);
    assertThat(replay.err()).contains("--as-known-at", "in-memory engine");
  }
}
