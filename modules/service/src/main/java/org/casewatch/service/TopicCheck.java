package org.casewatch.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.casewatch.model.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a topic the service writes if it does not exist yet, with the contract's settings.
 * Failing that (a principal not allowed to create topics, a broker still down) is reported, not
 * thrown: the operator creates it instead.
 */
final class TopicCheck {

  private static final Logger log = LoggerFactory.getLogger(TopicCheck.class);

  private TopicCheck() {}

  /**
   * Ensures {@code topic} (settings of {@code contractName}), with as many partitions as {@code
   * partitionsLike} when given (the broker's default otherwise); {@code consequence} says in the
   * log what happens until it exists.
   */
  static void ensure(
      final Map<String, Object> kafka,
      final String topic,
      final String contractName,
      final Optional<String> partitionsLike,
      final String consequence) {
    try (Admin admin = Admin.create(kafka)) {
      if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
        return;
      }
      final Optional<Integer> partitions =
          partitionsLike.isEmpty()
              ? Optional.empty()
              : Optional.of(
                  admin
                      .describeTopics(List.of(partitionsLike.get()))
                      .allTopicNames()
                      .get(30, TimeUnit.SECONDS)
                      .get(partitionsLike.get())
                      .partitions()
                      .size());
      admin
          .createTopics(
              List.of(
                  new NewTopic(topic, partitions, Optional.empty())
                      .configs(Topics.settingsOf(contractName))))
          .all()
          .get(30, TimeUnit.SECONDS);
      log.info("Created the topic {} ({})", topic, Topics.settingsOf(contractName));
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        log.error(
            "The topic {} does not exist and cannot be created ({}); create it with {}{}: until"
                + " then {}",
            topic,
            e.getCause().getMessage(),
            Topics.settingsOf(contractName),
            partitionsLike.map(like -> " and as many partitions as " + like).orElse(""),
            consequence);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | RuntimeException e) {
      log.error(
          "Cannot check the topic {} ({}): until it exists {}", topic, e.getMessage(), consequence);
    }
  }
}
