package org.casewatch.publisher;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseEventValidator;
import org.casewatch.model.CaseEventValidator.Violation;
import org.casewatch.model.Country;
import org.casewatch.model.KafkaClientConfig;
import org.casewatch.model.Topics;
import org.casewatch.registry.client.HttpSchemaRegistryClient;
import org.casewatch.registry.client.RegistryClientConfig;
import org.casewatch.registry.client.SchemaRegistryClient;
import org.casewatch.registry.serde.AvroSerializer;

/**
 * For coalition systems on the JVM: publishes case events straight to the coalition's country
 * topic, with the same checks as the gateway, an idempotent producer (acks=all) and the Avro serde.
 * Each call returns a future that completes once Kafka acknowledged the event. Each record is
 * stamped with its arrival, the publisher's clock when it is sent, never with the event's own time
 * (and casewatch's event topics have the broker stamp it instead: LogAppendTime).
 *
 * <p>An eventId names one event for good. To correct an event, publish an {@link
 * org.casewatch.model.EventRetracted} naming it and the corrected event under a new eventId.
 *
 * <pre>
 * try (CasewatchPublisher publisher = CasewatchPublisher.builder()
 *     .bootstrapServers("kafka:9092").registryUrl("http://registry:8081")
 *     .coalition("kz-coalition", Country.KZ).kafkaConfig(Path.of("kz.properties")).build()) {
 *   publisher.publish("KZ-2016-0042", Instant.parse("2016-03-02T09:30:00Z"),
 *       new ComplaintFiled(Authority.PROSECUTOR)).join();
 * }
 * </pre>
 */
public final class CasewatchPublisher implements AutoCloseable {

  private final String coalition;
  private final Country country;
  private final Clock clock;
  private final KafkaProducer<String, CaseEvent> producer;

