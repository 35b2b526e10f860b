package org.casewatch.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;

/** Reads a directory of .avsc files that refer to each other by name, in any file order. */
final class ContractFiles {

  static final List<String> TOP_LEVEL = List.of("CaseEvent", "CaseState", "CountryStats", "Alert");

  private ContractFiles() {}

  static Path schemasDir() {
    final String dir = System.getProperty("casewatch.schemas.dir", "../../schemas");
    return Path.of(dir).toAbsolutePath().normalize();
  }

  static Path releasedDir(final String version) {
    return schemasDir().resolve("released").resolve(version);
  }

  static List<Path> releasedVersions() {
    try (Stream<Path> dirs = Files.list(schemasDir().resolve("released"))) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses every file in {@code dir}; files may refer to types defined in the others, in any order.
   * Returns the schemas by simple name.
   */
  static Map<String, Schema> parse(final Path dir) {
    final SchemaParser parser = new SchemaParser();
    final List<SchemaParser.ParseResult> results = new ArrayList<>();
    try {
      for (final Path file : avscFiles(dir)) {
        results.add(parser.parse(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    final Map<String, Schema> parsed = new TreeMap<>();
    for (final SchemaParser.ParseResult result : results) {
      final Schema schema = parser.resolve(result);
      parsed.put(schema.getName(), schema);
    }
    return parsed;
  }

  private static List<Path> avscFiles(final Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.toString().endsWith(".avsc")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
