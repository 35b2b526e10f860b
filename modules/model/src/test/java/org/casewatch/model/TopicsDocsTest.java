package org.casewatch.model;

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
 * docs/contract.md's topic table is {@link Topics}: every contract topic, every country's event
 * topic, and each topic's settings, one for one. A topic added to the code or a setting changed
 * fails here until the page says so.
 */
class TopicsDocsTest {

  private static final Path PAGE = Path.of("../../docs/contract.md");
  private static final Pattern FIRST_CODE = Pattern.compile("^\\s*`([^`]+)`");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern SETTING = Pattern.compile("`([a-z.]+)=([^`]+)`");

  @Test
  void thePageListsEveryContractTopic() throws IOException {
    final List<String> expected = new ArrayList<>(Topics.all());
    expected.add(Topics.SCHEMAS);
    assertThat(documented().keySet()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void thePageSaysHowEachTopicIsKeptSettingForSetting() throws IOException {
    documented()
        .forEach(
            (topic, cleanup) -> {
              final Map<String, String> stated = new LinkedHashMap<>();
              if (cleanup.contains("compact")) {
                stated.put("cleanup.policy", "compact");
              }
              final Matcher setting = SETTING.matcher(cleanup);
              while (setting.find()) {
                stated.put(setting.group(1), setting.group(2));
              }
              assertThat(stated)
                  .as("settings of %s in docs/contract.md", topic)
                  .containsExactlyInAnyOrderEntriesOf(Topics.settingsOf(topic));
            });
  }

  @Test
  void theEventsRowNamesEachCountrysTopic() throws IOException {
    final String row =
        table().stream()
            .filter(line -> line.contains(Topics.EVENTS_PREFIX))
            .findFirst()
            .orElseThrow();
    final List<String> named = new ArrayList<>();
    final Matcher code = CODE.matcher(row.split("\\|")[1]);
    while (code.find()) {
      named.add(
          code.group(1).startsWith(".")
              ? Topics.EVENTS_PREFIX + code.group(1).substring(1)
              : code.group(1));
    }
    assertThat(named).containsExactlyInAnyOrderElementsOf(Topics.allEvents());
  }

  private static List<String> table() throws IOException {
    final String page = Files.readString(PAGE);
    final int start = page.indexOf("| topic | key | value | cleanup |");
    assertThat(start).as("docs/contract.md has the topic table").isNotNegative();
    return List.of(page.substring(start, page.indexOf("\n\n", start)).split("\n"));
  }

  /** Topic → its cleanup cell; the events row ("casewatch.events.kz … .uz") stands for all five. */
  private static Map<String, String> documented() throws IOException {
    final Map<String, String> topics = new LinkedHashMap<>();
    for (final String row : table()) {
      final String[] cells = row.split("\\|");
      final Matcher topic = cells.length > 4 ? FIRST_CODE.matcher(cells[1]) : null;
      if (topic == null || !topic.find()) {
        continue;
      }
      final String cleanup = cells[4];
      if (topic.group(1).startsWith(Topics.EVENTS_PREFIX)) {
        Topics.allEvents().forEach(events -> topics.put(events, cleanup));
      } else {
        topics.put(topic.group(1), cleanup);
      }
    }
    return topics;
  }
}
