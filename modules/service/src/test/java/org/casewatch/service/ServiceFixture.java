package org.casewatch.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.casewatch.access.AccessFile;
import org.casewatch.access.CoalitionDirectory;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.AlertAction;
import org.casewatch.model.Allegation;
import org.casewatch.model.AuditRecord;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.Country;
import org.casewatch.model.PlaceOfDetention;
import org.casewatch.model.Sex;
import org.casewatch.model.Topics;
import org.casewatch.model.VictimProfile;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.registry.serde.AvroSerializer;
import org.casewatch.testkit.CaseEvents;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.HttpTestClient;
import org.casewatch.testkit.HttpTestClient.Answer;

/**
 * Service instances on the shared broker, under a topic prefix of their own, with an access file
 * holding a coordinator token (and an auditor's); and a small HTTP client for their API, which
 * remembers every audited read it made so a test can check that each one is in the audit.
 */
public final class ServiceFixture {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The secret every instance of the fixture shares to sign its requests to the others. */
  static final String PEER_SECRET = "fixture-peer-secret-0123456789abcdef";

  /** How long the services of these tests wait for a case to be quiet before judging it. */
  static final int SETTLE_SECONDS = 3;

  private final CasewatchCluster cluster;
  private final String prefix;
  private final Path dir;
  private final Path accessFile;
  private final String coordinatorToken;
  private final String triageToken;
  private final String coalitionToken;
  private final String auditorToken;
  private final HttpClient http = HttpTestClient.newHttpClient();
  private final List<String> auditedReads = new CopyOnWriteArrayList<>();

  public ServiceFixture(final CasewatchCluster cluster) throws IOException {
    this.cluster = cluster;
    this.prefix = CasewatchCluster.uniqueName("svc") + ".";
    this.dir = Files.createTempDirectory("casewatch-service");
    this.accessFile = dir.resolve("coalitions.yaml");
    this.coordinatorToken = AccessFile.addCoordinatorToken(accessFile, "regional-desk").token();
    this.triageToken = AccessFile.addCoordinatorToken(accessFile, "bishkek-desk", true).token();
    this.coalitionToken =
        AccessFile.addToken(accessFile, "kz-coalition", Optional.of(Country.KZ)).token();
    this.auditorToken = AccessFile.addAuditorToken(accessFile, "board-auditor").token();
    final List<String> events = new ArrayList<>();
    Topics.allEvents().forEach(topic -> events.add(prefix + topic));
    cluster.createTopics(3, events.toArray(String[]::new));
    cluster.createTopics(
        3,
        prefix + Topics.ALERTS,
        prefix + Topics.DEAD_LETTERS,
        prefix + Topics.AUDIT,
        prefix + Topics.ALERT_ACTIONS);
    cluster.createCompactedTopic(prefix + Topics.CASE_STATE, 3);
    cluster.createCompactedTopic(prefix + Topics.COUNTRY_STATS, 3);
    cluster.createCompactedTopic(prefix + Topics.SUBSCRIPTIONS, 1);
  }

  public String coordinatorToken() {
    return coordinatorToken;
  }

  /** A token of coordinator "bishkek-desk", who may act on alerts (the triage permission). */
  String triageToken() {
    return triageToken;
  }

