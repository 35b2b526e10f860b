package org.casewatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casewatch.testkit.MarkdownTable;
import org.junit.jupiter.api.Test;

/**
 * docs/ingestion.md's table of the gateway's settings is {@link GatewayConfig#DEFAULTS}, key for
 * key and default for default, in the same order.
 */
class GatewaySettingsDocsTest {

  private static final Path PAGE = Path.of("../../docs/ingestion.md");

  @Test
  void thePageDocumentsEveryKeyWithItsDefault() {
    final Map<String, String> documented = new LinkedHashMap<>();
    for (final List<String> row :
        MarkdownTable.rows(PAGE, "| key | option | default | meaning |")) {
      final List<String> keys = MarkdownTable.codes(row.get(0));
      final List<String> defaults = MarkdownTable.codes(row.get(2));
      for (int i = 0; i < keys.size(); i++) {
        documented.put(keys.get(i), i < defaults.size() ? defaults.get(i) : "");
      }
    }
    assertThat(documented).containsExactlyEntriesOf(GatewayConfig.DEFAULTS);
  }
}
