package org.casewatch.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertAction;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.AlertTriage;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.RuleId;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.model.internal.StoredEvent;
import org.casewatch.registry.serde.AvroSerializer;
import org.casewatch.testkit.InMemorySchemaRegistry;
import org.casewatch.topology.country.Contribution;
import org.casewatch.topology.internals.cases.CaseKeys;
import org.casewatch.topology.internals.cases.CaseProcessor;
import org.casewatch.topology.internals.cases.StreamsCaseStore;
import org.casewatch.topology.internals.stores.StoreSerdes;
import org.casewatch.topology.rules.Rules;
import org.casewatch.topology.rules.RulesFile;

/**
 * The real topology in a {@code TopologyTestDriver}, with casewatch's serde over an in-memory
 * registry: tests publish events and read what came out, and drive the wall clock for LIVE mode.
 */
final class CasewatchDriver implements AutoCloseable {

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final TopologyTopics topics = TopologyTopics.create(registry);
  private final Path stateDir;
  private final ClockMode mode;
  private final TopologyTestDriver driver;
  private final TestOutputTopic<String, Alert> alerts;
  private final TestOutputTopic<String, CaseState> caseStates;
  private final TestOutputTopic<String, CountryStats> countryStats;
  private final TestOutputTopic<byte[], byte[]> deadLetters;
  private final List<Alert> alertsSeen = new ArrayList<>();
  private final Map<String, CaseState> latestCaseStates = new TreeMap<>();
  private final Map<String, CountryStats> latestCountryStats = new TreeMap<>();

  /** A replay of history, run today. */
  static CasewatchDriver replay() {
    return new CasewatchDriver(ClockMode.REPLAY, RulesFile.defaults(), Instant.now());
  }

  /** A replay run with the wall clock at {@code wallClock}, which must not change its outcome. */
  static CasewatchDriver replayAt(final Instant wallClock) {
    return new CasewatchDriver(ClockMode.REPLAY, RulesFile.defaults(), wallClock);
  }

  static CasewatchDriver replay(final Rules rules) {
    return new CasewatchDriver(ClockMode.REPLAY, rules, Instant.now());
  }

  /** The same scenario in either clock mode: LIVE with today's wall clock, or REPLAY. */
  static CasewatchDriver in(final ClockMode mode) {
    return in(mode, RulesFile.defaults());
  }

  static CasewatchDriver in(final ClockMode mode, final Rules rules) {
    return new CasewatchDriver(mode, rules, Instant.now());
  }

  /**
   * Live processing with the wall clock at {@code now}; tests move it with {@link
   * #advanceWallClock}.
   */
  static CasewatchDriver live(final Instant now) {
    return new CasewatchDriver(ClockMode.LIVE, RulesFile.defaults(), now);
  }

  /**
   * Live processing with the wall clock at {@code now}, cases judged once quiet for {@code
   * settling}.
   */
  static CasewatchDriver live(final Instant now, final Settling settling) {
    return new CasewatchDriver(ClockMode.LIVE, RulesFile.defaults(), now, settling);
  }

  CasewatchDriver(final ClockMode mode, final Rules rules, final Instant wallClockStart) {
    this(mode, rules, wallClockStart, Settling.DEFAULT);
  }

