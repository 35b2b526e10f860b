package org.casewatch.service;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.casewatch.access.CoalitionDirectory;
import org.casewatch.access.audit.AuditTrail;
import org.casewatch.model.AuditRecord;
import org.casewatch.model.Country;
import org.casewatch.model.KafkaPrincipals;
import org.casewatch.model.Topics;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.registry.client.SchemaRegistryClient;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.topology.CaseTopology;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.Settling;
import org.casewatch.topology.StreamsSettings;
import org.casewatch.topology.TopologyTopics;
import org.casewatch.topology.rules.RuleBook;
import org.casewatch.topology.rules.Rules;
import org.casewatch.topology.rules.RulesFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator service: runs the case topology in LIVE mode and serves the query API, the live
 * alert stream, the dashboard, health and metrics. Start as many instances as needed with the same
 * application id; each answers every query.
 */
public final class CasewatchService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CasewatchService.class);

  private final ServiceConfig config;
  private final Javalin http;
  private final KafkaStreams streams;
  private final PrometheusMeterRegistry metrics;
  private final KafkaStreamsMetrics streamsMetrics;
  private final AlertStream alertStream;
  private final AuditTrail auditTrail;
  private final ActionLog actionLog;
  private final DigestScheduler digests;
  private final AlertNotifier notifier;
  private final Subscriptions subscriptions;
  private static final String STREAM_SLOT = "casewatch.stream.slot";

  private CasewatchService(
      final ServiceConfig config,
      final Javalin http,
      final KafkaStreams streams,
      final PrometheusMeterRegistry metrics,
      final KafkaStreamsMetrics streamsMetrics,
      final AlertStream alertStream,
      final AuditTrail auditTrail,
      final ActionLog actionLog,
      final DigestScheduler digests,
      final AlertNotifier notifier,
      final Subscriptions subscriptions) {
    this.digests = digests;
    this.actionLog = actionLog;
    this.notifier = notifier;
    this.subscriptions = subscriptions;
    this.config = config;
    this.auditTrail = auditTrail;
    this.alertStream = alertStream;
    this.http = http;
    this.streams = streams;
    this.metrics = metrics;
    this.streamsMetrics = streamsMetrics;
  }

  /**
   * Starts HTTP first (so the port to advertise is known, even when configured as 0), then the
   * Streams client; queries answer 503 until state is ready.
   */
  public static CasewatchService start(final ServiceConfig requested) {
    return start(requested, Clock.systemUTC());
  }

  /**
   * The same, with {@code clock} for what runs on the wall clock (the daily digests), e.g. a fixed
   * one in tests.
   */
  static CasewatchService start(final ServiceConfig requested, final Clock clock) {
    final SchemaRegistryClient registry =
        new HttpSchemaRegistryClient(RegistryClientConfig.of(requested.registryUrl()));
    final TopologyTopics topics = TopologyTopics.prefixed(registry, requested.topicPrefix());
    final Rules rules =
        requested.rulesFile().map(RuleTableFile::read).orElseGet(RulesFile::defaults);
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    final AtomicReference<KafkaStreams> streamsRef = new AtomicReference<>();
    final AtomicReference<LiveState> stateRef = new AtomicReference<>();
    if (requested.authEnabled() && !Files.isReadable(requested.accessFile())) {
      throw new IllegalArgumentException(
          "casewatch.auth.enabled is true but the access file "
              + requested.accessFile()
              + " cannot be read; create it with 'casewatch token add --coordinator NAME"
              + " --coalitions "
              + requested.accessFile()
              + "' or set casewatch.auth.enabled=false");
    }
    final PeerCredential peerCredential =
        new PeerCredential(
            requested
                .peerSecret()
                .orElseGet(
                    () -> {
                      log.warn(
                          "casewatch.peer.secret is not set: this instance signs its requests to"
                              + " other instances with a random secret, so it cannot answer queries"
                              + " together with other instances; set the same secret on each of"
                              + " them");
                      return PeerSecret.random();
                    }),
            Clock.systemUTC());
    final CoalitionDirectory directory =
        requested.authEnabled() ? new CoalitionDirectory(requested.accessFile()) : null;
    final Access access =
        new Access(Optional.ofNullable(directory), peerCredential, requested.metricsOpen());
    final Map<String, Object> auditKafka = auditKafkaSettings(requested);
    final String auditTopic = requested.topicPrefix() + Topics.AUDIT;
    // In the background: a broker that is down must not delay the start (queries answer 503
    // meanwhile).
    final String actionsTopic = topics.alertActions().orElseThrow().name();
    final String subscriptionsTopic = requested.topicPrefix() + Topics.SUBSCRIPTIONS;
    final Thread auditTopicCheck =
        new Thread(
            () -> {
              AuditTrail.ensureTopic(auditKafka, auditTopic);
              TopicCheck.ensure(
                  auditKafka,
                  actionsTopic,
                  Topics.ALERT_ACTIONS,
                  Optional.of(topics.events(Country.KZ).name()),
                  "the case topology stops and actions answer 503");
              TopicCheck.ensure(
                  auditKafka,
                  subscriptionsTopic,
                  Topics.SUBSCRIPTIONS,
                  Optional.empty(),
                  "subscriptions cannot be made and nothing is notified");
            },
            "casewatch-audit-topic");
    auditTopicCheck.setDaemon(true);
    auditTopicCheck.start();
    final AuditTrail auditTrail =
        new AuditTrail(auditKafka, registry, auditTopic, AuditTrail.DEFAULT_TIMEOUT);
    final ActionLog actionLog = new ActionLog(auditKafka, registry, actionsTopic);
    final Subscriptions subscriptions = new Subscriptions(auditKafka, registry, subscriptionsTopic);
    final AlertNotifier notifier =
        new AlertNotifier(
            auditKafka,
            KafkaPrincipals.notifierGroup(requested.applicationId()),
            topics.alerts().name(),
            topics.alerts().valueSerde().deserializer(),
            subscriptions,
            requested.notifyRetry(),
            requested.smtp().map(MailChannel::new),
            metrics);
    final AtomicReference<String> instance = new AtomicReference<>(requested.advertisedHost());
    final AuditedRead audited = new AuditedRead(directory, auditTrail, instance::get);
    final QueryApi queries =
        new QueryApi(stateRef::get, new Peers(peerCredential, requested.security().tls()));
    final DigestScheduler digests =
        new DigestScheduler(
            subscriptions, queries, notifier, clock, requested.digestAt(), requested.digestZone());
    requested.kafkaClient().ignoredWarning().ifPresent(log::warn);
    final AlertStream alertStream =
        new AlertStream(
            requested.bootstrapServers(),
            requested.kafkaClient().passed(),
            topics.alerts().name(),
            topics.alerts().valueSerde().deserializer(),
            requested.maxStreams(),
            requested.maxStreamsPerToken(),
            requested.streamWriteTimeout());
    final Health health =
        new Health(() -> streamsRef.get() == null ? null : streamsRef.get().state());
    final Javalin http;
    try {
      http =
          Javalin.create(
                  javalin -> {
                    javalin.startup.showJavalinBanner = false;
                    javalin.jetty.port = requested.httpPort();
                    javalin.jetty.host = requested.httpHost();
                    requested.security().mount(javalin, requested.httpHost(), requested.httpPort());
                    javalin.staticFiles.enableWebjars();
                    javalin.staticFiles.add(
                        files -> {
                          files.hostedPath = "/";
                          files.directory = "/dashboard";
                          files.location = Location.CLASSPATH;
                        });
                    new HttpMetrics(metrics).mount(javalin);
                    javalin.routes.before(audited::gate);
                    javalin.routes.before(access::check);
                    javalin.routes.after(audited::afterAnswer);
                    javalin.routes.after(access::signAnswer);
                    javalin.routes.get("/health", health::live);
                    javalin.routes.get("/health/ready", health::ready);
                    javalin.routes.get(
                        "/metrics",
                        ctx ->
                            ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                                .result(metrics.scrape()));
                    queries.mount(javalin.routes);
                    new Pages().mount(javalin.routes);
                    new TriageApi(
                            queries,
                            actionLog,
                            Optional.ofNullable(directory),
                            access,
                            audited,
                            new TriageMetrics(metrics),
                            Clock.systemUTC())
                        .mount(javalin.routes);
                    new SubscriptionApi(
                            subscriptions, access, requested.smtp().isPresent(), Clock.systemUTC())
                        .mount(javalin.routes);
                    new AuditApi(
                            new AuditReader(
                                auditKafka,
                                AvroDeserializer.specific(registry, AuditRecord.class),
                                auditTopic))
                        .mount(javalin.routes);
                    // Checked before the stream starts: once it has, its 200 is sent and a bad
                    // filter could not be a 400. So are its resume position, its place under the
                    // stream caps (a real 429, not a 200 that ends) and the audit record of its
                    // opening (no record, no stream: 503).
                    javalin.routes.before(
                        Access.STREAM,
                        ctx -> {
                          AlertStream.filterOf(
                              AlertQuery.from(new QueryParameters(ctx.queryParamMap())));
                          AlertStream.decode(lastEventId(ctx));
                          // Only a GET becomes a stream that gives its place back; any other method
                          // would keep it for ever.
                          if (HandlerType.GET.equals(ctx.method())) {
                            final AlertStream.Slot slot = alertStream.admit(access.holder(ctx));
                            try {
                              audited.streamOpening(ctx);
                            } catch (RuntimeException e) {
                              slot.release();
                              throw e;
                            }
                            ctx.attribute(STREAM_SLOT, slot);
                          }
                        });
                    javalin.routes.sse(
                        Access.STREAM,
                        client ->
                            alertStream.serve(
                                client,
                                lastEventId(client.ctx()),
                                AlertStream.filterOf(
                                    AlertQuery.from(
                                        new QueryParameters(client.ctx().queryParamMap()))),
                                access.stillValid(client.ctx()),
                                client.ctx().attribute(STREAM_SLOT)));
                    ErrorAnswers.mount(javalin.routes);
                  })
              .start();
    } catch (RuntimeException e) {
      // No port, say: nothing started here may outlive the failed start.
      for (final AutoCloseable started :
          List.of(digests, notifier, subscriptions, actionLog, auditTrail, alertStream)) {
        closeQuietly(started);
      }
      throw e;
    }

    final ServiceConfig config = requested.withHttpPort(http.port());
    instance.set(config.advertisedHost() + ":" + config.httpPort());
    final HostInfo self = new HostInfo(config.advertisedHost(), config.httpPort());
    final KafkaStreams streams;
    try {
      streams =
          new KafkaStreams(
              CaseTopology.build(rules, topics, ClockMode.LIVE, Settling.of(config.settle())),
              streamsProperties(config, topics));
    } catch (RuntimeException e) {
      alertStream.close();
      http.stop();
      auditTrail.close();
      actionLog.close();
      digests.close();
      notifier.close();
      subscriptions.close();
      throw e;
    }
    streams.setUncaughtExceptionHandler(new StreamThreadFailures());
    final KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(metrics);
    streamsRef.set(streams);
    stateRef.set(new LiveState(streams, self, new RuleBook(rules)));
    streams.start();
    log.info(
        "casewatch service on {}://{}:{} (application {}, Kafka {})",
        config.security().scheme(),
        config.advertisedHost(),
        config.httpPort(),
        config.applicationId(),
        config.bootstrapServers());
    return new CasewatchService(
        config,
        http,
        streams,
        metrics,
        streamsMetrics,
        alertStream,
        auditTrail,
        actionLog,
        digests,
        notifier,
        subscriptions);
  }

  /** The Kafka client settings of the service's principal, for the audit's producer and reader. */
  private static Map<String, Object> auditKafkaSettings(final ServiceConfig config) {
    final Map<String, Object> settings = new HashMap<>(config.kafkaClient().passed());
    settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    return settings;
  }

  static Properties streamsProperties(final ServiceConfig config, final TopologyTopics topics) {
    final Properties properties =
        StreamsSettings.of(config.applicationId(), config.bootstrapServers(), topics);
    properties.put(
        StreamsConfig.APPLICATION_SERVER_CONFIG, config.advertisedHost() + ":" + config.httpPort());
    properties.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
    properties.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
    properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
    properties.put(
        StreamsSettings.ROCKSDB_MEMORY_BYTES_CONFIG, (long) config.rocksDbMemoryMb() << 20);
    // How the service authenticates to Kafka (casewatch.kafka.config), for every client Streams
    // builds.
    properties.putAll(config.kafkaClient().passed());
    // Static membership: a restarted instance takes its tasks back without a rebalance, and a
    // closing one is removed from the group at once (see close), so the others take over without
    // waiting out its session.
    // How long the others wait for an instance that vanished (kill -9, a lost machine) before
    // taking its tasks over.
    properties.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
        config.sessionTimeoutMs());
    // At least three heartbeats per session (Kafka's 3 s, or a third of a shorter session).
    properties.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
        Math.min(3_000, config.sessionTimeoutMs() / 3));
    properties.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
        (config.applicationId() + "-" + config.advertisedHost() + "-" + config.httpPort())
            .replaceAll("[^A-Za-z0-9._-]", "_"));
    return properties;
  }

  private static void closeQuietly(final AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      log.warn("Closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
    }
  }

  public int port() {
    return config.httpPort();
  }

  /**
   * The resume position a stream client sent: the {@code Last-Event-ID} header, or {@code
   * ?lastEventId=}.
   */
  private static String lastEventId(final Context ctx) {
    return Optional.ofNullable(ctx.header("Last-Event-ID")).orElse(ctx.queryParam("lastEventId"));
  }

  /**
   * Whether the webhook notifier holds its partitions (tests wait for it before raising alerts).
   */
  boolean notifierReady() {
    return notifier.ready();
  }

  /** Alert streams being served (tests check that none is left behind). */
  int openAlertStreams() {
    return alertStream.openStreams();
  }

  /**
   * Kafka consumers the alert streams hold: one for all of them, and one per stream catching up to
   * it.
   */
  int alertStreamConsumers() {
    return alertStream.consumers();
  }

  /** Alert streams holding a place under the caps. */
  int admittedAlertStreams() {
    return alertStream.admittedStreams();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /**
   * Ends the alert streams while HTTP still answers (each ends once, see {@link StreamConnection}),
   * stops taking requests, then closes the Streams client so it commits and leaves the group at
   * once (instead of the others waiting out its session), so the survivors take over its work.
   */
  @Override
  public void close() {
    alertStream.close();
    http.stop();
    auditTrail.close();
    actionLog.close();
    // The digests and the notifier first: they read the subscriptions.
    closeQuietly(digests);
    closeQuietly(notifier);
    closeQuietly(subscriptions);
    streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
    streamsMetrics.close();
    metrics.close();
  }
}
