package org.casewatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The people in this data face reprisals: no field may identify a person, and every field must say
 * what it holds, so a reviewer can check that.
 */
class ContractPrivacyTest {

  /** Fragments of field names that would carry identity or free text. */
  private static final List<String> IDENTIFYING =
      List.of(
          "name",
          "phone",
          "address",
          "email",
          "passport",
          "birth",
          "iin",
          "inn",
          "pin",
          "document",
          "street",
          "city",
          "village",
          "description",
          "comment",
          "note",
          "text");

  @Test
  void everyFieldAndTypeIsDocumented() {
    final List<String> undocumented = new ArrayList<>();
    visitFields(
        (path, field) -> {
          if (field.doc() == null || field.doc().isBlank()) {
            undocumented.add(path);
          }
        });
    assertThat(undocumented).as("fields without an Avro doc").isEmpty();
  }

  @Test
  void noFieldCanIdentifyAPerson() {
    final List<String> suspicious = new ArrayList<>();
    visitFields(
        (path, field) -> {
          final String lower = field.name().toLowerCase(Locale.ROOT);
          IDENTIFYING.stream().filter(lower::contains).forEach(word -> suspicious.add(path));
        });
    assertThat(suspicious).as("fields whose names suggest identity or free text").isEmpty();
  }

  private interface FieldVisitor {
    void visit(String path, Schema.Field field);
  }

  private static void visitFields(final FieldVisitor visitor) {
    final Set<String> seen = new HashSet<>();
    for (final Schema schema : ContractFiles.parse(ContractFiles.schemasDir()).values()) {
      visit(schema, visitor, seen);
    }
  }

  private static void visit(
      final Schema schema, final FieldVisitor visitor, final Set<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (!seen.add(schema.getFullName())) {
          return;
        }
        for (final Schema.Field field : schema.getFields()) {
          visitor.visit(schema.getName() + "." + field.name(), field);
          visit(field.schema(), visitor, seen);
        }
      }
      case UNION -> schema.getTypes().forEach(branch -> visit(branch, visitor, seen));
      case ARRAY -> visit(schema.getElementType(), visitor, seen);
      case MAP -> visit(schema.getValueType(), visitor, seen);
      default -> {
        // primitives and enums have no fields
      }
    }
  }
}
