package org.casewatch.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files that hold case data (exports, replay results, reports, an import's rejects) readable
 * by their owner only: 0600, in a directory created 0700 if it did not exist. The mode is set when
 * the file is created, before anything is written, and an existing file is narrowed before it is
 * overwritten. On a file system without POSIX permissions (Windows) files are written as usual.
 */
public final class PrivateFiles {

  /** rw-------: the owner reads and writes, nobody else anything. */
  public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

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

  /** Writes what {@code body} writes to {@code file} as UTF-8, owner-only, creating its directory. */
  public static void write(final Path file, final Body body) {
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
      if (posix) {
        if (Files.exists(target)) {
          Files.setPosixFilePermissions(target, OWNER_ONLY);
        } else {
          Files.createFile(target, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
      }
      try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
        body.writeTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
