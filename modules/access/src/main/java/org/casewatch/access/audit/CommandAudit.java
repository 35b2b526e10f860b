package org.casewatch.access.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casewatch.model.AuditAction;
import org.casewatch.model.AuditOutcome;
import org.casewatch.model.AuditRecord;
import org.casewatch.model.AuditRole;
import org.casewatch.registry.client.SchemaRegistryClient;

/**
 * The audit of an analyst's command (replay, export, report): before it reads anything, a record
 * naming the command, its options and the Kafka principal it runs as is appended to the audit topic
 * through the command's own Kafka settings. A command that cannot be recorded does not run.
 */
public final class CommandAudit {

  private static final Pattern JAAS_USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]+)\"");
  private static final int MAX_VALUE = 200;

  private CommandAudit() {}

  /**
   * Records that {@code command} (e.g. {@code casewatch replay}) runs with {@code options}.
   *
   * @throws AuditUnavailable if the record cannot be written: the caller must stop
   */
  public static void record(
      final Map<String, Object> kafka,
      final SchemaRegistryClient registry,
      final String topic,
      final AuditAction action,
      final String command,
      final Map<String, String> options) {
    AuditTrail.ensureTopic(kafka, topic);
    try (AuditTrail trail = new AuditTrail(kafka, registry, topic, AuditTrail.DEFAULT_TIMEOUT)) {
      trail.append(of(kafka, action, command, options));
    }
  }

  static AuditRecord of(
      final Map<String, Object> kafka,
      final AuditAction action,
      final String command,
      final Map<String, String> options) {
    final Map<String, String> kept = new TreeMap<>();
    options.forEach(
        (name, value) ->
            kept.put(name, value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE)));
    return AuditRecord.newBuilder()
        .setAuditId(UUID.randomUUID().toString())
        .setTokenId(principalOf(kafka).orElse("analyst"))
        .setRole(AuditRole.ANALYST)
        .setAction(action)
        .setPath(command)
        .setCaseId(null)
        .setParameters(kept)
        .setAt(Instant.now())
        .setOrigin(null)
        .setOutcome(AuditOutcome.OK)
        .setStatus(null)
        .setInstance(command + " on " + host())
        .build();
  }

  /** The SASL user the settings log in as (the Kafka principal), if they name one. */
  static Optional<String> principalOf(final Map<String, Object> kafka) {
    final Object jaas = kafka.get("sasl.jaas.config");
    if (jaas == null) {
      return Optional.empty();
    }
    final Matcher matcher = JAAS_USERNAME.matcher(jaas.toString());
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "an unknown host";
    }
  }
}