  /** Everything in the alert-actions topic so far. */
  List<AlertAction> alertActions() {
    return cluster
        .readAll(
            prefix + Topics.ALERT_ACTIONS,
            AvroDeserializer.specific(cluster.registryClient(), AlertAction.class))
        .stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  public Path accessFile() {
    return accessFile;
  }

  String coalitionToken() {
    return coalitionToken;
  }

  String auditorToken() {
    return auditorToken;
  }

  String auditTopic() {
    return prefix + Topics.AUDIT;
  }

  /** Everything in the audit topic so far. */
  List<AuditRecord> auditRecords() {
    return cluster
        .readAll(
            prefix + Topics.AUDIT,
            AvroDeserializer.specific(cluster.registryClient(), AuditRecord.class))
        .stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  /**
   * Fails unless every audited read made through {@link #get} has its record (token id, path,
   * status) in the audit.
   */
  void assertEveryAuditedReadIsRecorded() {
    final List<String> recorded = new ArrayList<>();
    auditRecords()
        .forEach(
            record ->
                recorded.add(
                    record.getTokenId() + " " + record.getPath() + " " + record.getStatus()));
    final List<String> missing = new ArrayList<>();
    for (final String read : auditedReads) {
      if (!recorded.remove(read)) {
        missing.add(read);
      }
    }
    if (!missing.isEmpty()) {
      throw new AssertionError(
          missing.size() + " audited reads have no record in the audit: " + missing);
    }
  }

  String alertsTopic() {
    return prefix + Topics.ALERTS;
  }

  /** The configuration of one instance; {@code name} keeps instances' state directories apart. */
  ServiceConfig config(final String name) {
    return config(name, Map.of());
  }

  /** The configuration of one instance with {@code overrides}. */
  public ServiceConfig config(final String name, final Map<String, String> overrides) {
    final Map<String, String> values = new HashMap<>();
    values.put("casewatch.application.id", prefix + "casewatch");
    values.put("casewatch.bootstrap.servers", cluster.bootstrapServers());
    values.put("casewatch.registry.url", cluster.registryUrl());
    values.put("casewatch.http.port", "0");
    values.put("casewatch.state.dir", dir.resolve("state-" + name).toString());
    values.put("casewatch.streams.standby.replicas", "0");
    values.put("casewatch.auth.file", accessFile.toString());
    values.put("casewatch.topics.prefix", prefix);
    values.put("casewatch.peer.secret", PEER_SECRET);
    // A case is judged 3 s after its latest event instead of 30 s: tests publish each case's
    // events at once, and wait for judgements far less.
    values.put("casewatch.live.settle.seconds", String.valueOf(SETTLE_SECONDS));
    values.putAll(overrides);
    return ServiceConfig.from(values);
  }

  /** Publishes events to the prefixed country topics, keyed by caseId. */
  void publish(final List<CaseEvent> events) {
    final List<ProducerRecord<String, CaseEvent>> records = new ArrayList<>();
    for (final CaseEvent event : events) {
      records.add(
          new ProducerRecord<>(
              prefix + Topics.events(event.getCountry()),
              null,
              event.getOccurredAt().toEpochMilli(),
              event.getCaseId(),
              event));
    }
    cluster.produce(records, new AvroSerializer<>(cluster.registryClient(), true, false));
  }

  /**
   * A registration with the whole victim profile (the testkit's builder registers men who were not
   * returned from abroad); same eventId as {@code aCase(caseId).registered(at)}, so it can replace
   * it.
   */
  static CaseEvent registered(
      final String caseId,
      final Instant at,
      final Allegation allegation,
      final Agency perpetrators,
      final Sex sex,
      final AgeBand age,
      final boolean returnedFromAbroad) {
    final CaseEvent event = CaseEvents.aCase(caseId).registered(at);
    event.setPayload(
        CaseRegistered.newBuilder()
            .setAllegation(allegation)
            .setPlaceOfDetention(
                perpetrators == Agency.PENITENTIARY_SERVICE
                    ? PlaceOfDetention.PRISON
                    : PlaceOfDetention.POLICE_STATION)
            .setPerpetratorAgency(perpetrators)
            .setVictim(
                VictimProfile.newBuilder()
                    .setSex(sex)
                    .setAgeBand(age)
                    .setReturnedFromAbroad(returnedFromAbroad)
                    .build())
            .build());
    return event;
  }

  /** Sends a bodiless {@code method} request with {@code token}; returns the status. */
  int send(
      final CasewatchService service, final String method, final String path, final String token) {
    return client(service).as(token).send(method, path, null).status();
  }

  /** POSTs a JSON body with {@code token} (none if null). */
  Answer post(
      final CasewatchService service, final String path, final String token, final String json) {
    return client(service).as(token).post(path, json);
  }

  /** GETs {@code path} as the coordinator, remembering it if it is an audited read. */
  Answer get(final CasewatchService service, final String path) {
    return get(service, path, coordinatorToken);
  }

  /**
   * GETs {@code path} with {@code token} (none if null), remembering it if it is an audited read.
   */
  Answer get(final CasewatchService service, final String path, final String token) {
    final Answer answer = client(service).as(token).get(path);
    final String bare = path.replaceFirst("\\?.*", "");
    final boolean unrecordable =
        answer.status() == 503 && answer.body().contains("audit of reads cannot be");
    if (AuditedRead.actionOf(bare).isPresent() && !unrecordable) {
      auditedReads.add(
          Optional.ofNullable(token).flatMap(CoalitionDirectory::tokenIdOf).orElse("none")
              + " "
              + bare
              + " "
              + answer.status());
    }
    return answer;
  }

  /**
   * A client without a token for {@code service}'s API, for requests the fixture does not record.
   */
  HttpTestClient client(final CasewatchService service) {
    return HttpTestClient.of("http://localhost:" + service.port(), http);
  }
}
