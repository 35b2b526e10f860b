package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml survives the loss of a broker: three KRaft nodes, every one configured so that
 * topics (casewatch's, Kafka Streams' internal ones, the offsets and the transaction log) have
 * three replicas and two in sync; every Kafka client knows all three; two service instances of one
 * Streams application, each with its own state and name. The file is read as Compose reads it
 * (anchors and merge keys resolved), so a node or instance that drifts from the others fails here,
 * not in production.
 */
class ComposeClusterTest {

  private static final Path COMPOSE =
      Path.of(System.getProperty("user.dir")).resolve("../../docker-compose.yml").normalize();
  private static final Set<String> NODES = Set.of("kafka-1", "kafka-2", "kafka-3");

  /** The settings that differ from node to node; every other setting is the same on all three. */
  private static final Set<String> PER_NODE =
      Set.of("KAFKA_NODE_ID", "KAFKA_LISTENERS", "KAFKA_ADVERTISED_LISTENERS");

  private static final Pattern HOST_PORT = Pattern.compile("(?:[A-Z_]+://)?([a-z0-9.-]+):(\\d+)");

  private static Map<String, Map<String, Object>> services;
  private static String text;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void read() throws IOException {
    text = Files.readString(COMPOSE);
    try (Reader reader = Files.newBufferedReader(COMPOSE)) {
      final Map<String, Object> compose = new Yaml().load(reader);
      services = (Map<String, Map<String, Object>>) compose.get("services");
    }
  }

  @Test
  void threeNodesAreEachABrokerAndAControllerVoter() {
    assertThat(brokers()).as("the Kafka nodes of %s", COMPOSE).containsOnlyKeys(NODES);
    brokers()
        .forEach(
            (name, env) -> {
              final String id = env.get("KAFKA_NODE_ID");
              assertThat(env.get("KAFKA_PROCESS_ROLES")).as(name).isEqualTo("broker,controller");
              assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                  .as(name)
                  .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
              assertThat(name).as("node %s's service name", id).isEqualTo("kafka-" + id);
              assertThat(env.get("KAFKA_ADVERTISED_LISTENERS"))
                  .as(name)
                  .contains("INTERNAL://" + name + ":9092", "BROKER://" + name + ":9094");
              assertThat(volumeAt(name, "/var/lib/kafka/data"))
                  .as("%s's data volume", name)
                  .isEqualTo(name + "-data");
            });
  }

  @Test
  void everyNodeKeepsThreeReplicasTwoInSync() {
    brokers()
        .forEach(
            (name, env) ->
                assertThat(env)
                    .as(name)
                    .contains(
                        Map.entry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3"),
                        Map.entry("KAFKA_MIN_INSYNC_REPLICAS", "2"),
                        Map.entry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3"),
                        Map.entry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3"),
                        Map.entry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2"),
                        Map.entry("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false")));
  }

