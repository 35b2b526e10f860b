package org.casewatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void eventTopicsAreKeptForeverAndStampedByTheBrokerOnArrival() {
    for (final String events : Topics.allEvents()) {
      assertThat(Topics.settingsOf(events))
          .as(events)
          .isEqualTo(
              Map.of(
                  "retention.ms", "-1",
                  "retention.bytes", "-1",
                  "message.timestamp.type", "LogAppendTime"));
    }
    assertThat(Topics.settingsOf("svc-1a2b3c4d.casewatch.events.uz"))
        .as("under a prefix")
        .isEqualTo(Topics.EVENT_LOG);
  }

  @Test
  void stateTopicsAreCompactedUnderAnyPrefix() {
    assertThat(Topics.settingsOf(Topics.CASE_STATE)).isEqualTo(Map.of("cleanup.policy", "compact"));
    assertThat(Topics.settingsOf("an-1a2b3c4d." + Topics.COUNTRY_STATS))
        .isEqualTo(Topics.COMPACTED);
    assertThat(Topics.settingsOf(Topics.SCHEMAS)).isEqualTo(Topics.COMPACTED);
    assertThat(Topics.settingsOf("svc." + Topics.SUBSCRIPTIONS)).isEqualTo(Topics.COMPACTED);
  }

  @Test
  void alertsDeadLettersAndOtherTopicsAreKeptForeverWithTheProducersTimestamps() {
    for (final String topic :
        new String[] {
          Topics.ALERTS,
          Topics.ALERT_ACTIONS,
          "live-1." + Topics.DEAD_LETTERS,
          "casewatch.events.ru",
          "casewatch.events.kz.backup"
        }) {
      assertThat(Topics.settingsOf(topic))
          .as(topic)
          .isEqualTo(Map.of("retention.ms", "-1", "retention.bytes", "-1"));
    }
  }

  @Test
  void everyContractTopicButTheRegistrysIsListedOnce() {
    assertThat(Topics.all())
        .doesNotHaveDuplicates()
        .hasSize(12)
        .contains(Topics.ALERT_ACTIONS, Topics.AUDIT)
        .containsAll(Topics.allEvents())
        .doesNotContain(Topics.SCHEMAS);
  }
}
