package org.casewatch.cli.simulate;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.casewatch.access.AccessFile;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;

/**
 * Tokens for a simulation: one per coalition (publishes its own country's events), one coordinator
 * token (reads cases) and one auditor token (reads the audit of reads only), issued once into an
 * access file. The clear tokens are kept in a properties file ({@code KZ=cw_...}, {@code
 * coordinator=cw_...}, {@code auditor=cw_...}), since the access file only holds their salted
 * hashes; a real deployment keeps tokens where its systems keep secrets instead.
 */
public record AccessTokens(String coordinator, String auditor, Map<Country, String> coalitions) {

  static final String COORDINATOR = "coordinator";
  static final String AUDITOR = "auditor";
  static final String AUDITOR_ID = "demo-auditor";

  /**
   * Reads {@code tokensFile}, first issuing its tokens into {@code accessFile} if it does not
   * exist.
   */
  public static AccessTokens issueOrRead(
      final Path accessFile, final Path tokensFile, final String coordinatorId) throws IOException {
    if (!Files.exists(tokensFile)) {
      final Properties tokens = new Properties();
      for (final Country country : Countries.all()) {
        tokens.setProperty(
            country.name(),
            AccessFile.addToken(
                    accessFile,
                    country.name().toLowerCase(Locale.ROOT) + "-coalition",
                    Optional.of(country))
                .token());
      }
      tokens.setProperty(
          COORDINATOR, AccessFile.addCoordinatorToken(accessFile, coordinatorId).token());
      tokens.setProperty(AUDITOR, AccessFile.addAuditorToken(accessFile, AUDITOR_ID).token());
      writePrivately(tokensFile, tokens);
    }
    final Properties tokens = new Properties();
    try (Reader in = Files.newBufferedReader(tokensFile)) {
      tokens.load(in);
    }
    if (tokens.getProperty(AUDITOR) == null) {
      // A data directory from before the auditor role: issue its auditor once.
      tokens.setProperty(AUDITOR, AccessFile.addAuditorToken(accessFile, AUDITOR_ID).token());
      writePrivately(tokensFile, tokens);
    }
    final Map<Country, String> coalitions = new EnumMap<>(Country.class);
    Countries.all().forEach(country -> coalitions.put(country, tokens.getProperty(country.name())));
    return new AccessTokens(
        tokens.getProperty(COORDINATOR), tokens.getProperty(AUDITOR), coalitions);
  }

  /**
   * Clear tokens are secrets: readable by their owner only (where the file system has POSIX
   * permissions).
   */
  private static void writePrivately(final Path file, final Properties tokens) throws IOException {
    final Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    final Path temporary =
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
            ? Files.createTempFile(
                directory,
                ".tokens",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(directory, ".tokens", ".tmp");
    try (Writer out = Files.newBufferedWriter(temporary)) {
      tokens.store(
          out,
          "casewatch simulation tokens: one per coalition (publish), one coordinator (read), "
              + "one auditor (reads the audit of reads)");
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
