package org.casewatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.awaitility.Awaitility;
import org.casewatch.model.KafkaPrincipals;
import org.casewatch.model.Topics;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.registry.client.SchemaRegistryClient;
import org.casewatch.registry.server.EmbeddedRegistryConfig;
import org.casewatch.registry.server.EmbeddedSchemaRegistry;
import org.casewatch.testkit.kafka.KafkaBroker;

/**
 * A Kafka cluster locked down as production should be: clients authenticate with
 * SASL/SCRAM-SHA-512, the StandardAuthorizer allows only what {@link KafkaPrincipals#DEFAULT}
 * grants ({@code allow.everyone.if.no.acl.found=false}), and every principal has a client
 * properties file of its own ({@link #clientFile}), owner-only, as the demo writes them. The
 * contract's topics exist, and the embedded schema registry runs as the {@code registry} principal.
 *
 * <p>The broker's own channels (inter-broker, controller) authenticate with the test kit's PLAIN
 * super user; no casewatch client uses PLAIN. Start it only for the tests of security: the shared
 * {@link CasewatchCluster} stays plaintext so that every other test stays fast.
 */
public final class SecureCasewatchCluster implements AutoCloseable {

  /** The SASL mechanism every casewatch client uses. */
  public static final String MECHANISM = "SCRAM-SHA-512";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String BROKER_LISTENER = "EXTERNAL";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KafkaClusterTestKit cluster;
  private final Path clientsDir;
  private final Admin admin;
  private final Map<String, Path> clientFiles = new LinkedHashMap<>();
  private EmbeddedSchemaRegistry registry;
  private SchemaRegistryClient registryClient;

  private SecureCasewatchCluster(final KafkaClusterTestKit cluster, final Path clientsDir) {
    this.cluster = cluster;
    this.clientsDir = clientsDir;
    final Map<String, Object> setup = new HashMap<>(superUser());
    setup.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    this.admin = Admin.create(setup);
  }

  /**
   * Starts the cluster, creates every principal's SCRAM credential with a random password, writes
   * its client file, grants its ACLs, creates the contract's topics and starts the registry.
   */
  public static SecureCasewatchCluster start() {
    final KafkaClusterTestKit cluster = startCluster();
    SecureCasewatchCluster secure = null;
    try {
      final Path clientsDir =
          Files.createTempDirectory(
              "casewatch-clients",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      secure = new SecureCasewatchCluster(cluster, clientsDir);
      secure.addPrincipals();
      secure.createContractTopics();
      secure.startRegistry();
      return secure;
    } catch (IOException | RuntimeException e) {
      if (secure != null) {
        secure.close();
      } else {
        CasewatchCluster.closeQuietly(cluster);
      }
      throw new IllegalStateException(
          "Could not set up the secure test cluster: " + e.getMessage(), e);
    }
  }

  private static KafkaClusterTestKit startCluster() {
    try {
      final KafkaClusterTestKit.Builder builder =
          new KafkaClusterTestKit.Builder(
                  new TestKitNodes.Builder()
                      .setCombined(true)
                      .setNumBrokerNodes(1)
                      .setNumControllerNodes(1)
                      .setBrokerListenerName(new ListenerName(BROKER_LISTENER))
                      .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                      .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                      .build())
              // PLAIN for the broker's own channels (the test kit's super user), SCRAM for every
              // client.
              .setConfigProp("sasl.enabled.mechanisms", "PLAIN," + MECHANISM)
              .setConfigProp("listener.name.controller.sasl.enabled.mechanisms", "PLAIN")
              .setConfigProp(
                  "listener.name.external.scram-sha-512.sasl.jaas.config",
                  "org.apache.kafka.common.security.scram.ScramLoginModule required;")
              .setConfigProp(
                  "authorizer.class.name",
                  "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
              .setConfigProp("allow.everyone.if.no.acl.found", "false")
              .setConfigProp(
                  "super.users",
                  "User:" + JaasUtils.KAFKA_PLAIN_ADMIN + ";User:" + KafkaPrincipals.ADMIN);
      KafkaBroker.SINGLE_NODE.forEach(builder::setConfigProp);
      final KafkaClusterTestKit cluster =
          builder
              .setConfigProp("offsets.topic.num.partitions", "3")
              .setConfigProp("transaction.state.log.num.partitions", "3")
              .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return cluster;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting the secure test Kafka broker", e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Could not start the secure test Kafka broker: " + e.getMessage(), e);
    }
  }

  /** The test kit's PLAIN super user, for setting the cluster up. */
  private static Map<String, Object> superUser() {
    return Map.of(
        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
        SecurityProtocol.SASL_PLAINTEXT.name,
        SaslConfigs.SASL_MECHANISM,
        "PLAIN",
        SaslConfigs.SASL_JAAS_CONFIG,
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + JaasUtils.KAFKA_PLAIN_ADMIN
            + "\" password=\""
            + JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD
            + "\";");
  }

  private void addPrincipals() throws IOException {
    final List<String> principals = new ArrayList<>(KafkaPrincipals.clients());
    principals.add(KafkaPrincipals.ADMIN);
    final List<UserScramCredentialAlteration> credentials = new ArrayList<>();
    for (final String principal : principals) {
      final String password = randomPassword();
      credentials.add(
          new UserScramCredentialUpsertion(
              principal, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password));
      clientFiles.put(principal, writeClientFile(principal, password));
    }
    CasewatchCluster.await(
        admin.alterUserScramCredentials(credentials).all(), "create the SCRAM credentials");
    final List<AclBinding> acls = KafkaPrincipals.DEFAULT.all();
    CasewatchCluster.await(admin.createAcls(acls).all(), "grant the ACLs");
    // The broker applies credentials and ACLs from the metadata log a moment after the controller
    // took them.
    Awaitility.await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(() -> admin.describeAcls(AclBindingFilter.ANY).values().get().size() >= acls.size());
    Awaitility.await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(
            () -> {
              try (Admin last = Admin.create(clientConfig(KafkaPrincipals.ADMIN))) {
                return !last.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
              }
            });
  }

  private Path writeClientFile(final String principal, final String password) throws IOException {
    final Path file = clientsDir.resolve(principal + ".properties");
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        file,
        String.join(
            "\n",
            "# Kafka client settings of the casewatch principal " + principal + " (test cluster).",
            "bootstrap.servers=" + cluster.bootstrapServers(),
            "security.protocol=SASL_PLAINTEXT",
            "sasl.mechanism=" + MECHANISM,
            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\""
                + principal
                + "\" password=\""
                + password
                + "\";",
            ""));
    return file;
  }

