package org.casewatch.demo;

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
 * The demo's access: one token per coalition (write-only, its own country) and one coordinator
 * token (read-only), issued once into the data directory's access file. The clear tokens are kept
 * next to it, since the access file only holds their salted hashes; a real deployment keeps them
 * where its coalitions' systems keep secrets, not on disk beside the service.
 */
record DemoTokens(String coordinator, Map<Country, String> coalitions) {

  static final String COORDINATOR = "coordinator";

  static DemoTokens issueOrRead(final Path coalitionsFile, final Path tokensFile) throws IOException {
    if (!Files.exists(tokensFile)) {
      final Properties tokens = new Properties();
      for (final Country country : Countries.all()) {
        tokens.setProperty(country.name(), CoalitionsFile.addToken(coalitionsFile,
            country.name().toLowerCase(Locale.ROOT) + "-coalition", Optional.of(country)).token());
      }
      tokens.setProperty(COORDINATOR, CoalitionsFile.addCoordinatorToken(coalitionsFile, "demo-coordinator").token());
      try (Writer out = Files.newBufferedWriter(tokensFile)) {
        tokens.store(out, "casewatch demo tokens: one per coalition (publish), one coordinator (read)");
      }
    }
    final Properties tokens = new Properties();
    try (Reader in = Files.newBufferedReader(tokensFile)) {
      tokens.load(in);
    }
    final Map<Country, String> coalitions = new EnumMap<>(Country.class);
    Countries.all().forEach(country -> coalitions.put(country, tokens.getProperty(country.name())));
    return new DemoTokens(tokens.getProperty(COORDINATOR), coalitions);
  }
}
