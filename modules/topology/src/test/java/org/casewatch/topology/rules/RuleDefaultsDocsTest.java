package org.casewatch.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;
import org.junit.jupiter.api.Test;

/**
 * The rule table in docs/topology.md gives each dated rule's default ("default 30"); the defaults
 * are casewatch-rules.yaml's. A default changed in the YAML fails here until the page says so.
 */
class RuleDefaultsDocsTest {

  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` v\\d+ \\|(.*)$");
  private static final Pattern DEFAULT = Pattern.compile("\\(default (\\d+)\\)");

  @Test
  void thePagesDefaultsAreTheRuleTables() throws IOException {
    final Map<RuleId, Long> documented = new LinkedHashMap<>();
    for (final String line : Files.readAllLines(Path.of("../../docs/topology.md"))) {
      final Matcher row = ROW.matcher(line);
      if (row.matches()) {
        final Matcher value = DEFAULT.matcher(row.group(2));
        if (value.find()) {
          documented.put(RuleId.valueOf(row.group(1)), Long.parseLong(value.group(1)));
        }
      }
    }
    assertThat(documented).as("rules whose default docs/topology.md gives").hasSizeGreaterThan(4);
    final Rules defaults = RulesFile.defaults();
    for (final Country country : Country.values()) {
      documented.forEach(
          (rule, days) ->
              assertThat(
                      defaults
                          .forCountry(country)
                          .threshold(rule, LocalDate.of(2016, 6, 1))
                          .map(DatedThreshold::threshold))
                  .as("%s's default in %s", rule, country)
                  .contains(days));
    }
  }
}
