package org.casewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.cli.CliRun.casewatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.casewatch.access.AccessFile;
import org.casewatch.gateway.GatewayConfig;
import org.casewatch.gateway.GatewayServer;
import org.casewatch.json.EventJson;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.model.EventRetracted;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.Topics;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code casewatch import} through a real gateway into a real broker, run twice on the same file.
 */
@WithCasewatchKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportIT {

  private final CasewatchCluster cluster;
  private final Path dir;
  private final Path tokenFile;
  private final GatewayServer gateway;

  ImportIT(final CasewatchCluster cluster, @TempDir final Path dir) throws IOException {
    this.cluster = cluster;
    this.dir = dir;
    cluster.createTopicsIfAbsent(3, Topics.allEvents().toArray(String[]::new));
    final Path coalitions = dir.resolve("coalitions.yaml");
    tokenFile = dir.resolve("token");
    Files.writeString(
        tokenFile,
        AccessFile.addToken(coalitions, "tm-coalition", Optional.of(Country.TM)).token() + "\n");
    for (final Country exampleCountry : List.of(Country.KZ, Country.TJ)) {
      Files.writeString(
          tokenFileOf(exampleCountry),
          AccessFile.addToken(coalitions, coalitionOf(exampleCountry), Optional.of(exampleCountry))
                  .token()
              + "\n");
    }
    gateway =
        GatewayServer.start(
            GatewayConfig.defaults()
                .withPort(0)
                .withKafka(cluster.bootstrapServers(), cluster.registryUrl())
                .withAccessFile(coalitions));
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void aCsvFileIsImportedWithRejectsByLineAndReImportingAddsNothing() throws IOException {
    final Path csv = dir.resolve("events.csv");
    Files.writeString(
        csv,
        """
        type,eventId,caseId,occurredAt,authority,amountMinor,currency,kind,agency,allegation,placeOfDetention,perpetratorAgency,sex,ageBand,returnedFromAbroad
        CASE_REGISTERED,tm-1,TM-2016-0701,2016-02-20,,,,,,TORTURE,PRISON,PENITENTIARY_SERVICE,UNDISCLOSED,AGE_UNKNOWN,no
        COMPLAINT_FILED,tm-2,TM-2016-0701,2016-03-02,PROSECUTOR,,,,,,,,,,
        COMPENSATION_AWARDED,tm-3,TM-2016-0701,2016-09-01,,-50,TMT,,,,,,,,
        REPRISAL_REPORTED,tm-4,TM-2016-0701,2016-03-09,PROSECUTOR,,,PRESSURE_TO_WITHDRAW,POLICE,,,,,,
        COMPLAINT_FILED,kz-9,KZ-2016-0701,2016-03-02,PROSECUTOR,,,,,,,,,,
        REPRISAL_REPORTED,,TM-2016-0701,2016-04-01,,,,DETENTION,NATIONAL_SECURITY,,,,,,
        """);

    final CliRun first =
        casewatch(
            "import",
            "--country",
            "tm",
            "--token-file",
            tokenFile.toString(),
            "--gateway",
            "http://localhost:" + gateway.port(),
            "--no-progress",
            csv.toString());

    assertThat(first.exitCode()).as(first.err()).isEqualTo(1);
    assertThat(first.out())
        .contains("6 events; accepted 3, duplicates 0, rejected 3, not written 0");
    final List<String> rejects = Files.readAllLines(dir.resolve("events.csv.rejects.csv"));
    assertThat(rejects.get(0)).isEqualTo("line,eventId,field,rule,message");
    assertThat(rejects)
        .anySatisfy(
            line -> assertThat(line).startsWith("4,tm-3,payload.amountMinor,not-negative,"));
    assertThat(rejects)
        .anySatisfy(
            line -> assertThat(line).startsWith("5,tm-4,,file,").contains("column authority"));
    assertThat(rejects)
        .anySatisfy(line -> assertThat(line).startsWith("6,kz-9,,file,").contains("not a TM case"));
    final List<CaseEvent> stored = eventsOf("TM-2016-0701");
    assertThat(stored).extracting(CaseEvent::getEventId).contains("tm-1", "tm-2").hasSize(3);

    final CliRun again =
        casewatch(
            "import",
            "--country",
            "TM",
            "--token-file",
            tokenFile.toString(),
            "--gateway",
            "http://localhost:" + gateway.port(),
            "--no-progress",
            csv.toString());

    assertThat(again.out()).contains("accepted 0, duplicates 3, rejected 3");
    assertThat(eventsOf("TM-2016-0701")).as("re-importing adds no events").hasSize(3);
  }

  @Test
  void aCsvFileCarriesLocalDatesAndRetractions() throws IOException {
    final Path csv = dir.resolve("corrections.csv");
    Files.writeString(
        csv,
        """
        type,eventId,caseId,occurredAt,authority,reason,retractedEventId
        COMPLAINT_FILED,tm-c1,TM-2016-0702,2016-03-02,COURT,,
        EVENT_RETRACTED,tm-c2,TM-2016-0702,2016-03-04,,WRONG_CASE,tm-c1
        COMPLAINT_FILED,tm-c3,TM-2016-0702,2016-03-02T10:00:00+05:00,PROSECUTOR,,
        EVENT_RETRACTED,tm-c4,TM-2016-0702,2016-03-04,,ENTERED_IN_ERROR,tm-c4
        """);

    final CliRun run =
        casewatch(
            "import",
            "--country",
            "TM",
            "--token-file",
            tokenFile.toString(),
            "--gateway",
            "http://localhost:" + gateway.port(),
            "--no-progress",
            csv.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains("4 events; accepted 3, duplicates 0, rejected 1, not written 0");
    assertThat(Files.readAllLines(dir.resolve("corrections.csv.rejects.csv")))
        .anySatisfy(
            line -> assertThat(line).startsWith("5,tm-c4,payload.retractedEventId,not-itself,"));
    final Map<String, CaseEvent> stored =
        eventsOf("TM-2016-0702").stream()
            .collect(Collectors.toMap(CaseEvent::getEventId, event -> event));
    assertThat(stored).containsOnlyKeys("tm-c1", "tm-c2", "tm-c3");
    assertThat(stored.get("tm-c1").getOccurredAt())
        .as("2 March 2016 began at 00:00 in Ashgabat, UTC+05:00")
        .isEqualTo(Instant.parse("2016-03-01T19:00:00Z"));
    assertThat(stored.get("tm-c2").getPayload())
        .isEqualTo(new EventRetracted("tm-c1", RetractionReason.WRONG_CASE));
    assertThat(stored.get("tm-c3").getOccurredAt())
        .isEqualTo(Instant.parse("2016-03-02T05:00:00Z"));
  }

  @Test
  void aJsonLinesFileImportsEventsThatReadBackEqual() throws IOException {
    final Path jsonl = dir.resolve("events.jsonl");
    Files.writeString(
        jsonl,
        """
        {"type":"COMPLAINT_FILED","eventId":"tm-j1","caseId":"TM-2017-0002","occurredAt":"2017-01-05T08:00:00Z","recordedAt":"2017-01-06T00:00:00Z","payload":{"authority":"COURT"}}

        {"type":"INVESTIGATION_OPENED","eventId":"tm-j2","caseId":"TM-2017-0002","occurredAt":"2017-01-20T08:00:00Z","recordedAt":"2017-01-21T00:00:00Z","payload":{"authority":"PROSECUTOR","legalArticle":"CC-182"}}
        """);

    final CliRun run =
        casewatch(
            "import",
            "--country",
            "TM",
            "--token-file",
            tokenFile.toString(),
            "--gateway",
            "http://localhost:" + gateway.port(),
            "--no-progress",
            jsonl.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("2 events; accepted 2, duplicates 0, rejected 0");
    final List<CaseEvent> stored = eventsOf("TM-2017-0002");
    assertThat(stored)
        .extracting(event -> EventJson.toJson(event).toString())
        .containsExactlyInAnyOrder(
            "{\"type\":\"COMPLAINT_FILED\",\"eventId\":\"tm-j1\",\"caseId\":\"TM-2017-0002\",\"country\":\"TM\",\"coalition\":\"tm-coalition\",\"occurredAt\":\"2017-01-05T08:00:00Z\",\"recordedAt\":\"2017-01-06T00:00:00Z\",\"payload\":{\"authority\":\"COURT\"}}",
            "{\"type\":\"INVESTIGATION_OPENED\",\"eventId\":\"tm-j2\",\"caseId\":\"TM-2017-0002\",\"country\":\"TM\",\"coalition\":\"tm-coalition\",\"occurredAt\":\"2017-01-20T08:00:00Z\",\"recordedAt\":\"2017-01-21T00:00:00Z\",\"payload\":{\"authority\":\"PROSECUTOR\",\"legalArticle\":\"CC-182\"}}");
  }

  @Test
  void aWrongTokenStopsTheImportWithAHint() throws IOException {
    final Path jsonl = dir.resolve("one.jsonl");
    Files.writeString(
        jsonl,
        "{\"type\":\"COMPLAINT_FILED\",\"eventId\":\"tm-x\",\"caseId\":\"TM-2017-0009\",\"occurredAt\":\"2017-01-05\",\"payload\":{\"authority\":\"COURT\"}}\n");
    final Path wrong = dir.resolve("wrong-token");
    Files.writeString(wrong, "cw_000000000000_" + "B".repeat(43));

    final CliRun run =
        casewatch(
            "import",
            "--country",
            "TM",
            "--token-file",
            wrong.toString(),
            "--gateway",
            "http://localhost:" + gateway.port(),
            "--no-progress",
            jsonl.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("refused the batch (401)", "Check --token-file");
  }

  @Test
  void theDocumentedExampleFilesOfContractV1AndV2ImportEveryRowAsWritten() throws IOException {
    for (final String example : List.of("events-kz.csv", "events-tj-v2.csv")) {
      final Path csv = Files.copy(Path.of("../../docs/examples", example), dir.resolve(example));
      final Country country = example.contains("-kz") ? Country.KZ : Country.TJ;
      final String coalition = coalitionOf(country);
      final List<EventFile.Line> lines = EventFile.read(csv, country);

      final CliRun run =
          casewatch(
              "import",
              "--country",
              country.name(),
              "--token-file",
              tokenFileOf(country).toString(),
              "--gateway",
              "http://localhost:" + gateway.port(),
              "--no-progress",
              csv.toString());

      assertThat(run.exitCode()).as(example + ": " + run.err()).isZero();
      assertThat(run.out())
          .contains(
              lines.size() + " events; accepted " + lines.size() + ", duplicates 0, rejected 0");
      final Map<String, CaseEvent> stored =
          eventsOf(country).stream()
              .collect(
                  Collectors.toMap(CaseEvent::getEventId, event -> event, (first, again) -> first));
      assertThat(lines)
          .as(example)
          .allSatisfy(
              line -> {
                final CaseEvent sent =
                    EventJson.parse(line.event(), coalition, country, Instant.now()).event();
                assertThat(stored.get(sent.getEventId()))
                    .as("line %d", line.number())
                    .extracting(
                        CaseEvent::getCaseId,
                        CaseEvent::getCoalition,
                        CaseEvent::getOccurredAt,
                        CaseEvent::getPayload)
                    .containsExactly(
                        sent.getCaseId(), coalition, sent.getOccurredAt(), sent.getPayload());
              });
    }
  }

  private Path tokenFileOf(final Country country) {
    return dir.resolve(coalitionOf(country) + ".token");
  }

  private static String coalitionOf(final Country country) {
    return country.name().toLowerCase(Locale.ROOT) + "-coalition";
  }

  private List<CaseEvent> eventsOf(final String caseId) {
    return eventsOf(Country.TM).stream().filter(event -> event.getCaseId().equals(caseId)).toList();
  }

  private List<CaseEvent> eventsOf(final Country country) {
    return cluster
        .readAll(
            Topics.events(country),
            AvroDeserializer.specific(cluster.registryClient(), CaseEvent.class))
        .stream()
        .map(ConsumerRecord::value)
        .toList();
  }
}
