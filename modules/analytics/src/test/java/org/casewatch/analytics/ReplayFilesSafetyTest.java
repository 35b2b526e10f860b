package org.casewatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay results and exports name cases: only their owner may read them, and no cell runs as a
 * formula.
 */
class ReplayFilesSafetyTest {

  @Test
  void everyFileIsWrittenOwnerOnlyEvenOverAReadableOne(@TempDir final Path dir) throws IOException {
    assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
    final Path out = dir.resolve("export");
    Files.createDirectories(out);
    final Path existing = Files.writeString(out.resolve("alerts.csv"), "old");
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));

    ReplayFiles.writeCases(List.of(), out);
    ReplayFiles.writeAlerts(List.of(), out);
    ReplayFiles.text(dir.resolve("new-dir").resolve("summary.md"), "# summary\n");

    try (Stream<Path> files =
        Stream.concat(Files.list(out), Stream.of(dir.resolve("new-dir/summary.md")))) {
      assertThat(files.toList())
          .hasSize(5)
          .allSatisfy(
              file ->
                  assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                      .as(file.toString())
                      .isEqualTo("rw-------"));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new-dir"))))
        .as("a directory it creates")
        .isEqualTo("rwx------");
    assertThat(Files.readString(existing)).startsWith("alertId,");
  }

  @Test
  void aFileThatFailsPartWayLeavesTheOneBeforeItWhole(@TempDir final Path dir) throws IOException {
    final Path file = dir.resolve("alerts.csv");
    PrivateFiles.write(file, "alertId,caseId\nA,KZ-2016-0042\n");

    assertThatThrownBy(
            () ->
                PrivateFiles.write(
                    file,
                    out -> {
                      out.write("alertId,caseId\n");
                      throw new IllegalStateException("a record could not be read back");
                    }))
        .hasMessageContaining("could not be read back");

    assertThat(Files.readString(file)).isEqualTo("alertId,caseId\nA,KZ-2016-0042\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.toList()).as("nothing half written left beside it").containsExactly(file);
    }
  }

  @Test
  void aCellThatASpreadsheetWouldRunAsAFormulaIsText() {
    assertThat(ReplayFiles.csv("=HYPERLINK(\"http://x\",\"y\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    assertThat(
            List.of("+1+cmd", "-2-cmd", "@SUM(A1)", "\tx", "\rx").stream()
                .map(ReplayFiles::csv)
                .toList())
        .containsExactly("'+1+cmd", "'-2-cmd", "'@SUM(A1)", "'\tx", "\"'\rx\"");
    assertThat(
            List.of("-5", "+3.5", "-", "kz-coalition", "", "CC-146").stream()
                .map(ReplayFiles::csv)
                .toList())
        .as("numbers, no figure and plain text stay as they are")
        .containsExactly("-5", "+3.5", "-", "kz-coalition", "", "CC-146");
  }
}
