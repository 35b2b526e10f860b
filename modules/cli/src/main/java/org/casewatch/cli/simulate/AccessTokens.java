package org.casewatch.cli.simulate;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.casewatch.gateway.auth.CoalitionsFile;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;

/**
 * Tokens for a simulation: one per coalition (publishes its own country's events) and one
 * coordinator token (reads), issued once into an access file. The clear tokens are kept in a
 * properties file ({@code KZ=cw_...}, {@code coordinator=cw_...}), since the access file only holds
 * their salted hashes; a real deployment keeps tokens where its systems keep secrets instead.
 */
public record AccessTokens(String coordinator, Map<Country, String> coalitions) {

  static final String COORDINATOR = "coordinator";

  /** Reads {@code tokensFile}, first issuing its tokens into {@code coalitionsFile} if it does not exist. */
  public static AccessTokens issueOrRead(final Path coalitionsFile, final Path tokensFile, final String coordinatorId)
      throws IOException {
    if (!Files.exists(tokensFile)) {
      final Properties tokens = new Properties();
      for (final Country country : Countries.all()) {
        tokens.setProperty(country.name(), CoalitionsFile.addToken(coalitionsFile,
            country.name().toLowerCase(Locale.ROOT) + "-coalition", Optional.of(country)).token());
      }
      tokens.setProperty(COORDINATOR, CoalitionsFile.addCoordinatorToken(coalitionsFile, coordinatorId).token());
      try (Writer out = Files.newBufferedWriter(tokensFile)) {
        tokens.store(out, "casewatch simulation tokens: one per coalition (publish), one coordinator (read)");
      }
    }
    final Properties tokens = new Properties();
    try (Reader in = Files.newBufferedReader(tokensFile)) {
      tokens.load(in);
    }
    final Map<Country, String> coalitions = new EnumMap<>(Country.class);
    Countries.all().forEach(country -> coalitions.put(country, tokens.getProperty(country.name())));
    return new AccessTokens(tokens.getProperty(COORDINATOR), coalitions);
  }
}
