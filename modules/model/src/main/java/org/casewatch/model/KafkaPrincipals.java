package org.casewatch.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on casewatch's Kafka cluster: the ACLs of every principal, as data the demo, the
 * tests and the documentation share. The cluster runs with {@code
 * allow.everyone.if.no.acl.found=false}, so a principal may do only what is listed here.
 *
 * <ul>
 *   <li>one principal per coalition, named by its country code ({@code kz}, {@code kg}, ...):
 *       writes its own country's event topic and nothing else, so a coalition cannot forge another
 *       country's events;
 *   <li>{@code gateway}: writes every event topic (it checks each coalition's token itself) and
 *       reads them, without a group, to learn which coalition owns each case;
 *   <li>{@code service}: reads the event topics, writes the outputs and the audit, owns its
 *       consumer group and, by prefix {@code <application.id>-}, its internal topics and
 *       transactional ids;
 *   <li>{@code analyst}: reads the event topics, owns the {@code casewatch-replay-} namespace
 *       (topics, groups, transactional ids) replays run in, and appends its replays' and exports'
 *       audit records;
 *   <li>{@code registry}: the schema log {@code _schemas} and the schema registry's group.
 * </ul>
 *
 * {@link #ADMIN} is a super user, for setting up credentials, topics and ACLs only.
 *
 * @param applicationId the service's {@code casewatch.application.id} (its group and the prefix of
 *     its internal topics and transactional ids)
 * @param topicPrefix the service's {@code casewatch.topics.prefix} (empty on a cluster of its own)
 */
public record KafkaPrincipals(String applicationId, String topicPrefix) {

  /** The super user that sets up the cluster; no casewatch component runs as it. */
  public static final String ADMIN = "admin";

  /** The coalition-facing HTTP gateway. */
  public static final String GATEWAY = "gateway";

  /** The coordinator service (live topology, query API, alert stream, audit). */
  public static final String SERVICE = "service";

  /** Replays, reports and exports. */
  public static final String ANALYST = "analyst";

  /** The schema registry (embedded or Confluent's). */
  public static final String REGISTRY = "registry";

  /**
   * The prefix of everything a replay creates: application id, topics, group, transactional ids.
   */
  public static final String REPLAY_NAMESPACE = "casewatch-replay-";

  /** The prefix of the gateway's transactional ids (atomic batches). */
  public static final String GATEWAY_TRANSACTIONS = "casewatch-gateway-";

  /** The group Confluent Schema Registry's instances elect their leader in. */
  public static final String REGISTRY_GROUP = "schema-registry";

  /**
   * The principals of a cluster with the defaults: application id {@code casewatch}, no topic
   * prefix.
   */
  public static final KafkaPrincipals DEFAULT = new KafkaPrincipals("casewatch", "");

  public KafkaPrincipals {
    if (applicationId == null || applicationId.isBlank()) {
      throw new IllegalArgumentException("the service's application id must not be empty");
    }
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
  }

  /** The consumer group in which a service's instances share the webhook deliveries. */
  public static String notifierGroup(final String applicationId) {
    return applicationId + "-notifier";
  }

  /**
   * The principal of a country's coalition systems: its lower-case country code, e.g. {@code kz}.
   */
  public static String coalition(final Country country) {
    return country.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Every principal a casewatch component or coalition runs as (not {@link #ADMIN}), coalitions
   * first.
   */
  public static List<String> clients() {
    final List<String> names = new ArrayList<>();
    Countries.all().forEach(country -> names.add(coalition(country)));
    names.addAll(List.of(GATEWAY, SERVICE, ANALYST, REGISTRY));
    return List.copyOf(names);
  }

  /** The ACLs of every principal in {@link #clients()}. */
  public List<AclBinding> all() {
    final List<AclBinding> all = new ArrayList<>();
    clients().forEach(principal -> all.addAll(of(principal)));
    return List.copyOf(all);
  }

  /** The ACLs of one principal; fails for a name that is not one of {@link #clients()}. */
  public List<AclBinding> of(final String principal) {
    final Grants grants = new Grants(principal);
    for (final Country country : Countries.all()) {
      if (principal.equals(coalition(country))) {
        grants.topic(
            topicPrefix + Topics.events(country), AclOperation.WRITE, AclOperation.DESCRIBE);
        grants.idempotentWrite();
        return grants.bindings();
      }
    }
    switch (principal) {
      case GATEWAY -> {
        eventTopics()
            .forEach(
                topic ->
                    grants.topic(
                        topic, AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE));
        grants.idempotentWrite();
        grants.prefixed(
            ResourceType.TRANSACTIONAL_ID,
            GATEWAY_TRANSACTIONS,
            AclOperation.WRITE,
            AclOperation.DESCRIBE);
      }
      case SERVICE -> {
        eventTopics()
            .forEach(topic -> grants.topic(topic, AclOperation.READ, AclOperation.DESCRIBE));
        for (final String output :
            List.of(
                Topics.CASE_STATE,
                Topics.COUNTRY_STATS,
                Topics.ALERTS,
                Topics.DEAD_LETTERS,
                Topics.ALERT_ACTIONS,
                Topics.AUDIT,
                Topics.SUBSCRIPTIONS)) {
          grants.topic(
              topicPrefix + output, AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE);
        }
        final String internal = applicationId + "-";
        grants.prefixed(ResourceType.TOPIC, internal, AclOperation.ALL);
        grants.literal(ResourceType.GROUP, applicationId, AclOperation.READ, AclOperation.DESCRIBE);
        // The instances share the webhook deliveries as one consumer group of the alerts.
        grants.literal(
            ResourceType.GROUP,
            notifierGroup(applicationId),
            AclOperation.READ,
            AclOperation.DESCRIBE);
        grants.prefixed(
            ResourceType.TRANSACTIONAL_ID, internal, AclOperation.WRITE, AclOperation.DESCRIBE);
        grants.idempotentWrite();
      }
      case ANALYST -> {
        eventTopics()
            .forEach(topic -> grants.topic(topic, AclOperation.READ, AclOperation.DESCRIBE));
        // What coordinators did about alerts is part of the record analysts study.
        grants.topic(topicPrefix + Topics.ALERT_ACTIONS, AclOperation.READ, AclOperation.DESCRIBE);
        grants.prefixed(ResourceType.TOPIC, REPLAY_NAMESPACE, AclOperation.ALL);
        grants.prefixed(
            ResourceType.GROUP,
            REPLAY_NAMESPACE,
            AclOperation.READ,
            AclOperation.DESCRIBE,
            AclOperation.DELETE);
        grants.prefixed(
            ResourceType.TRANSACTIONAL_ID,
            REPLAY_NAMESPACE,
            AclOperation.WRITE,
            AclOperation.DESCRIBE);
        grants.topic(topicPrefix + Topics.AUDIT, AclOperation.WRITE, AclOperation.DESCRIBE);
        grants.idempotentWrite();
      }
      case REGISTRY -> {
        grants.topic(
            Topics.SCHEMAS,
            AclOperation.READ,
            AclOperation.WRITE,
            AclOperation.DESCRIBE,
            AclOperation.CREATE,
            AclOperation.DESCRIBE_CONFIGS);
        grants.literal(
            ResourceType.GROUP, REGISTRY_GROUP, AclOperation.READ, AclOperation.DESCRIBE);
        grants.idempotentWrite();
      }
      default ->
          throw new IllegalArgumentException(
              "'" + principal + "' is not a casewatch principal; known: " + clients());
    }
    return grants.bindings();
  }

  private List<String> eventTopics() {
    return Topics.allEvents().stream().map(topic -> topicPrefix + topic).toList();
  }

  /** Collects one principal's ALLOW bindings from any host. */
  private static final class Grants {

    private final String principal;
    private final List<AclBinding> bindings = new ArrayList<>();

    Grants(final String name) {
      this.principal = "User:" + name;
    }

    void topic(final String name, final AclOperation... operations) {
      literal(ResourceType.TOPIC, name, operations);
    }

    void idempotentWrite() {
      literal(ResourceType.CLUSTER, "kafka-cluster", AclOperation.IDEMPOTENT_WRITE);
    }

    void literal(final ResourceType type, final String name, final AclOperation... operations) {
      add(new ResourcePattern(type, name, PatternType.LITERAL), operations);
    }

    void prefixed(final ResourceType type, final String prefix, final AclOperation... operations) {
      add(new ResourcePattern(type, prefix, PatternType.PREFIXED), operations);
    }

    private void add(final ResourcePattern resource, final AclOperation... operations) {
      for (final AclOperation operation : operations) {
        bindings.add(
            new AclBinding(
                resource,
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
      }
    }

    List<AclBinding> bindings() {
      return List.copyOf(bindings);
    }
  }
}
