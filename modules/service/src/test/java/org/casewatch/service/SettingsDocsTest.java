package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/service.md's table of settings is the service's key table, key for key and default for
 * default: a key added, renamed or given another default in {@link ServiceConfig} fails here until
 * the page says so.
 */
class SettingsDocsTest {

  private static final Path PAGE = Path.of("../../docs/service.md");
  private static final Pattern CODE = Pattern.compile("`([^`]*)`");

  /** What the page writes for a setting without a default. */
  private static final List<String> NO_DEFAULT = List.of("(none)", "(any)", "random");

  @Test
  void thePageDocumentsEveryKeyWithItsDefault() throws IOException {
    assertThat(documented()).containsExactlyInAnyOrderEntriesOf(ServiceConfig.DEFAULTS);
  }

  /** Each row of the settings table: its keys (one or two), with the defaults given in order. */
  private static Map<String, String> documented() throws IOException {
    final String page = Files.readString(PAGE);
    final String table =
        page.substring(
            page.indexOf("| key | default | meaning |"),
            page.indexOf("\n\n", page.indexOf("| key |")));
    final Map<String, String> settings = new LinkedHashMap<>();
    for (final String row : table.split("\n")) {
      final String[] cells = row.split("\\|");
      if (cells.length < 3 || !cells[1].contains("`casewatch.")) {
        continue;
      }
      final List<String> keys = codes(cells[1]);
      final List<String> defaults =
          NO_DEFAULT.contains(cells[2].trim()) ? List.of() : codes(cells[2]);
      for (int i = 0; i < keys.size(); i++) {
        settings.put(keys.get(i), i < defaults.size() ? defaults.get(i) : "");
      }
    }
    assertThat(settings).as("settings in docs/service.md").isNotEmpty();
    return settings;
  }

  private static List<String> codes(final String cell) {
    final List<String> codes = new ArrayList<>();
    final Matcher code = CODE.matcher(cell);
    while (code.find()) {
      codes.add(code.group(1));
    }
    return codes;
  }
}
