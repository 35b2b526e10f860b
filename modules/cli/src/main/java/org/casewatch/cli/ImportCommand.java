package org.casewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import org.casewatch.analytics.CsvCells;
import org.casewatch.analytics.PrivateFiles;
import org.casewatch.model.Country;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Imports a coalition's events from a CSV or JSON Lines file through the gateway, in batches, with
 * a progress bar. Re-running it on the same file is safe: every event keeps its eventId, so the
 * gateway answers "duplicate" and the topology ignores repeats.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Import events from a .csv or .jsonl file through the gateway; rejects go to a file with"
            + " line numbers.")
final class ImportCommand implements Callable<Integer> {

  @Option(
      names = "--country",
      required = true,
      description = "The coalition's country: KZ, KG, TJ, TM or UZ.")
  Country country;

  @Option(
      names = "--token-file",
      required = true,
      description = "File holding the coalition's token (cw_...).")
  Path tokenFile;

  @Mixin GatewayUrlOption gateway;

  @Option(
      names = "--batch-size",
      defaultValue = "500",
      description = "Events per request (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--rejects",
      description = "Where to write rejected lines (default: <file>.rejects.csv).")
  Path rejectsFile;

  @Mixin ProgressOption progress;

  @Parameters(index = "0", description = "The events file: .csv or .jsonl.")
  Path file;

  /** One rejected line, as written to the rejects file. */
  record Reject(int line, String eventId, String field, String rule, String message) {}

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (batchSize < 1 || batchSize > 1000) {
      System.err.println(
          "--batch-size must be between 1 and 1000 (the gateway's limit), was " + batchSize);
      return 2;
    }
    final String token = Files.readString(tokenFile).trim();
    final List<EventFile.Line> lines;
    try {
      lines = EventFile.read(file, country);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    final List<Reject> rejects = new ArrayList<>();
    final List<EventFile.Line> sendable = new ArrayList<>();
    for (final EventFile.Line line : lines) {
      if (line.problem() == null) {
        sendable.add(line);
      } else {
        rejects.add(new Reject(line.number(), line.eventId(), "", "file", line.problem()));
      }
    }
    final GatewayUpload upload =
        new GatewayUpload(
            gateway.url, token, duration -> TimeUnit.MILLISECONDS.sleep(duration.toMillis()));
    int accepted = 0;
    int duplicates = 0;
    int notWritten = 0;
    try (ProgressBar progress =
        ProgressBars.events(
            "Importing " + file.getFileName(), lines.size(), this.progress.shown())) {
      progress.stepBy(rejects.size());
      for (int from = 0; from < sendable.size(); from += batchSize) {
        final List<EventFile.Line> batch =
            sendable.subList(from, Math.min(from + batchSize, sendable.size()));
        final List<GatewayUpload.Result> results =
            upload.send(batch.stream().map(EventFile.Line::event).toList());
        for (int i = 0; i < batch.size(); i++) {
          final GatewayUpload.Result result = results.get(i);
          final EventFile.Line line = batch.get(i);
          switch (result.status()) {
            case "accepted" -> accepted++;
            case "duplicate" -> duplicates++;
            case "rejected" -> rejected(line, result.errors(), rejects);
            default -> {
              notWritten++;
              rejects.add(
                  new Reject(
                      line.number(),
                      line.eventId(),
                      "",
                      "not-written",
                      "the gateway could not write it (Kafka unavailable); run the import again"));
            }
          }
        }
        progress.stepBy(batch.size());
      }
    } catch (GatewayUpload.Refused e) {
      System.err.println("Import stopped: " + e.getMessage());
      System.err.println(
          "Nothing after the last accepted batch was sent; running the import again is safe.");
      return 3;
    }
    final long rejectedLines =
        rejects.stream()
            .filter(r -> !r.rule().equals("not-written"))
            .mapToInt(Reject::line)
            .distinct()
            .count();
    System.out.printf(
        "Imported %s: %d events; accepted %d, duplicates %d, rejected %d, not written %d%n",
        file.getFileName(), lines.size(), accepted, duplicates, rejectedLines, notWritten);
    if (!rejects.isEmpty()) {
      final Path target =
          rejectsFile != null
              ? rejectsFile
              : file.resolveSibling(file.getFileName() + ".rejects.csv");
      writeRejects(target, rejects);
      System.out.println("Rejected lines and their reasons: " + target);
    }
    return rejects.isEmpty() ? 0 : 1;
  }

  /**
   * A rejected line's errors; the gateway lists the first 100 of a request, so a line may come
   * without its own.
   */
  private static void rejected(
      final EventFile.Line line, final JsonNode errors, final List<Reject> rejects) {
    if (errors.isEmpty()) {
      rejects.add(
          new Reject(
              line.number(),
              line.eventId(),
              "",
              "not-listed",
              "rejected; the gateway lists the first 100 errors of a request only: correct the"
                  + " lines listed and import the file again to see this line's"));
    } else {
      errors.forEach(error -> rejects.add(reject(line, error)));
    }
  }

  private static Reject reject(final EventFile.Line line, final JsonNode error) {
    return new Reject(
        line.number(),
        line.eventId(),
        error.path("field").asText(),
        error.path("rule").asText(),
        error.path("message").asText());
  }

  /**
   * Writes the rejects owner-only (they name cases), each cell safe to open in a spreadsheet: a
   * rejected line's own text (its eventId, an unknown column's name) could be a formula.
   */
  static void writeRejects(final Path target, final List<Reject> rejects) throws IOException {
    final CsvMapper csv = new CsvMapper();
    final CsvSchema schema =
        csv.schemaFor(Reject.class)
            .withHeader()
            .sortedBy("line", "eventId", "field", "rule", "message");
    final List<Reject> safe =
        rejects.stream()
            .map(
                reject ->
                    new Reject(
                        reject.line(),
                        CsvCells.neutralised(reject.eventId()),
                        CsvCells.neutralised(reject.field()),
                        CsvCells.neutralised(reject.rule()),
                        CsvCells.neutralised(reject.message())))
            .toList();
    PrivateFiles.write(target, csv.writer(schema).writeValueAsString(safe));
  }
}