  @Test
  void everyNodeAuthenticatesAndAuthorisesAlike() {
    final Map<String, Map<String, String>> brokers = brokers();
    final Map<String, Map<String, String>> differing = new TreeMap<>();
    brokers.values().stream()
        .flatMap(env -> env.keySet().stream())
        .distinct()
        .filter(key -> !PER_NODE.contains(key))
        .forEach(
            key -> {
              final Map<String, String> byNode = new TreeMap<>();
              brokers.forEach((name, env) -> byNode.put(name, env.get(key)));
              if (Set.copyOf(byNode.values().stream().map(String::valueOf).toList()).size() > 1) {
                differing.put(key, byNode);
              }
            });
    assertThat(differing)
        .as("settings that differ between nodes (only %s may)", PER_NODE)
        .isEmpty();
    brokers.forEach(
        (name, env) ->
            assertThat(env)
                .as(name)
                .contains(
                    Map.entry(
                        "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
                        "INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT"),
                    Map.entry("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512"),
                    Map.entry("KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL", "PLAIN"),
                    Map.entry("KAFKA_SASL_MECHANISM_CONTROLLER_PROTOCOL", "PLAIN"),
                    Map.entry(
                        "KAFKA_AUTHORIZER_CLASS_NAME",
                        "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
                    Map.entry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")));
  }

  /**
   * Streams creates its changelog and repartition topics with the broker's default replication
   * factor.
   */
  @Test
  void streamsInternalTopicsTakeTheBrokersReplication() {
    final StreamsConfig settings =
        new StreamsConfig(StreamsSettings.of("casewatch", "kafka-1:9092"));
    assertThat(settings.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG))
        .as(
            "StreamsSettings' replication.factor: -1 lets the brokers' default.replication.factor=3"
                + " apply")
        .isEqualTo(-1);
  }

  @Test
  void casewatchTopicsAndTheSchemaLogAreCreatedWithThreeReplicasTwoInSync() {
    final String access = script("kafka-access");
    final List<String> creates =
        commands(access).stream().filter(command -> command.contains("--create")).toList();
    assertThat(creates)
        .as("the topic creations of kafka-access")
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(
            create ->
                assertThat(create)
                    .contains("--replication-factor 3", "--config min.insync.replicas=2"));
    assertThat(
            Pattern.compile("--replication-factor (\\d+)")
                .matcher(access)
                .results()
                .map(m -> m.group(1)))
        .containsOnly("3");
    assertThat(environment("schema-registry"))
        .contains(Map.entry("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", "3"));
  }

  @Test
  void everyKafkaClientKnowsAllThreeNodes() {
    final Map<String, String> bootstraps = new LinkedHashMap<>();
    bootstraps.put(
        "schema-registry",
        environment("schema-registry").get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"));
    bootstraps.put("gateway", optionOf("gateway", "--bootstrap-servers"));
    serviceInstances()
        .forEach(
            name -> bootstraps.put(name, environment(name).get("CASEWATCH_BOOTSTRAP_SERVERS")));
    bootstraps.put(
        "kafka-access (admin)", match(script("kafka-access"), "--bootstrap-server (\\S+)"));
    bootstraps.put(
        "kafka-access (client files)", match(script("kafka-access"), "bootstrap.servers=(\\S+)"));
    bootstraps.forEach(
        (client, list) ->
            assertThat(hosts(list)).as("%s's bootstrap servers %s", client, list).isEqualTo(NODES));
    assertThat(
            Pattern.compile("(?<![\\w/-])kafka:9\\d{3}\\b")
                .matcher(text)
                .results()
                .map(MatchResult::group))
        .as("addresses of the one broker compose used to run")
        .isEmpty();
  }

  @Test
  void twoServiceInstancesOfOneApplicationEachWithItsOwnStateAndName() {
    final List<String> instances = serviceInstances();
    assertThat(instances).containsExactlyInAnyOrder("service-1", "service-2");
    assertThat(
            instances.stream()
                .map(name -> environment(name).get("CASEWATCH_APPLICATION_ID"))
                .distinct())
        .as("one Streams application")
        .containsExactly("casewatch");
    for (final String name : instances) {
      final Map<String, String> env = environment(name);
      assertThat(env.get("CASEWATCH_HTTP_ADVERTISED_HOST"))
          .as("%s is reached by the others as", name)
          .isEqualTo(name);
      assertThat(optionOf(name, "--config"))
          .as("%s's peer secret", name)
          .isEqualTo("/etc/casewatch/peer/peer.properties");
      assertThat(volumeAt(name, "/etc/casewatch/peer")).isEqualTo("service-peer");
      assertThat(dependsOn(name))
          .as("%s starts once every node is healthy", name)
          .contains(
              Map.entry("kafka-1", "service_healthy"),
              Map.entry("kafka-2", "service_healthy"),
              Map.entry("kafka-3", "service_healthy"));
    }
    assertThat(
            instances.stream()
                .map(name -> volumeAt(name, environment(name).get("CASEWATCH_STATE_DIR"))))
        .as("state volumes")
        .doesNotHaveDuplicates()
        .doesNotContainNull();
    assertThat(instances.stream().map(name -> String.valueOf(services.get(name).get("ports"))))
        .as("host ports")
        .doesNotHaveDuplicates();
  }

  private static Map<String, Map<String, String>> brokers() {
    final Map<String, Map<String, String>> brokers = new TreeMap<>();
    services.forEach(
        (name, service) -> {
          if (String.valueOf(service.get("image")).startsWith("apache/kafka:")
              && environment(name).containsKey("KAFKA_NODE_ID")) {
            brokers.put(name, environment(name));
          }
        });
    return brokers;
  }

  private static List<String> serviceInstances() {
    return services.entrySet().stream()
        .filter(
            service ->
                service.getValue().get("command") instanceof List<?> command
                    && !command.isEmpty()
                    && "service".equals(command.get(0)))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> environment(final String service) {
    final Map<String, Object> env =
        (Map<String, Object>) services.get(service).getOrDefault("environment", Map.of());
    final Map<String, String> values = new TreeMap<>();
    env.forEach((key, value) -> values.put(key, String.valueOf(value)));
    return values;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> dependsOn(final String service) {
    final Map<String, Map<String, Object>> dependencies =
        (Map<String, Map<String, Object>>) services.get(service).get("depends_on");
    return dependencies.entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> String.valueOf(e.getValue().get("condition"))));
  }

  /** The named volume mounted at {@code path} in {@code service}, or null. */
  private static String volumeAt(final String service, final String path) {
    return ((List<?>) services.get(service).get("volumes"))
        .stream()
            .map(String::valueOf)
            .map(volume -> volume.split(":"))
            .filter(parts -> parts.length >= 2 && parts[1].equals(path))
            .map(parts -> parts[0])
            .findFirst()
            .orElse(null);
  }

  private static String optionOf(final String service, final String option) {
    final List<?> command = (List<?>) services.get(service).get("command");
    final int at = command.indexOf(option);
    assertThat(at).as("%s's command %s has %s", service, command, option).isNotNegative();
    return String.valueOf(command.get(at + 1));
  }

  private static String script(final String service) {
    return String.valueOf(((List<?>) services.get(service).get("command")).get(0));
  }

  /** The script's commands, continuation lines joined. */
  private static List<String> commands(final String script) {
    return Arrays.asList(script.replace("\\\n", " ").replaceAll(" +", " ").split("\n"));
  }

  private static String match(final String script, final String regex) {
    final Matcher matcher = Pattern.compile(regex).matcher(script);
    assertThat(matcher.find()).as("%s in the script", regex).isTrue();
    return matcher.group(1);
  }

  private static Set<String> hosts(final String bootstrapServers) {
    return Arrays.stream(bootstrapServers.split(","))
        .map(String::trim)
        .map(
            address -> {
              final Matcher matcher = HOST_PORT.matcher(address);
              assertThat(matcher.matches()).as("a bootstrap address: %s", address).isTrue();
              return matcher.group(1);
            })
        .collect(Collectors.toSet());
  }
}
