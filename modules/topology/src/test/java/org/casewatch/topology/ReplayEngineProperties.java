package org.casewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.model.CountryStats;
import org.casewatch.registry.serde.AvroSerializer;
import org.casewatch.testkit.InMemorySchemaRegistry;
import org.casewatch.topology.country.CountryFigures;
import org.casewatch.topology.deadletters.CaseEventDecoder;
import org.casewatch.topology.rules.RuleBook;
import org.casewatch.topology.rules.RulesFile;

/**
 * The in-memory replay ({@link TaskReplay}, the case logic on heap objects) against the topology in
 * REPLAY as of a date, fed the same records in the same order: random cases in five countries,
 * shuffled, with copies, retractions, records that are not events, and many records sharing an
 * arrival time. Case states, country figures, each alert's latest version and the dead-letter count
 * are equal.
 */
class ReplayEngineProperties {

  private static final String OUTPUTS = "replay-spec.";
  private final ArrivalOrderProperties histories = new ArrivalOrderProperties();

  @Provide
  Arbitrary<List<ArrivalOrderProperties.CountryCase>> countryCases() {
    return histories.countryCases();
  }

  @Provide
  Arbitrary<List<Integer>> duplicates() {
    return histories.duplicates();
  }

  @Provide
  Arbitrary<Integer> asOfDays() {
    return Arbitraries.integers().between(0, 400);
  }

  @Property(tries = 40)
  void theInMemoryTaskEndsWhereTheTopologyEnds(
      @ForAll("countryCases") final List<ArrivalOrderProperties.CountryCase> cases,
      @ForAll final long seed,
      @ForAll("duplicates") final List<Integer> repeats,
      @ForAll("asOfDays") final int asOfDay) {
    final Random random = new Random(seed);
    final List<CaseEvent> events = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      events.addAll(cases.get(i).events(i + 1));
    }
    repeats.forEach(index -> events.add(events.get(index % events.size())));
    Collections.shuffle(events, random);
    final Instant asOf = Instant.parse("2016-01-10T00:00:00Z").plus(Duration.ofDays(asOfDay));
    final Instant wallClock = Instant.parse("2026-12-01T00:00:00Z");

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final TopologyTopics topics = TopologyTopics.forReplay(registry, "", OUTPUTS);
    final List<Input> inputs = inputs(events, random, topics, registry);

    final TaskReplay memory = new TaskReplay(new RuleBook(RulesFile.defaults()), asOf, wallClock);
    final CaseEventDecoder decoder =
        new CaseEventDecoder(topics.caseEventDeserializer(), topics::countryOf);
    long offset = 0;
    for (final Input input : inputs) {
      memory.accept(
          decoder.decode(
              input.topic(),
              0,
              offset++,
              input.key(),
              input.value(),
              new RecordHeaders(),
              input.arrival().toEpochMilli(),
              wallClock.toEpochMilli()));
    }
    memory.finish();

    final Path stateDir = stateDirectory();
    final Properties settings = StreamsSettings.of("replay-spec", "unused:9092");
    settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    try (TopologyTestDriver streams =
        new TopologyTestDriver(
            CaseTopology.buildReplay(RulesFile.defaults(), topics, asOf), settings, wallClock)) {
      for (final Input input : inputs) {
        streams
            .createInputTopic(input.topic(), new ByteArraySerializer(), new ByteArraySerializer())
            .pipeInput(input.key(), input.value(), input.arrival());
      }
      streams
          .createInputTopic(
              topics.replayClock().orElseThrow(), new StringSerializer(), new LongSerializer())
          .pipeInput("as-of", asOf.toEpochMilli(), asOf);

      final Map<String, CaseState> caseStates = latest(output(streams, topics.caseState()));
      final Map<String, CountryStats> countryStats = latest(output(streams, topics.countryStats()));
      final Map<String, Alert> alerts = new HashMap<>();
      output(streams, topics.alerts())
          .readValuesToList()
          .forEach(alert -> alerts.put(alert.getAlertId(), alert));
      final long deadLetters =
          streams
              .createOutputTopic(
                  topics.deadLetters().name(),
                  new ByteArrayDeserializer(),
                  new ByteArrayDeserializer())
              .getQueueSize();

      assertThat(new TreeMap<>(memory.cases())).isEqualTo(caseStates);
      final Map<String, CountryStats> summed = new TreeMap<>();
      CountryFigures.of(memory.cases().values())
          .forEach((country, stats) -> summed.put(country.name(), stats));
      assertThat(summed).isEqualTo(countryStats);
      assertThat(memory.alerts()).isEqualTo(alerts);
      assertThat(memory.deadLetters()).isEqualTo(deadLetters);
    } finally {
      deleteDirectory(stateDir);
    }
  }

  private record Input(String topic, byte[] key, byte[] value, Instant arrival) {}

  /**
   * Each event as its coalition's system sends it, arriving within a few days of when it was
   * recorded, on the hour, so records of different cases share an arrival; one in fifteen records
   * is not an event at all. In arrival order, ties in the shuffled order, as a task reads them.
   */
  private static List<Input> inputs(
      final List<CaseEvent> events,
      final Random random,
      final TopologyTopics topics,
      final InMemorySchemaRegistry registry) {
    final AvroSerializer<CaseEvent> serializer = new AvroSerializer<>(registry, true, false);
    final List<Input> inputs = new ArrayList<>();
    for (final CaseEvent event : events) {
      final String topic = topics.events(event.getCountry()).name();
      final Instant arrival =
          event
              .getRecordedAt()
              .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
              .plus(Duration.ofHours(1 + random.nextInt(72)));
      final byte[] key = event.getCaseId().getBytes(StandardCharsets.UTF_8);
      inputs.add(new Input(topic, key, serializer.serialize(topic, event), arrival));
      if (random.nextInt(15) == 0) {
        inputs.add(new Input(topic, key, "not an event".getBytes(StandardCharsets.UTF_8), arrival));
      }
    }
    inputs.sort(Comparator.comparing(Input::arrival));
    return inputs;
  }

  private static <V> TestOutputTopic<String, V> output(
      final TopologyTestDriver driver, final Topic<String, V> topic) {
    return driver.createOutputTopic(
        topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  private static <V> Map<String, V> latest(final TestOutputTopic<String, V> topic) {
    final Map<String, V> latest = new TreeMap<>();
    topic.readKeyValuesToList().forEach(record -> latest.put(record.key, record.value));
    return latest;
  }

  private static Path stateDirectory() {
    try {
      final Path memory = Path.of("/dev/shm");
      return Files.isDirectory(memory) && Files.isWritable(memory)
          ? Files.createTempDirectory(memory, "replay-spec")
          : Files.createTempDirectory("replay-spec");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteDirectory(final Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
