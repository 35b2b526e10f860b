package org.casewatch.registry.serde;

/**
 * Confluent's TopicNameStrategy: a topic's keys are registered under {@code <topic>-key} and its
 * values under {@code <topic>-value}.
 */
public final class SubjectNames {

  private SubjectNames() {}

  public static String forTopic(final String topic, final boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }
}
