package org.casewatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.casewatch.testkit.HttpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./casewatch demo} from the built artifacts, as a newcomer runs it: a real broker in a
 * child JVM (SASL/SCRAM with ACLs), the registry, gateway, service and simulator; then Ctrl-C
 * (SIGINT), a restart that keeps its data and credentials, and a {@code --fresh} one that does not.
 */
class DemoIT {

  private static final Path SCRIPT =
      Path.of(System.getProperty("user.dir")).resolve("../../casewatch").normalize();

  /** The simulated 2016 history: new cases per country. */
  private static final Map<String, Integer> HISTORY_2016 =
      Map.of("KZ", 163, "KG", 112, "TJ", 57, "TM", 4, "UZ", 9);

  private final HttpClient http = HttpTestClient.newHttpClient();
  private final List<Integer> ports = new ArrayList<>();
  private Process demo;

  @AfterEach
  void stopWhatIsLeft() {
    if (demo != null && demo.isAlive()) {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }
  }

  @Test
  void theDemoRunsStopsOnCtrlCAndRestartsWithOrWithoutItsData(@TempDir final Path dir)
      throws Exception {
    for (int i = 0; i < 5; i++) {
      ports.add(freePort(ports));
    }
    final Path data = dir.resolve("data");

    // First start: the 2016 history and ten live cases (two per country).
    start(
        dir.resolve("first.log"),
        "--data-dir",
        data.toString(),
        "--rate",
        "600",
        "--live-cases",
        "10");
    final String coordinator = coordinatorToken(data);
    final Map<String, Integer> withLiveCases = new TreeMap<>();
    HISTORY_2016.forEach((country, cases) -> withLiveCases.put(country, cases + 2));
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(() -> assertThat(casesByCountry(coordinator)).isEqualTo(withLiveCases));
    assertThat(service().get("/").body()).contains("casewatch");
    assertTheBrokerAuthenticatesAndAuthorizes(data, dir.resolve("first.log"));
    assertThat(countries(coordinator).get("TJ").path("compensations").asInt()).isEqualTo(5);
    // LIVE judges a case's deadlines once it has been quiet for 30 s, at the next 10 s check.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(alerts(coordinator, "STALLED_COMPLAINT")).isNotEmpty();
              assertThat(alerts(coordinator, "RETALIATION")).isNotEmpty();
            });
    interruptAndAssertNothingLeft();

    // Restart without --fresh: every count is kept, nothing is published twice.
    start(dir.resolve("second.log"), "--data-dir", data.toString(), "--rate", "0");
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(() -> assertThat(casesByCountry(coordinator)).isEqualTo(withLiveCases));
    // Killed outright, the demo leaves its broker running ...
    final ProcessHandle orphan =
        demo.descendants().filter(ProcessHandle::isAlive).findFirst().orElseThrow();
    demo.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(orphan.isAlive()).isTrue();

    // ... which the next demo stops before it starts. --fresh: the data is wiped; the history is
    // published again, and only it.
    final Path third = dir.resolve("third.log");
    start(third, "--data-dir", data.toString(), "--rate", "0", "--fresh");
    assertThat(Files.readString(third))
        .contains("Stopped a Kafka broker (pid " + orphan.pid() + ")");
    assertThat(orphan.isAlive()).isFalse();
    final String newCoordinator = coordinatorToken(data);
    assertThat(newCoordinator).as("new tokens after --fresh").isNotEqualTo(coordinator);
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(casesByCountry(newCoordinator)).isEqualTo(new TreeMap<>(HISTORY_2016)));
    interruptAndAssertNothingLeft();
  }

  @Test
  void aTakenPortIsReportedWithTheOptionThatMovesIt(@TempDir final Path dir) throws Exception {
    for (int i = 0; i < 5; i++) {
      ports.add(freePort(ports));
    }
    try (ServerSocket taken =
        new ServerSocket(ports.get(3), 50, InetAddress.getLoopbackAddress())) {
      final Path log = dir.resolve("taken.log");
      demo = command(log, "--data-dir", dir.resolve("data").toString());
      assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(demo.exitValue()).isEqualTo(2);
      assertThat(Files.readString(log))
          .contains(
              "Port "
                  + taken.getLocalPort()
                  + " for the service and dashboard (--http-port) is already in use by another"
                  + " program");
      assertThat(dir.resolve("data")).as("nothing was started").doesNotExist();
    }
  }

  /**
   * The demo's broker refuses a client without credentials, and a coalition's credentials write its
   * own country's topic only; the data directory and every credential file are owner-only.
   */
  private void assertTheBrokerAuthenticatesAndAuthorizes(final Path data, final Path log)
      throws Exception {
    final String bootstrap = "localhost:" + ports.get(0);
    try (Admin anonymous =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                3_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                2_000))) {
      assertThatThrownBy(() -> anonymous.listTopics().names().get(10, TimeUnit.SECONDS))
          .as("a client without credentials")
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }
    final Path kz = data.resolve("clients").resolve("kz.properties");
    final Properties settings = new Properties();
    try (Reader in = Files.newBufferedReader(kz)) {
      settings.load(in);
    }
    assertThat(settings.getProperty("security.protocol")).isEqualTo("SASL_PLAINTEXT");
    assertThat(settings.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
      assertThatThrownBy(
              () ->
                  producer
                      .send(new ProducerRecord<>("casewatch.events.kg", new byte[] {0}))
                      .get(30, TimeUnit.SECONDS))
          .as("the Kazakh coalition's credentials on Kyrgyzstan's topic")
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kz.getParent())))
        .isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(kz.getParent())) {
      assertThat(files.toList())
          .hasSize(10)
          .allSatisfy(
              file ->
                  assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                      .as(file.toString())
                      .isEqualTo("rw-------"));
    }
    assertThat(Files.readString(log))
        .as("the ready banner names the credentials")
        .contains(kz.getParent().toString());
  }

  private Process command(final Path log, final String... options) throws IOException {
    // In a session of its own, like a terminal's: Ctrl-C below reaches its whole process group.
    final List<String> command =
        new ArrayList<>(
            List.of(
                "setsid",
                "bash",
                SCRIPT.toString(),
                "demo",
                "--kafka-port",
                ports.get(0).toString(),
                "--controller-port",
                ports.get(1).toString(),
                "--registry-port",
                ports.get(2).toString(),
                "--http-port",
                ports.get(3).toString(),
                "--gateway-port",
                ports.get(4).toString()));
    command.addAll(List.of(options));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private void start(final Path log, final String... options) throws IOException {
    demo = command(log, options);
    // A first start formats the broker with its admin credential and grants every ACL: on a busy
    // machine (the build runs the fault harness beside this module), two minutes and more.
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptionsInstanceOf(UncheckedIOException.class)
        .untilAsserted(
            () -> {
              assertThat(demo.isAlive())
                  .as("the demo is running; its output:%n%s", Files.readString(log))
                  .isTrue();
              assertThat(service().get("/health/ready").status()).isEqualTo(200);
            });
    assertThat(Files.readString(log))
        .contains("casewatch demo is ready", "Dashboard", "coordinator");
  }

  /**
   * Ctrl-C in a terminal (SIGINT to the whole process group): the demo and its broker stop, every
   * port is free.
   */
  private void interruptAndAssertNothingLeft() throws Exception {
    final List<ProcessHandle> children = demo.descendants().toList();
    assertThat(children).as("the broker runs as a child JVM").isNotEmpty();
    new ProcessBuilder("kill", "-INT", "--", "-" + demo.pid()).start().waitFor();
    assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo stopped on SIGINT").isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(children).noneMatch(ProcessHandle::isAlive);
              assertThat(ports).allMatch(DemoIT::isFree);
            });
  }

  private Map<String, Integer> casesByCountry(final String token) {
    final Map<String, Integer> cases = new TreeMap<>();
    countries(token)
        .forEach((country, figures) -> cases.put(country, figures.path("casesRegistered").asInt()));
    return cases;
  }

  private Map<String, JsonNode> countries(final String token) {
    final HttpTestClient.Answer answer = service().as(token).get("/v1/countries");
    assertThat(answer.status()).isEqualTo(200);
    final Map<String, JsonNode> byCountry = new TreeMap<>();
    answer.json().forEach(c -> byCountry.put(c.path("country").asText(), c));
    return byCountry;
  }

  private List<JsonNode> alerts(final String token, final String rule) {
    final HttpTestClient.Answer answer =
        service().as(token).get("/v1/alerts?rule=" + rule + "&limit=5");
    assertThat(answer.status()).isEqualTo(200);
    final List<JsonNode> alerts = new ArrayList<>();
    answer.json().path("alerts").forEach(alerts::add);
    return alerts;
  }

  /** The demo's service and dashboard (--http-port), on this test's one HttpClient. */
  private HttpTestClient service() {
    return HttpTestClient.of("http://localhost:" + ports.get(3), http);
  }

  private static String coordinatorToken(final Path data) throws IOException {
    final Properties tokens = new Properties();
    try (Reader in = Files.newBufferedReader(data.resolve("tokens.properties"))) {
      tokens.load(in);
    }
    return tokens.getProperty("coordinator");
  }

  /**
   * A free port below Linux's ephemeral range (32768 and up): the demo's ports are chosen before it
   * starts and kept across its restarts, for minutes, and a port the system hands out for outgoing
   * connections (the demo's own broker's, or a test running beside this one) could take one of them
   * meanwhile ("Port 40001 for the gateway is already in use", seen once in CI).
   */
  private static int freePort(final List<Integer> chosen) {
    while (true) {
      // 20000-25999; the fault harness, which may run beside this test, takes 26000-31999.
      final int port = 20_000 + RANDOM.nextInt(6_000);
      if (!chosen.contains(port) && isFree(port)) {
        return port;
      }
    }
  }

  private static final Random RANDOM = new SecureRandom();

  private static boolean isFree(final int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
