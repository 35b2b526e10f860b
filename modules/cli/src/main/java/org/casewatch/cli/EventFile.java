package org.casewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.casewatch.json.EventType;
import org.casewatch.model.Country;

/**
 * Reads an events file into the gateway's JSON events, one per line or row, keeping the line number
 * of each so rejects can point at it. JSON Lines ({@code .jsonl}, {@code .ndjson}) hold one gateway
 * event per line; CSV ({@code .csv}) has one column per field, named as in the Avro schema, for
 * every payload the gateway knows (so {@code retractedEventId} and {@code reason} for a retraction;
 * see docs/ingestion.md, "File import"). A field that several payloads share is one column ({@code
 * reason}, {@code stage}, ...), so the columns only grow with the contract and a file written for
 * an earlier version reads unchanged. Times are passed on as written: the gateway reads them, a
 * date such as {@code 2016-03-02} as the start of that local day in the country's time zone.
 */
final class EventFile {

  /** Envelope columns of the CSV form. */
  static final List<String> ENVELOPE =
      List.of("type", "eventId", "caseId", "occurredAt", "recordedAt");

  /**
   * Every column the CSV form knows, in the order of the contract: the envelope, then each
   * payload's fields (nested records flattened) not named by an earlier payload.
   */
  static final Set<String> COLUMNS = columns();

  /** One event of the file: the JSON to send, or why it cannot be sent. */
  record Line(int number, JsonNode event, String problem) {
    String eventId() {
      return event == null ? "" : event.path("eventId").asText("");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventFile() {}

  static List<Line> read(final Path file, final Country country) throws IOException {
    final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    final List<Line> lines;
    if (name.endsWith(".csv")) {
      lines = readCsv(file);
    } else if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      lines = readJsonLines(file);
    } else {
      throw new IllegalArgumentException(
          file + ": name the file .csv, .jsonl or .ndjson so its format is clear");
    }
    final List<Line> checked = new ArrayList<>();
    for (final Line line : lines) {
      final String caseId = line.event() == null ? "" : line.event().path("caseId").asText("");
      if (line.problem() == null && !caseId.startsWith(country.name() + "-")) {
        checked.add(
            new Line(
                line.number(),
                line.event(),
                "caseId '"
                    + caseId
                    + "' is not a "
                    + country
                    + " case; this import is for "
                    + country));
      } else {
        checked.add(line);
      }
    }
    return checked;
  }

  private static List<Line> readJsonLines(final Path file) throws IOException {
    final List<Line> lines = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        try {
          final JsonNode event = JSON.readTree(text);
          lines.add(
              event.isObject()
                  ? new Line(number, event, null)
                  : new Line(number, null, "not a JSON object"));
        } catch (IOException e) {
          lines.add(
              new Line(
                  number,
                  null,
                  "not valid JSON: " + e.getMessage().lines().findFirst().orElse("")));
        }
      }
    }
    return lines;
  }

  private static List<Line> readCsv(final Path file) throws IOException {
    final CsvMapper csv = new CsvMapper();
    final List<Line> lines = new ArrayList<>();
    try (MappingIterator<Map<String, String>> rows =
        csv.readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(file.toFile())) {
      final Set<String> header =
          new LinkedHashSet<>(((CsvSchema) rows.getParserSchema()).getColumnNames());
      final Set<String> unknown = new LinkedHashSet<>(header);
      unknown.removeAll(COLUMNS);
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(
            file
                + " has columns casewatch does not know: "
                + unknown
                + ". Allowed: "
                + COLUMNS
                + ". (No column may identify a person.)");
      }
      while (rows.hasNextValue()) {
        final int number = rows.getCurrentLocation().getLineNr();
        final Map<String, String> row = rows.nextValue();
        lines.add(toEvent(number, row));
      }
    }
    return lines;
  }

  /** One CSV row as a gateway event. */
  static Line toEvent(final int number, final Map<String, String> row) {
    final String typeName = value(row, "type");
    final EventType type =
        typeName == null ? null : EventType.named(typeName.toUpperCase(Locale.ROOT)).orElse(null);
    if (type == null) {
      return new Line(
          number, null, "type '" + typeName + "' is not one of " + List.of(EventType.values()));
    }
    final ObjectNode event = JSON.createObjectNode();
    event.put("type", type.name());
    final String eventId = value(row, "eventId");
    event.put("eventId", eventId != null ? eventId : "row-" + digest(row));
    putIfPresent(event, row, "caseId");
    putIfPresent(event, row, "occurredAt");
    putIfPresent(event, row, "recordedAt");
    final Set<String> used = new LinkedHashSet<>(ENVELOPE);
    final List<String> problems = new ArrayList<>();
    event.set("payload", payload(type.payloadSchema(), row, used, problems));
    row.forEach(
        (column, text) -> {
          if (!used.contains(column) && text != null && !text.isBlank()) {
            problems.add(
                "column " + column + " does not belong to a " + type + " event; leave it empty");
          }
        });
    return problems.isEmpty()
        ? new Line(number, event, null)
        : new Line(number, event, String.join("; ", problems));
  }

  private static ObjectNode payload(
      final Schema schema,
      final Map<String, String> row,
      final Set<String> used,
      final List<String> problems) {
    final ObjectNode payload = JSON.createObjectNode();
    for (final Schema.Field field : schema.getFields()) {
      final Schema type = field.schema();
      if (type.getType() == Schema.Type.RECORD) {
        payload.set(field.name(), payload(type, row, used, problems));
        continue;
      }
      used.add(field.name());
      final String text = value(row, field.name());
      if (text == null) {
        continue;
      }
      switch (type.getType()) {
        case LONG, INT -> {
          try {
            payload.put(field.name(), Long.parseLong(text));
          } catch (NumberFormatException e) {
            problems.add(field.name() + " '" + text + "' is not a whole number");
          }
        }
        case BOOLEAN -> {
          final String lower = text.toLowerCase(Locale.ROOT);
          if (List.of("true", "yes", "1").contains(lower)) {
            payload.put(field.name(), true);
          } else if (List.of("false", "no", "0").contains(lower)) {
            payload.put(field.name(), false);
          } else {
            problems.add(field.name() + " '" + text + "' is not true or false");
          }
        }
        default -> payload.put(field.name(), text);
      }
    }
    return payload;
  }

  private static Set<String> columns() {
    final Set<String> columns = new LinkedHashSet<>(ENVELOPE);
    for (final EventType type : EventType.values()) {
      addFields(type.payloadSchema(), columns);
    }
    return Collections.unmodifiableSet(columns);
  }

  private static void addFields(final Schema schema, final Set<String> columns) {
    for (final Schema.Field field : schema.getFields()) {
      if (field.schema().getType() == Schema.Type.RECORD) {
        addFields(field.schema(), columns);
      } else {
        columns.add(field.name());
      }
    }
  }

  private static void putIfPresent(
      final ObjectNode event, final Map<String, String> row, final String column) {
    final String text = value(row, column);
    if (text != null) {
      event.put(column, text);
    }
  }

  private static String value(final Map<String, String> row, final String column) {
    final String text = row.get(column);
    return text == null || text.isBlank() ? null : text.trim();
  }

  /** A stable id for a row without one, so re-importing the file sends the same eventId. */
  private static String digest(final Map<String, String> row) {
    try {
      final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      new TreeMap<>(row)
          .forEach(
              (column, text) -> {
                sha256.update(column.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
                sha256.update((text == null ? "" : text.trim()).getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
              });
      return HexFormat.of().formatHex(sha256.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
