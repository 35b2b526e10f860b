package org.casewatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

/**
 * The contract may only evolve BACKWARD-compatibly: consumers built on today's schemas must read
 * everything written with any released version.
 */
class SchemaEvolutionTest {

  @Test
  void everyReleasedVersionIsKept() {
    assertThat(ContractFiles.releasedVersions())
        .as("released versions under schemas/released/")
        .isNotEmpty();
  }

  @Test
  void currentSchemasReadEverythingWrittenWithEveryReleasedVersion() {
    final Map<String, Schema> current = ContractFiles.parse(ContractFiles.schemasDir());
    for (final Path released : ContractFiles.releasedVersions()) {
      final Map<String, Schema> old = ContractFiles.parse(released);
      for (final String name : ContractFiles.TOP_LEVEL) {
        assertThat(old).as("%s in %s", name, released).containsKey(name);
        final var result =
            SchemaCompatibility.checkReaderWriterCompatibility(current.get(name), old.get(name));
        assertThat(result.getType())
            .as(
                "schemas/%s.avsc must read data written with %s: %s",
                name, released.getFileName(), result.getResult().getIncompatibilities())
            .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
      }
    }
  }

  @Test
  void theCheckCatchesABreakingChange() {
    final Schema v1 =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
    final Schema newFieldWithoutDefault =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                    + "{\"name\":\"b\",\"type\":\"int\"}]}");

    final var result =
        SchemaCompatibility.checkReaderWriterCompatibility(newFieldWithoutDefault, v1);

    assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  @Test
  void generatedClassesAreBuiltFromTheContractFiles() {
    final Map<String, Schema> current = ContractFiles.parse(ContractFiles.schemasDir());

    // The generator adds Java-only string hints, so compare Avro's canonical parsing form.
    assertThat(parsingForm(CaseEvent.getClassSchema()))
        .isEqualTo(parsingForm(current.get("CaseEvent")));
    assertThat(parsingForm(CaseState.getClassSchema()))
        .isEqualTo(parsingForm(current.get("CaseState")));
    assertThat(parsingForm(CountryStats.getClassSchema()))
        .isEqualTo(parsingForm(current.get("CountryStats")));
    assertThat(parsingForm(Alert.getClassSchema())).isEqualTo(parsingForm(current.get("Alert")));
    assertThat(parsingForm(AuditRecord.getClassSchema()))
        .isEqualTo(parsingForm(current.get("AuditRecord")));
  }

  private static String parsingForm(final Schema schema) {
    return SchemaNormalization.toParsingForm(schema);
  }
}
