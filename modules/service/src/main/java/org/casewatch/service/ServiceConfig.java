package org.casewatch.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;
import org.casewatch.http.ServerSecurity;
import org.casewatch.http.Settings;
import org.casewatch.http.TlsCertificate;
import org.casewatch.model.KafkaClientConfig;

/**
 * The coordinator service's settings: defaults that run, overridden by a properties file, then by
 * environment variables ({@code casewatch.http.port} is {@code CASEWATCH_HTTP_PORT}); checked at
 * start with one message listing every problem. The table of keys is in docs/service.md.
 */
public record ServiceConfig(
    String applicationId,
    String bootstrapServers,
    String registryUrl,
    int httpPort,
    String httpHost,
    String advertisedHost,
    Path stateDir,
    int standbyReplicas,
    int streamThreads,
    String processingGuarantee,
    Optional<Path> rulesFile,
    boolean authEnabled,
    Path accessFile,
    String topicPrefix,
    KafkaClientConfig kafkaClient,
    ServerSecurity security,
    Optional<PeerSecret> peerSecret,
    int maxStreams,
    int maxStreamsPerToken,
    Duration streamWriteTimeout,
    boolean metricsOpen,
    int sessionTimeoutMs,
    int rocksDbMemoryMb,
    Duration notifyRetry,
    Optional<SmtpSettings> smtp,
    LocalTime digestAt,
    ZoneId digestZone,
    Duration settle) {

  /** Every key with its default, in the order docs/service.md documents them. */
  public static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    final Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("casewatch.application.id", "casewatch");
    defaults.put("casewatch.bootstrap.servers", "localhost:9092");
    defaults.put("casewatch.registry.url", "http://localhost:8081");
    defaults.put("casewatch.http.port", "8080");
    defaults.put("casewatch.http.host", "0.0.0.0");
    defaults.put("casewatch.http.advertised.host", "localhost");
    defaults.put("casewatch.state.dir", "casewatch-state");
    defaults.put("casewatch.streams.standby.replicas", "1");
    defaults.put("casewatch.streams.threads", "1");
    defaults.put("casewatch.streams.session.timeout.ms", "45000");
    defaults.put("casewatch.streams.rocksdb.memory.mb", "128");
    defaults.put("casewatch.processing.guarantee", StreamsConfig.EXACTLY_ONCE_V2);
    defaults.put("casewatch.rules.file", "");
    defaults.put("casewatch.auth.enabled", "true");
    defaults.put("casewatch.auth.file", "coalitions.yaml");
    defaults.put("casewatch.topics.prefix", "");
    defaults.put(KafkaClientConfig.SETTING, "");
    defaults.put("casewatch.http.tls.cert", "");
    defaults.put("casewatch.http.tls.key", "");
    defaults.put("casewatch.http.tls.keystore", "");
    defaults.put("casewatch.http.tls.keystore.password", "");
    defaults.put("casewatch.http.allowed.hosts", "");
    defaults.put("casewatch.peer.secret", "");
    defaults.put("casewatch.stream.max.clients", "64");
    defaults.put("casewatch.stream.max.clients.per.token", "8");
    defaults.put("casewatch.stream.write.timeout.seconds", "30");
    defaults.put("casewatch.metrics.open", "false");
    defaults.put("casewatch.notify.retry.seconds", "3600");
    defaults.put("casewatch.smtp.host", "");
    defaults.put("casewatch.smtp.port", "587");
    defaults.put("casewatch.smtp.username", "");
    defaults.put("casewatch.smtp.password", "");
    defaults.put("casewatch.smtp.from", "casewatch@localhost");
    defaults.put("casewatch.smtp.starttls", "required");
    defaults.put("casewatch.digest.time", "08:00");
    defaults.put("casewatch.digest.zone", "UTC");
    defaults.put("casewatch.live.settle.seconds", "30");
    return Collections.unmodifiableMap(defaults);
  }

  /** Defaults, then {@code file} if given, then the environment. */
  public static ServiceConfig load(
      final Optional<Path> file, final Map<String, String> environment) {
    return load(file, environment, Map.of());
  }

  /**
   * Defaults, then {@code file} if given, then the environment, then {@code flags} (keys set on the
   * command line).
   */
  public static ServiceConfig load(
      final Optional<Path> file,
      final Map<String, String> environment,
      final Map<String, String> flags) {
    return from(Settings.layered(DEFAULTS, file, environment, flags));
  }

  /** Builds and checks a configuration from key/value pairs; unknown keys are refused. */
  public static ServiceConfig from(final Map<String, String> values) {
    final List<String> problems = new ArrayList<>();
    final Map<String, String> all = Settings.over(DEFAULTS, values, problems);
    final int port = Settings.integer(all, "casewatch.http.port", 0, 65_535, problems);
    final int standby =
        Settings.integer(all, "casewatch.streams.standby.replicas", 0, 10, problems);
    final int threads = Settings.integer(all, "casewatch.streams.threads", 1, 64, problems);
    // The broker's group.min.session.timeout.ms and group.max.session.timeout.ms (defaults) bound
    // it.
    final int sessionTimeout =
        Settings.integer(all, "casewatch.streams.session.timeout.ms", 6_000, 1_800_000, problems);
    final int rocksDbMemory =
        Settings.integer(all, "casewatch.streams.rocksdb.memory.mb", 16, 1_048_576, problems);
    final String guarantee = all.get("casewatch.processing.guarantee");
    if (!List.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE).contains(guarantee)) {
      problems.add(
          "casewatch.processing.guarantee must be exactly_once_v2 or at_least_once, was '"
              + guarantee
              + "'");
    }
    final String auth = all.get("casewatch.auth.enabled");
    if (!List.of("true", "false").contains(auth)) {
      problems.add("casewatch.auth.enabled must be true or false, was '" + auth + "'");
    }
    Settings.required(
        all,
        List.of(
            "casewatch.application.id",
            "casewatch.bootstrap.servers",
            "casewatch.registry.url",
            "casewatch.http.host",
            "casewatch.http.advertised.host",
            "casewatch.state.dir"),
        problems);
    Settings.httpUrl(all, "casewatch.registry.url", problems);
    final String rules = all.get("casewatch.rules.file");
    if (!rules.isBlank() && !Files.isReadable(Path.of(rules))) {
      problems.add("casewatch.rules.file " + rules + " cannot be read");
    }
    KafkaClientConfig kafkaClient = KafkaClientConfig.none();
    if (!all.get(KafkaClientConfig.SETTING).isBlank()) {
      try {
        kafkaClient = KafkaClientConfig.load(Path.of(all.get(KafkaClientConfig.SETTING)));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    final int maxStreams =
        Settings.integer(all, "casewatch.stream.max.clients", 1, 10_000, problems);
    final int maxStreamsPerToken =
        Settings.integer(all, "casewatch.stream.max.clients.per.token", 1, 10_000, problems);
    final int streamWriteTimeout =
        Settings.integer(all, "casewatch.stream.write.timeout.seconds", 1, 3_600, problems);
    final int notifyRetry =
        Settings.integer(all, "casewatch.notify.retry.seconds", 1, 86_400, problems);
    final int settle = Settings.integer(all, "casewatch.live.settle.seconds", 1, 3_600, problems);
    final Optional<SmtpSettings> smtp = smtp(all, problems);
    LocalTime digestAt = LocalTime.of(8, 0);
    try {
      digestAt = LocalTime.parse(all.get("casewatch.digest.time").trim());
    } catch (DateTimeParseException e) {
      problems.add(
          "casewatch.digest.time must be a local time like 08:00, was '"
              + all.get("casewatch.digest.time")
              + "'");
    }
    ZoneId digestZone = ZoneOffset.UTC;
    try {
      digestZone = ZoneId.of(all.get("casewatch.digest.zone").trim());
    } catch (DateTimeException e) {
      problems.add(
          "casewatch.digest.zone must be a time zone like Asia/Bishkek, was '"
              + all.get("casewatch.digest.zone")
              + "'");
    }
    final String metricsOpen = all.get("casewatch.metrics.open");
    if (!List.of("true", "false").contains(metricsOpen)) {
      problems.add("casewatch.metrics.open must be true or false, was '" + metricsOpen + "'");
    }
    if ("false".equals(auth) && !loopback(all.get("casewatch.http.host"))) {
      problems.add(
          "casewatch.auth.enabled=false lets anyone who reaches the port read every case; it is"
              + " allowed only with casewatch.http.host on a loopback address (127.0.0.1,"
              + " localhost), not '"
              + all.get("casewatch.http.host")
              + "'");
    }
    final String peerSecret = all.get("casewatch.peer.secret");
    if (!peerSecret.isEmpty() && peerSecret.length() < 32) {
      problems.add(
          "casewatch.peer.secret must be at least 32 characters (e.g. 'openssl rand -base64 32'),"
              + " was "
              + peerSecret.length());
    }
    final ServerSecurity security = security(all, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid casewatch service configuration:\n  - " + String.join("\n  - ", problems));
    }
    return new ServiceConfig(
        all.get("casewatch.application.id"),
        all.get("casewatch.bootstrap.servers"),
        all.get("casewatch.registry.url"),
        port,
        all.get("casewatch.http.host"),
        all.get("casewatch.http.advertised.host"),
        Path.of(all.get("casewatch.state.dir")),
        standby,
        threads,
        guarantee,
        rules.isBlank() ? Optional.empty() : Optional.of(Path.of(rules)),
        Boolean.parseBoolean(auth),
        Path.of(all.get("casewatch.auth.file")),
        all.get("casewatch.topics.prefix"),
        kafkaClient,
        security,
        peerSecret.isEmpty() ? Optional.empty() : Optional.of(new PeerSecret(peerSecret)),
        maxStreams,
        maxStreamsPerToken,
        Duration.ofSeconds(streamWriteTimeout),
        Boolean.parseBoolean(metricsOpen),
        sessionTimeout,
        rocksDbMemory,
        Duration.ofSeconds(notifyRetry),
        smtp,
        digestAt,
        digestZone,
        Duration.ofSeconds(settle));
  }

  /** The SMTP server for email notifications; none while casewatch.smtp.host is empty. */
  private static Optional<SmtpSettings> smtp(
      final Map<String, String> all, final List<String> problems) {
    final int port = Settings.integer(all, "casewatch.smtp.port", 1, 65_535, problems);
    final String starttls = all.get("casewatch.smtp.starttls").trim();
    if (!SmtpSettings.STARTTLS.contains(starttls)) {
      problems.add(
          "casewatch.smtp.starttls must be one of "
              + SmtpSettings.STARTTLS
              + ", was '"
              + starttls
              + "'");
    }
    final String host = all.get("casewatch.smtp.host").trim();
    if (host.isEmpty()) {
      return Optional.empty();
    }
    final String username = all.get("casewatch.smtp.username").trim();
    final String password = all.get("casewatch.smtp.password");
    if (!password.isEmpty() && username.isEmpty()) {
      problems.add("casewatch.smtp.password is set without casewatch.smtp.username");
    }
    final String from = all.get("casewatch.smtp.from").trim();
    if (!SubscriptionApi.mailbox(from)) {
      problems.add(
          "casewatch.smtp.from must be a mailbox like alerts@example.org, was '" + from + "'");
    }
    return Optional.of(
        new SmtpSettings(
            host,
            port,
            username.isEmpty() ? Optional.empty() : Optional.of(username),
            password.isEmpty() ? Optional.empty() : Optional.of(password),
            all.get("casewatch.smtp.from").trim(),
            starttls));
  }

  private static ServerSecurity security(
      final Map<String, String> all, final List<String> problems) {
    try {
      return new ServerSecurity(
          TlsCertificate.from(
              Settings.path(all, "casewatch.http.tls.cert"),
              Settings.path(all, "casewatch.http.tls.key"),
              Settings.path(all, "casewatch.http.tls.keystore"),
              all.get("casewatch.http.tls.keystore.password")),
          allowedHosts(all));
    } catch (IllegalArgumentException e) {
      problems.add("casewatch.http.tls.*: " + e.getMessage());
      return ServerSecurity.none();
    }
  }

  /**
   * The names configured and, if any are, the advertised host: the name other instances address
   * this one by.
   */
  private static List<String> allowedHosts(final Map<String, String> all) {
    final List<String> hosts =
        new ArrayList<>(ServerSecurity.hostList(all.get("casewatch.http.allowed.hosts")));
    if (!hosts.isEmpty()) {
      hosts.add(all.get("casewatch.http.advertised.host"));
    }
    return hosts;
  }

  private static boolean loopback(final String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The same configuration with another HTTP port (e.g. the one a server actually bound). */
  public ServiceConfig withHttpPort(final int port) {
    return new ServiceConfig(
        applicationId,
        bootstrapServers,
        registryUrl,
        port,
        httpHost,
        advertisedHost,
        stateDir,
        standbyReplicas,
        streamThreads,
        processingGuarantee,
        rulesFile,
        authEnabled,
        accessFile,
        topicPrefix,
        kafkaClient,
        security,
        peerSecret,
        maxStreams,
        maxStreamsPerToken,
        streamWriteTimeout,
        metricsOpen,
        sessionTimeoutMs,
        rocksDbMemoryMb,
        notifyRetry,
        smtp,
        digestAt,
        digestZone,
        settle);
  }
}