  private void createContractTopics() {
    final List<String> names = Topics.all();
    final List<NewTopic> topics =
        names.stream()
            .map(name -> new NewTopic(name, 2, (short) 1).configs(Topics.settingsOf(name)))
            .toList();
    CasewatchCluster.await(admin.createTopics(topics).all(), "create the contract's topics");
    Awaitility.await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(() -> admin.describeTopics(names).allTopicNames().get().keySet().containsAll(names));
  }

  private void startRegistry() {
    registry =
        EmbeddedSchemaRegistry.start(
            EmbeddedRegistryConfig.of(cluster.bootstrapServers())
                .withHost("localhost")
                .withPort(0)
                .withKafkaProperties(clientProperties(KafkaPrincipals.REGISTRY)));
    registryClient = new HttpSchemaRegistryClient(RegistryClientConfig.of(registry.url()));
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** The embedded registry, running as the {@code registry} principal. */
  public String registryUrl() {
    return registry.url();
  }

  public SchemaRegistryClient registryClient() {
    return registryClient;
  }

  /**
   * The client properties file of a principal of {@link KafkaPrincipals#clients()} or {@code
   * admin}; owner-only.
   */
  public Path clientFile(final String principal) {
    final Path file = clientFiles.get(principal);
    if (file == null) {
      throw new IllegalArgumentException(
          "no client file for '" + principal + "'; known: " + clientFiles.keySet());
    }
    return file;
  }

  /** The security settings of a principal's file, as {@code --kafka-config} passes them. */
  public Map<String, Object> clientProperties(final String principal) {
    return org.casewatch.model.KafkaClientConfig.load(clientFile(principal)).passed();
  }

  /**
   * Everything a Kafka client of {@code principal} needs: the bootstrap servers and its
   * credentials.
   */
  public Map<String, Object> clientConfig(final String principal) {
    final Map<String, Object> config = new HashMap<>(clientProperties(principal));
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    return config;
  }

  /**
   * An admin client of the super user: for setting up and inspecting, never for what a test proves.
   */
  public Admin admin() {
    return admin;
  }

  private static String randomPassword() {
    final byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public void close() {
    if (registry != null) {
      registry.close();
    }
    admin.close(Duration.ofSeconds(5));
    CasewatchCluster.closeQuietly(cluster);
    try (Stream<Path> files = Files.walk(clientsDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
