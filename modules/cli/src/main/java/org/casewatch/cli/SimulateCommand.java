package org.casewatch.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.casewatch.cli.simulate.AccessTokens;
import org.casewatch.cli.simulate.SimulationOptions;
import org.casewatch.cli.simulate.Simulator;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Publishes a simulated history through a gateway, then live cases until stopped. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Publish a realistic, seeded case history from 2016 through a gateway (163 KZ, 112 KG, 57"
            + " TJ cases registered in 2016; TM and UZ sparse), then live cases at a steady rate,"
            + " so that stalled complaints and retaliation alerts keep appearing. Ctrl-C stops it.")
public final class SimulateCommand implements Callable<Integer> {

  @Mixin GatewayUrlOption gateway;

  @Option(
      names = "--tokens",
      required = true,
      description =
          "A properties file with one coalition token per country: KZ=cw_..., KG=..., TJ=...,"
              + " TM=..., UZ=...")
  Path tokens;

  @Option(
      names = "--issue-tokens-into",
      description =
          "If --tokens does not exist yet: issue a token per coalition and a coordinator token into"
              + " this access file (the gateway's and service's) and write them to --tokens.")
  Path issueInto;

  @Mixin SimulationOptions simulation;

  @Option(
      names = "--stalled-after-days",
      defaultValue = "10",
      description =
          "The stalled-complaint rule's days: live complaints are reported just before they stall"
              + " (default: ${DEFAULT-VALUE}).")
  int stalledAfterDays;

  @Option(
      names = "--state",
      description = "A file remembering how far the simulator got, so that a restart continues.")
  Path state;

  @Override
  public Integer call() throws InterruptedException, IOException {
    if (simulation.rate() < 0) {
      System.err.println(
          "--rate must be 0 or more live cases per minute, not " + simulation.rate());
      return 2;
    }
    if (issueInto != null) {
      AccessTokens.issueOrRead(issueInto, tokens, "simulator-coordinator");
    }
    final Simulator simulator =
        new Simulator(
            gateway.url,
            readTokens(tokens),
            simulation.seed(),
            Optional.ofNullable(state),
            Clock.systemUTC());
    run(
        simulator,
        simulation.rate(),
        simulation.liveCases(),
        Duration.ofDays(stalledAfterDays),
        System.out::println);
    return 0;
  }

  /**
   * Publishes the history (unless already published), then live cases until interrupted or until
   * {@code liveCases} have been published in all; {@code ratePerMinute} 0: no live cases.
   */
  public static void run(
      final Simulator simulator,
      final double ratePerMinute,
      final Optional<Long> liveCases,
      final Duration stalledAfter,
      final Consumer<String> say)
      throws InterruptedException {
    if (simulator.historyPublished()) {
      say.accept(
          "Simulator: the 2016 history was published by an earlier run; continuing with live"
              + " cases.");
    } else {
      final Simulator.Published history = simulator.publishHistory();
      say.accept(
          String.format(
              "Simulator: 2016 history published: %d events accepted, %d already there, %d"
                  + " refused%s",
              history.accepted(),
              history.duplicates(),
              history.refused(),
              history.firstErrors().isEmpty() ? "" : " " + history.firstErrors()));
    }
    if (ratePerMinute == 0) {
      return;
    }
    final long pauseMillis = (long) (60_000 / ratePerMinute);
    say.accept(String.format("Simulator: publishing %.1f live cases per minute", ratePerMinute));
    while (!Thread.currentThread().isInterrupted()
        && liveCases.map(limit -> simulator.liveCasesPublished() < limit).orElse(true)) {
      final Simulator.Published live = simulator.publishLiveCase(stalledAfter);
      if (live.refused() > 0) {
        say.accept("Simulator: the gateway refused live events: " + live.firstErrors());
      }
      Thread.sleep(pauseMillis);
    }
  }

  /** Reads {@code KZ=token} lines; every country needs one. */
  public static Map<Country, String> readTokens(final Path file) {
    final Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the tokens file "
              + file
              + ": "
              + e.getMessage()
              + ". Add --issue-tokens-into <the gateway's access file> to issue tokens into it"
              + " and write them there",
          e);
    }
    final Map<Country, String> tokens = new EnumMap<>(Country.class);
    for (final Country country : Countries.all()) {
      final String token = properties.getProperty(country.name());
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException(
            "The tokens file " + file + " has no " + country.name() + "=<token> line");
      }
      tokens.put(country, token.trim());
    }
    return tokens;
  }
}
