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
 * docs/contract.md's topic table is {@link Topics}: every contract topic, and how each is kept
 * (compacted, kept forever, stamped on arrival). A topic added to the code or a setting changed
 * fails here until the page says so.
 */
class TopicsDocsTest {

  private static final Path PAGE = Path.of("../../docs/contract.md");
  private static final Pattern FIRST_CODE = Pattern.compile("^\\s*`([^`]+)`");

  @Test
  void thePageListsEveryContractTopic() throws IOException {
    final List<String> expected = new ArrayList<>(Topics.all());
    expected.add(Topics.SCHEMAS);
    assertThat(documented().keySet()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void thePageSaysHowEachTopicIsKept() throws IOException {
    documented()
        .forEach(
            (topic, cleanup) -> {
              final Map<String, String> settings = Topics.settingsOf(topic);
              assertThat(cleanup.contains("compact"))
                  .as("%s compacted in docs/contract.md", topic)
                  .isEqualTo("compact".equals(settings.get("cleanup.policy")));
              assertThat(cleanup.contains("retention.ms=-1"))
                  .as("%s kept forever in docs/contract.md", topic)
                  .isEqualTo("-1".equals(settings.get("retention.ms")));
              assertThat(cleanup.contains("LogAppendTime"))
                  .as("%s stamped on arrival in docs/contract.md", topic)
                  .isEqualTo("LogAppendTime".equals(settings.get("message.timestamp.type")));
            });
  }

  /** Topic → its cleanup cell; the events row ("casewatch.events.kz … .uz") stands for all five. */
  private static Map<String, String> documented() throws IOException {
    final String page = Files.readString(PAGE);
    final int start = page.indexOf("| topic | key | value | cleanup |");
    assertThat(start).as("docs/contract.md has the topic table").isNotNegative();
    final Map<String, String> topics = new LinkedHashMap<>();
    for (final String row : page.substring(start, page.indexOf("\n\n", start)).split("\n")) {
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
