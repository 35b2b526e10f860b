package org.casewatch.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.casewatch.model.Topics;

/**
 * The contract's topics, created once (as the admin when the broker authenticates): per-country
 * event topics kept forever, compacted state topics, the alerts, dead letters and the audit of
 * reads.
 */
final class DemoTopics {

  static final int PARTITIONS = 3;

  private DemoTopics() {}

  static void create(final String bootstrapServers, final Map<String, Object> adminProperties)
      throws InterruptedException, ExecutionException, TimeoutException {
    final List<String> names = Topics.all();
    final Map<String, Object> settings = new HashMap<>(adminProperties);
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(settings)) {
      final Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      final List<NewTopic> missing =
          names.stream()
              .filter(name -> !existing.contains(name))
              .map(
                  name ->
                      new NewTopic(name, PARTITIONS, (short) 1).configs(Topics.settingsOf(name)))
              .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
    }
  }
}