  private CasewatchPublisher(final Builder builder) {
    this.coalition = builder.coalition;
    this.country = builder.country;
    this.clock = builder.clock;
    final Map<String, Object> settings = new HashMap<>(builder.kafkaProperties);
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, builder.bootstrapServers);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) builder.timeout.toMillis());
    settings.put(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        (int) Math.max(500, builder.timeout.toMillis() / 2));
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, builder.timeout.toMillis());
    final SchemaRegistryClient registry =
        builder.registry != null
            ? builder.registry
            : new HttpSchemaRegistryClient(RegistryClientConfig.of(builder.registryUrl));
    this.producer =
        new KafkaProducer<>(
            settings, new StringSerializer(), new AvroSerializer<>(registry, true, false));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A new event of this coalition, with a random eventId, recorded now. */
  public CaseEvent event(final String caseId, final Instant occurredAt, final Object payload) {
    return CaseEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setCaseId(caseId)
        .setCountry(country)
        .setCoalition(coalition)
        .setOccurredAt(occurredAt)
        .setRecordedAt(clock.instant())
        .setPayload(payload)
        .build();
  }

  /** Builds and publishes an event; see {@link #publish(CaseEvent)}. */
  public CompletableFuture<Published> publish(
      final String caseId, final Instant occurredAt, final Object payload) {
    return publish(event(caseId, occurredAt, payload));
  }

  /**
   * Publishes {@code event}. The future fails with {@link InvalidCaseEventException} if the event
   * breaks the contract (nothing is sent), or with {@link PublishException} if Kafka did not
   * acknowledge it (publish it again: the eventId makes that safe).
   */
  public CompletableFuture<Published> publish(final CaseEvent event) {
    final Instant arrival = clock.instant();
    final List<Violation> violations = CaseEventValidator.violations(event, country, arrival);
    if (!coalition.equals(event.getCoalition())) {
      violations.add(
          new Violation(
              "coalition",
              "own-coalition",
              "the event names coalition "
                  + event.getCoalition()
                  + " but this publisher is "
                  + coalition));
    }
    if (!violations.isEmpty()) {
      return CompletableFuture.failedFuture(
          new InvalidCaseEventException(event.getEventId(), violations));
    }
    final CompletableFuture<Published> published = new CompletableFuture<>();
    final ProducerRecord<String, CaseEvent> record = recordOf(event, arrival);
    try {
      // The callback completes `published` with the outcome, a failure included: the future send
      // returns carries the same outcome, and nothing needs it.
      var unused =
          producer.send(
              record,
              (metadata, failure) -> {
                if (failure == null) {
                  published.complete(
                      new Published(
                          event.getEventId(),
                          metadata.topic(),
                          metadata.partition(),
                          metadata.offset()));
                } else {
                  published.completeExceptionally(failed(event, failure));
                }
              });
    } catch (KafkaException e) {
      published.completeExceptionally(failed(event, e));
    }
    return published;
  }

  /**
   * The record of {@code event} as every casewatch producer (this publisher, the gateway) writes
   * it: its country's topic, keyed by caseId, stamped with its {@code arrival}.
   */
  public static ProducerRecord<String, CaseEvent> recordOf(
      final CaseEvent event, final Instant arrival) {
    return new ProducerRecord<>(
        Topics.events(event.getCountry()), null, arrival.toEpochMilli(), event.getCaseId(), event);
  }

  private static PublishException failed(final CaseEvent event, final Exception cause) {
    return new PublishException(
        "Kafka did not acknowledge event "
            + event.getEventId()
            + " for case "
            + event.getCaseId()
            + ": "
            + cause.getMessage()
            + ". Publishing it again is safe.",
        cause);
  }

  /** Waits for every pending event to be acknowledged or failed. */
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }

  /** Configures a publisher; bootstrap servers, a registry and the coalition are required. */
  public static final class Builder {

    private String bootstrapServers;
    private String registryUrl;
    private SchemaRegistryClient registry;
    private String coalition;
    private Country country;
    private Duration timeout = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private final Map<String, Object> kafkaProperties = new HashMap<>();

    private Builder() {}

    public Builder bootstrapServers(final String servers) {
      this.bootstrapServers = servers;
      return this;
    }

    public Builder registryUrl(final String url) {
      this.registryUrl = url;
      return this;
    }

    /** Shares an existing registry client (and its caches) instead of a URL. */
    public Builder registryClient(final SchemaRegistryClient client) {
      this.registry = client;
      return this;
    }

    /** The coalition this publisher speaks for; it may publish only {@code ownCountry}'s events. */
    public Builder coalition(final String id, final Country ownCountry) {
      this.coalition = id;
      this.country = ownCountry;
      return this;
    }

    /** How long Kafka may take to acknowledge an event (default 30 s). */
    public Builder timeout(final Duration deliveryTimeout) {
      this.timeout = deliveryTimeout;
      return this;
    }

    /** Any other producer setting, e.g. security ({@code security.protocol}, {@code sasl.*}). */
    public Builder kafkaProperty(final String key, final Object value) {
      kafkaProperties.put(key, value);
      return this;
    }

    /**
     * How the coalition's system authenticates to Kafka: a standard client properties file (its
     * {@code security.*}, {@code sasl.*} and {@code ssl.*} keys, e.g. the coalition principal's
     * SCRAM credentials), owner-only if it holds a password. See {@link KafkaClientConfig}.
     */
    public Builder kafkaConfig(final Path file) {
      kafkaProperties.putAll(KafkaClientConfig.load(file).passed());
      return this;
    }

    Builder clock(final Clock newClock) {
      this.clock = newClock;
      return this;
    }

    public CasewatchPublisher build() {
      Objects.requireNonNull(
          bootstrapServers, "bootstrapServers: where is Kafka, e.g. localhost:9092?");
      if (registry == null && registryUrl == null) {
        throw new IllegalStateException(
            "registryUrl: where is the schema registry, e.g. http://localhost:8081?");
      }
      Objects.requireNonNull(
          coalition, "coalition: which coalition does this publisher speak for?");
      Objects.requireNonNull(country, "coalition: which country does the coalition publish for?");
      return new CasewatchPublisher(this);
    }
  }
}
