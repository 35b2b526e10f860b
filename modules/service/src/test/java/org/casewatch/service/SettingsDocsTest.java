package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casewatch.testkit.MarkdownTable;
import org.junit.jupiter.api.Test;

/**
 * docs/service.md's table of settings is the service's key table, key for key and default for
 * default: a key added, renamed or given another default in {@link ServiceConfig} fails here until
 * the page says so.
 */
class SettingsDocsTest {

  private static final Path PAGE = Path.of("../../docs/service.md");

  /** What the page writes for a setting without a default. */
  private static final List<String> NO_DEFAULT = List.of("(none)", "(any)", "random");

  @Test
  void thePageDocumentsEveryKeyWithItsDefault() {
    final Map<String, String> documented = new LinkedHashMap<>();
    for (final List<String> row : MarkdownTable.rows(PAGE, "| key | default | meaning |")) {
      final List<String> keys = MarkdownTable.codes(row.get(0));
      final List<String> defaults =
          NO_DEFAULT.contains(row.get(1)) ? List.of() : MarkdownTable.codes(row.get(1));
      for (int i = 0; i < keys.size(); i++) {
        documented.put(keys.get(i), i < defaults.size() ? defaults.get(i) : "");
      }
    }
    assertThat(documented).containsExactlyInAnyOrderEntriesOf(ServiceConfig.DEFAULTS);
  }
}
