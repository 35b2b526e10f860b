package org.casewatch.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files that hold case data (exports, replay results, reports, an import's rejects) readable
 * by their owner only: 0600, in a directory created 0700 if it did not exist. The mode is set when
 * the file is created, before anything is written, and the file then replaces any earlier one
 * whole. On a file system without POSIX permissions (Windows) files are written as usual.
 */
public final class PrivateFiles {

  /** rw-------: the owner reads and writes, nobody else anything. */
  public static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  /** What goes into a file, written as it is made rather than built whole first. */
  @FunctionalInterface
  public interface Body {
    void writeTo(Writer out) throws IOException;
  }

  /** Writes {@code content} to {@code file} as UTF-8, owner-only, creating its directory. */
  public static void write(final Path file, final String content) {
    write(file, out -> out.write(content));
  }

  /**
   * Writes what {@code body} writes to {@code file} as UTF-8, owner-only, creating its directory.
   * It is written to a file beside it first, then moved into its place, so a failure part-way
   * leaves the file as it was, never half written.
   */
  public static void write(final Path file, final Body body) {
    Path written = null;
    try {
      final Path target = file.toAbsolutePath();
      final boolean posix = target.getFileSystem().supportedFileAttributeViews().contains("posix");
      final Path dir = target.getParent();
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } else {
          Files.createDirectories(dir);
        }
      }
      written =
          posix
              ? Files.createTempFile(
                  dir,
                  "." + target.getFileName(),
                  ".part",
                  PosixFilePermissions.asFileAttribute(OWNER_ONLY))
              : Files.createTempFile(dir, "." + target.getFileName(), ".part");
      try (Writer out = Files.newBufferedWriter(written, StandardCharsets.UTF_8)) {
        body.writeTo(out);
      }
      try {
        Files.move(
            written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
      }
      written = null;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      if (written != null) {
        written.toFile().delete();
      }
    }
  }
}
