package org.casewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import's rejects file repeats what the rejected lines said: it must not run in a spreadsheet,
 * nor be readable by others.
 */
class RejectsFileTest {

  @Test
  void aRejectedLinesOwnTextIsNeverAFormulaAndTheFileIsOwnerOnly(@TempDir final Path dir)
      throws IOException {
    final Path rejects = dir.resolve("events.csv.rejects.csv");
    ImportCommand.writeRejects(
        rejects,
        List.of(
            new ImportCommand.Reject(
                2, "=cmd|' /C calc'!A0", "eventId", "pattern", "eventId must be ..."),
            new ImportCommand.Reject(
                3, "@SUM(1+1)*cmd", "+name", "unknown-field", "-unknown field")));

    assertThat(Files.readAllLines(rejects))
        .containsExactly(
            "line,eventId,field,rule,message",
            "2,\"'=cmd|' /C calc'!A0\",eventId,pattern,\"eventId must be ...\"",
            "3,\"'@SUM(1+1)*cmd\",\"'+name\",unknown-field,\"'-unknown field\"");
    assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rejects)))
        .isEqualTo("rw-------");
  }
}
