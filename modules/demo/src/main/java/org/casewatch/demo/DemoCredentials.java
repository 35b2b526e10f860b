package org.casewatch.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.casewatch.model.KafkaClientConfig;
import org.casewatch.model.KafkaPrincipals;

/**
 * The demo broker's SCRAM credentials: one random password per principal, made on the first start
 * and kept across restarts in {@code <data-dir>/clients/<principal>.properties}, a standard Kafka
 * client properties file every casewatch command takes ({@code --kafka-config}). The directory is
 * owner-only (0700) and each file too (0600): a file is a principal's password.
 */
final class DemoCredentials {

  static final String MECHANISM = "SCRAM-SHA-512";
  private static final Pattern PASSWORD = Pattern.compile("password=\"([^\"]+)\"");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final Map<String, String> passwords;

  private DemoCredentials(final Path dir, final Map<String, String> passwords) {
    this.dir = dir;
    this.passwords = passwords;
  }

  /**
   * Reads the passwords kept in {@code <data>/clients}, makes those that are missing, and
   * (re)writes every file for {@code bootstrapServers}, owner-only.
   */
  static DemoCredentials createOrRead(final Path data, final String bootstrapServers)
      throws IOException {
    final Path dir = data.resolve("clients");
    if (!Files.exists(dir)) {
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    final List<String> principals = new ArrayList<>(KafkaPrincipals.clients());
    principals.add(KafkaPrincipals.ADMIN);
    final Map<String, String> passwords = new LinkedHashMap<>();
    for (final String principal : principals) {
      final Path file = dir.resolve(principal + ".properties");
      final String password = Files.exists(file) ? passwordIn(file) : randomPassword();
      passwords.put(principal, password);
      write(file, principal, password, bootstrapServers);
    }
    return new DemoCredentials(dir, passwords);
  }

  /**
   * Whether an earlier start made the credentials (the broker's storage then holds the admin's).
   */
  static boolean exist(final Path data) {
    return Files.exists(data.resolve("clients").resolve(KafkaPrincipals.ADMIN + ".properties"));
  }

  Path dir() {
    return dir;
  }

  /** A principal's client file, as {@code --kafka-config} takes it. */
  Path fileOf(final String principal) {
    return dir.resolve(principal + ".properties");
  }

  /** The security settings of a principal's file, as every casewatch client passes them on. */
  Map<String, Object> clientProperties(final String principal) {
    return KafkaClientConfig.load(fileOf(principal)).passed();
  }

  String adminPassword() {
    return passwords.get(KafkaPrincipals.ADMIN);
  }

  /**
   * As the admin: creates (or refreshes) every principal's SCRAM credential and grants the ACLs of
   * {@link KafkaPrincipals#DEFAULT}; both are idempotent, so every start does it.
   */
  void apply(final String bootstrapServers)
      throws InterruptedException, ExecutionException, TimeoutException {
    final Map<String, Object> config = new LinkedHashMap<>(clientProperties(KafkaPrincipals.ADMIN));
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(config)) {
      final List<UserScramCredentialAlteration> credentials = new ArrayList<>();
      for (final String principal : KafkaPrincipals.clients()) {
        credentials.add(
            new UserScramCredentialUpsertion(
                principal,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                passwords.get(principal)));
      }
      admin.alterUserScramCredentials(credentials).all().get(30, TimeUnit.SECONDS);
      final List<AclBinding> acls = KafkaPrincipals.DEFAULT.all();
      admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static void write(
      final Path file, final String principal, final String password, final String bootstrapServers)
      throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(
        file,
        String.join(
            "\n",
            "# The Kafka credentials of the casewatch principal '"
                + principal
                + "' on the demo's broker.",
            "# Use with --kafka-config (or casewatch.kafka.config); keep it owner-only: it is a"
                + " password.",
            "bootstrap.servers=" + bootstrapServers,
            "security.protocol=SASL_PLAINTEXT",
            "sasl.mechanism=" + MECHANISM,
            "sasl.jaas.config=" + jaas(principal, password),
            ""),
        StandardCharsets.UTF_8);
  }

  private static String jaas(final String principal, final String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + principal
        + "\" password=\""
        + password
        + "\";";
  }

  private static String passwordIn(final Path file) throws IOException {
    final Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    final Matcher matcher = PASSWORD.matcher(properties.getProperty("sasl.jaas.config", ""));
    if (!matcher.find()) {
      throw new IllegalStateException(
          file
              + " holds no password in sasl.jaas.config; delete it and restart with "
              + "--fresh, or restore it");
    }
    return matcher.group(1);
  }

  /**
   * 32 random bytes, URL-safe Base64: no character the JAAS line or StorageTool's --add-scram would
   * need to escape.
   */
  static String randomPassword() {
    final byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
