package org.casewatch.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.casewatch.model.Topics;
import org.casewatch.registry.server.EmbeddedRegistryConfig;
import org.casewatch.registry.server.EmbeddedSchemaRegistry;
import org.casewatch.service.ServiceConfig;

/**
 * What a benchmark running the coordinator service needs: the contract's topics, a schema registry
 * and the service's settings.
 */
final class ServiceTopics {

  private ServiceTopics() {}

  /** Every topic the gateway and the service use, six partitions each. */
  static void create(final String bootstrap) throws Exception {
    create(bootstrap, 6);
  }

  /** Every topic the gateway and the service use, {@code partitions} each. */
  static void create(final String bootstrap, final int partitions) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      final List<String> names = Topics.all();
      admin
          .createTopics(
              names.stream()
                  .map(
                      name ->
                          new NewTopic(name, partitions, (short) 1)
                              .configs(Topics.settingsOf(name)))
                  .toList())
          .all()
          .get();
    }
  }

  /** A schema registry on {@code bootstrap}, on any free port of localhost. */
  static EmbeddedSchemaRegistry registry(final String bootstrap) {
    return EmbeddedSchemaRegistry.start(
        EmbeddedRegistryConfig.of(bootstrap).withHost("localhost").withPort(0));
  }

  /**
   * One service instance on {@code bootstrap}, any free port, no standby, with {@code overrides}.
   */
  static ServiceConfig serviceConfig(
      final String bootstrap,
      final String registryUrl,
      final Path access,
      final Path dir,
      final Map<String, String> overrides) {
    final Map<String, String> values = new HashMap<>();
    values.put("casewatch.bootstrap.servers", bootstrap);
    values.put("casewatch.registry.url", registryUrl);
    values.put("casewatch.http.port", "0");
    values.put("casewatch.state.dir", dir.resolve("state").toString());
    values.put("casewatch.streams.standby.replicas", "0");
    values.put("casewatch.auth.file", access.toString());
    values.putAll(overrides);
    return ServiceConfig.from(values);
  }
}
