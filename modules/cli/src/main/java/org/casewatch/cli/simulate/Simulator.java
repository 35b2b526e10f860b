package org.casewatch.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.casewatch.cli.GatewayUpload;
import org.casewatch.json.EventJson;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Country;
import org.casewatch.simulation.Histories;

/**
 * Publishes simulated cases through a gateway, as the five coalitions' systems would: first the
 * 2016 history, then live cases at a steady rate. It remembers how far it got in a state file, so a
 * restart neither publishes the history twice nor reuses a live case's id.
 */
public final class Simulator {

  private static final int BATCH = 500;
  private static final GatewayUpload.Hints HINTS =
      new GatewayUpload.Hints(
          " Check --tokens: a token there is mistyped or was revoked (--issue-tokens-into issues"
              + " new ones into a fresh file).",
          " Check --tokens: each country's line must hold that country's coalition token.",
          " The gateway accepts smaller batches than the simulator's "
              + BATCH
              + " events; raise its limit.");

  private final Map<Country, GatewayUpload> uploads = new EnumMap<>(Country.class);
  private final long seed;
  private final Optional<Path> stateFile;
  private final Clock clock;
  private final Properties state = new Properties();

  /** What one publication did: events the gateway accepted, already had, or refused. */
  public record Published(
      int accepted, int duplicates, int refused, int notWritten, List<String> firstErrors) {}

  public Simulator(
      final String gatewayUrl,
      final Map<Country, String> tokens,
      final long seed,
      final Optional<Path> stateFile,
      final Clock clock) {
    tokens.forEach(
        (country, token) ->
            uploads.put(
                country,
                new GatewayUpload(
                    gatewayUrl, token, duration -> Thread.sleep(duration.toMillis()), HINTS)));
    this.seed = seed;
    this.stateFile = stateFile;
    this.clock = clock;
    stateFile.filter(Files::exists).ifPresent(this::readState);
  }

  /**
   * True once the history has been published (by this simulator or an earlier run with the same
   * state file).
   */
  public boolean historyPublished() {
    return Boolean.parseBoolean(state.getProperty("history.published", "false"));
  }

  /** Live cases published so far, by this run and earlier ones with the same state file. */
  public long liveCasesPublished() {
    return Long.parseLong(state.getProperty("live.next", "1")) - 1;
  }

  /**
   * Publishes the cases registered in 2016, with what happened to them up to the clock's now,
   * country by country, in batches.
   */
  public Published publishHistory() throws InterruptedException {
    final Published published = publish(Histories.history2016(seed, clock.instant()));
    requireWritten(published, "the 2016 history");
    state.setProperty("history.published", "true");
    writeState();
    return published;
  }

  /** Publishes the next live case (two to eight events) and remembers that it did. */
  public Published publishLiveCase(final Duration stalledAfter) throws InterruptedException {
    final long sequence = Long.parseLong(state.getProperty("live.next", "1"));
    final Published published =
        publish(Histories.liveCase(seed, sequence, clock.instant(), stalledAfter));
    requireWritten(published, "live case " + sequence);
    state.setProperty("live.next", Long.toString(sequence + 1));
    writeState();
    return published;
  }

  /**
   * Events Kafka did not take are not given up: the simulator stops, and its next run sends them
   * again.
   */
  private static void requireWritten(final Published published, final String what) {
    if (published.notWritten() > 0) {
      throw new IllegalStateException(
          published.notWritten()
              + " events of "
              + what
              + " were not written (Kafka unavailable?); run the simulator again: it resends them,"
              + " and the gateway drops those it already has");
    }
  }

  private Published publish(final List<CaseEvent> events) throws InterruptedException {
    int accepted = 0;
    int duplicates = 0;
    int refused = 0;
    int notWritten = 0;
    final List<String> errors = new ArrayList<>();
    for (final Country country : Country.values()) {
      final List<JsonNode> mine =
          events.stream()
              .filter(event -> event.getCountry() == country)
              .map(event -> (JsonNode) EventJson.toJson(event))
              .toList();
      if (mine.isEmpty()) {
        continue;
      }
      final GatewayUpload upload = uploads.get(country);
      if (upload == null) {
        throw new IllegalStateException(
            "no token for " + country + "'s coalition in the tokens file");
      }
      for (int from = 0; from < mine.size(); from += BATCH) {
        final List<GatewayUpload.Result> results =
            upload.send(mine.subList(from, Math.min(mine.size(), from + BATCH)));
        for (final GatewayUpload.Result result : results) {
          switch (result.status()) {
            case "accepted" -> accepted++;
            case "duplicate" -> duplicates++;
            case "not-written" -> notWritten++;
            default -> {
              refused++;
              if (errors.size() < 5) {
                errors.add(result.status() + " " + result.errors());
              }
            }
          }
        }
      }
    }
    return new Published(accepted, duplicates, refused, notWritten, errors);
  }

  private void readState(final Path file) {
    try (Reader in = Files.newBufferedReader(file)) {
      state.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the simulator's state " + file + ": " + e.getMessage(), e);
    }
  }

  private void writeState() {
    if (stateFile.isEmpty()) {
      return;
    }
    try {
      final Path file = stateFile.get();
      final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer out = Files.newBufferedWriter(temporary)) {
        state.store(out, "casewatch simulate: how far it got");
      }
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the simulator's state: " + e.getMessage(), e);
    }
  }
}