  CasewatchDriver(
      final ClockMode mode,
      final Rules rules,
      final Instant wallClockStart,
      final Settling settling) {
    this.mode = mode;
    final Properties props = StreamsSettings.of("casewatch-spec", "unused:9092");
    try {
      stateDir = stateDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver =
        new TopologyTestDriver(
            CaseTopology.build(rules, topics, mode, settling), props, wallClockStart);
    alerts = output(topics.alerts());
    caseStates = output(topics.caseState());
    countryStats = output(topics.countryStats());
    deadLetters =
        driver.createOutputTopic(
            topics.deadLetters().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * The driver commits, flushes and fsyncs its stores after every record; on a memory-backed file
   * system where there is one, that costs microseconds instead of milliseconds.
   */
  private static Path stateDirectory() throws IOException {
    final Path memory = Path.of("/dev/shm");
    return Files.isDirectory(memory) && Files.isWritable(memory)
        ? Files.createTempDirectory(memory, "casewatch-spec")
        : Files.createTempDirectory("casewatch-spec");
  }

  private <V> TestOutputTopic<String, V> output(final Topic<String, V> topic) {
    return driver.createOutputTopic(
        topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  /**
   * Publishes events to their countries' topics, keyed by caseId, each arriving (its record
   * timestamp, as the gateway or the broker stamps it) when it was recorded.
   */
  CasewatchDriver publish(final CaseEvent... events) {
    for (final CaseEvent event : events) {
      input(event.getCountry()).pipeInput(event.getCaseId(), event, event.getRecordedAt());
    }
    return this;
  }

  /** Publishes events that all arrive at {@code arrival}, e.g. an archive imported today. */
  CasewatchDriver publishArriving(final Instant arrival, final CaseEvent... events) {
    for (final CaseEvent event : events) {
      input(event.getCountry()).pipeInput(event.getCaseId(), event, arrival);
    }
    return this;
  }

  CasewatchDriver publish(final List<CaseEvent> events) {
    return publish(events.toArray(CaseEvent[]::new));
  }

  /**
   * Publishes bytes written by another producer to a country's topic, arriving at {@code arrival}.
   */
  void publishRaw(
      final Country country, final byte[] key, final byte[] value, final Instant arrival) {
    driver
        .createInputTopic(
            topics.events(country).name(), new ByteArraySerializer(), new ByteArraySerializer())
        .pipeInput(key, value, arrival);
  }

  /** Publishes arbitrary bytes to a country's topic, as a broken producer might. */
  void publishRaw(final Country country, final byte[] key, final byte[] value) {
    driver
        .createInputTopic(
            topics.events(country).name(), new ByteArraySerializer(), new ByteArraySerializer())
        .pipeInput(key, value);
  }

  /**
   * A coordinator's action, keyed by its case as the service writes it, arriving at its {@code at}.
   */
  CasewatchDriver act(final AlertAction... actions) {
    final Topic<String, AlertAction> topic = topics.alertActions().orElseThrow();
    final TestInputTopic<String, AlertAction> input =
        driver.createInputTopic(
            topic.name(), new StringSerializer(), topic.valueSerde().serializer());
    for (final AlertAction action : actions) {
      input.pipeInput(action.getCaseId(), action, action.getAt());
    }
    return this;
  }

  /** Publishes arbitrary bytes to the actions topic, as a broken producer might. */
  void publishRawAction(final byte[] key, final byte[] value) {
    driver
        .createInputTopic(
            topics.alertActions().orElseThrow().name(),
            new ByteArraySerializer(),
            new ByteArraySerializer())
        .pipeInput(key, value);
  }

  /** Serializes an action as a well-behaved producer would. */
  byte[] bytesOf(final AlertAction action) {
    return new AvroSerializer<AlertAction>(registry, true, false)
        .serialize(topics.alertActions().orElseThrow().name(), action);
  }

  /** The triage the case processor keeps for an alert (null while none), read from its store. */
  AlertTriage triage(final String caseId, final String alertId) {
    final AlertMark mark =
        StreamsCaseStore.reader(
                driver.getKeyValueStore(TopologyNames.CASE_EVENTS_STORE),
                driver.getKeyValueStore(TopologyNames.CASE_ALERTS_STORE),
                driver.getKeyValueStore(TopologyNames.CASE_RECORDS_STORE))
            .alerts(caseId)
            .get(alertId);
    return mark == null ? null : mark.getTriage();
  }

  TopologyTopics topics() {
    return topics;
  }

  /** The registry behind the driver's serdes, e.g. to take it down. */
  InMemorySchemaRegistry registry() {
    return registry;
  }

  /** Serializes an event as a well-behaved producer would. */
  byte[] bytesOf(final CaseEvent event) {
    return new AvroSerializer<CaseEvent>(registry, true, false)
        .serialize(topics.events(event.getCountry()).name(), event);
  }

  CasewatchDriver advanceWallClock(final Duration by) {
    driver.advanceWallClockTime(by);
    return this;
  }

  /** Every alert emitted so far, in order. */
  List<Alert> alerts() {
    alertsSeen.addAll(alerts.readValuesToList());
    return List.copyOf(alertsSeen);
  }

  List<Alert> alerts(final RuleId rule) {
    return alerts().stream().filter(alert -> alert.getRule() == rule).toList();
  }

  List<Alert> alerts(final RuleId rule, final AlertStatus status) {
    return alerts(rule).stream().filter(alert -> alert.getStatus() == status).toList();
  }

  /** Every case-state record emitted since the last call. */
  List<TestRecord<String, CaseState>> newCaseStateRecords() {
    final List<TestRecord<String, CaseState>> records = caseStates.readRecordsToList();
    records.forEach(record -> latestCaseStates.put(record.key(), record.value()));
    return records;
  }

  CaseState caseState(final String caseId) {
    newCaseStateRecords();
    return latestCaseStates.get(caseId);
  }

  Map<String, CaseState> caseStates() {
    newCaseStateRecords();
    return Map.copyOf(latestCaseStates);
  }

  CountryStats countryStats(final Country country) {
    return countryStats().get(country.name());
  }

  /**
   * The latest figures of every country. In LIVE the case processor sends the figures' changes
   * every {@link CaseProcessor#FIGURES_EVERY} of wall-clock time, so that much of it passes first.
   */
  Map<String, CountryStats> countryStats() {
    if (mode == ClockMode.LIVE) {
      driver.advanceWallClockTime(CaseProcessor.FIGURES_EVERY);
    }
    countryStats.readKeyValuesToList().forEach(kv -> latestCountryStats.put(kv.key, kv.value));
    return Map.copyOf(latestCountryStats);
  }

  /**
   * Every change of the figures the case processor sent its countries since the last call, from the
   * internal topic they are sent through.
   */
  List<KeyValue<String, Contribution>> figureChangesSent() {
    return driver
        .createOutputTopic(
            TopologyNames.countryRepartitionTopic("casewatch-spec"),
            new StringDeserializer(),
            StoreSerdes.contribution().deserializer())
        .readKeyValuesToList();
  }

  List<TestRecord<byte[], byte[]>> deadLetters() {
    return deadLetters.readRecordsToList();
  }

  /**
   * What the case occupies in the case processor's stores, keys and values as they are written to
   * disk and changelogs: its events, alerts and record (its deadline entries among it).
   */
  long storedBytes(final String caseId) {
    long total = 0;
    final KeyValueStore<Bytes, StoredEvent> events =
        driver.getKeyValueStore(TopologyNames.CASE_EVENTS_STORE);
    try (KeyValueIterator<Bytes, StoredEvent> all =
        events.prefixScan(CaseKeys.prefix(caseId), new BytesSerializer())) {
      while (all.hasNext()) {
        final KeyValue<Bytes, StoredEvent> entry = all.next();
        total +=
            entry.key.get().length
                + StoreSerdes.storedEvent().serializer().serialize("", entry.value).length;
      }
    }
    final KeyValueStore<Bytes, AlertMark> alerts =
        driver.getKeyValueStore(TopologyNames.CASE_ALERTS_STORE);
    try (KeyValueIterator<Bytes, AlertMark> all =
        alerts.prefixScan(CaseKeys.prefix(caseId), new BytesSerializer())) {
      while (all.hasNext()) {
        final KeyValue<Bytes, AlertMark> entry = all.next();
        total +=
            entry.key.get().length
                + StoreSerdes.alertMark().serializer().serialize("", entry.value).length;
      }
    }
    final KeyValueStore<String, CaseRecord> records =
        driver.getKeyValueStore(TopologyNames.CASE_RECORDS_STORE);
    total +=
        caseId.length()
            + StoreSerdes.caseRecord().serializer().serialize("", records.get(caseId)).length;
    return total;
  }

  private TestInputTopic<String, CaseEvent> input(final Country country) {
    final Topic<String, CaseEvent> topic = topics.events(country);
    return driver.createInputTopic(
        topic.name(), new StringSerializer(), topic.valueSerde().serializer());
  }

  @Override
  public void close() {
    driver.close();
    try (Stream<Path> leftovers = Files.walk(stateDir)) {
      leftovers.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
