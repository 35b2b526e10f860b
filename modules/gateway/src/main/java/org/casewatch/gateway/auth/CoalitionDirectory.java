package org.casewatch.gateway.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.casewatch.model.Countries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers "which coalition holds this token?" from the coalitions file, re-reading it when it
 * changes (checked at most once a second), so tokens are added and revoked without a restart. A
 * file that fails to parse keeps the last good version in force and is reported.
 */
public final class CoalitionDirectory {

  private static final Logger log = LoggerFactory.getLogger(CoalitionDirectory.class);
  private static final long CHECK_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

  /** A token's holder: a coalition (writes its country), or a coordinator (reads everything, {@code coalition} null). */
  private record Known(Coalition coalition, String coordinator, String hash) {}

  private final Path file;
  private final LongSupplier nanoTime;
  private volatile Map<String, Known> byTokenId = Map.of();
  private volatile FileTime loadedVersion;
  private volatile long lastCheck;

  public CoalitionDirectory(final Path file) {
    this(file, System::nanoTime);
  }

  CoalitionDirectory(final Path file, final LongSupplier nanoTime) {
    this.file = file;
    this.nanoTime = nanoTime;
    this.lastCheck = nanoTime.getAsLong();
    reload();
  }

  /** The coalition whose token this is, if the token is known, its secret matches and it is a coalition's. */
  public Optional<Coalition> authenticate(final String token) {
    return holder(token).map(Known::coalition);
  }

  /** The coordinator whose read-only token this is; coalition (write) tokens do not read. */
  public Optional<String> authenticateCoordinator(final String token) {
    return holder(token).map(Known::coordinator);
  }

  private Optional<Known> holder(final String token) {
    reloadIfChanged();
    return Tokens.parse(token).flatMap(presented -> {
      final Known known = byTokenId.get(presented.id());
      return known != null && Tokens.matches(presented.secret(), known.hash()) ? Optional.of(known) : Optional.empty();
    });
  }

  /** Whether the token is a valid coordinator's: such a token may not publish. */
  public boolean isCoordinator(final String token) {
    return authenticateCoordinator(token).isPresent();
  }

  private void reloadIfChanged() {
    final long now = nanoTime.getAsLong();
    if (now - lastCheck < CHECK_INTERVAL_NANOS) {
      return;
    }
    lastCheck = now;
    final FileTime version = versionOf(file);
    if (version != null && !version.equals(loadedVersion)) {
      try {
        reload();
        log.info("Reloaded the coalitions file {}", file);
      } catch (RuntimeException e) {
        log.error("The coalitions file {} changed but cannot be used; keeping the previous tokens: {}", file,
            e.getMessage());
        loadedVersion = version;
      }
    }
  }

  private synchronized void reload() {
    final FileTime version = versionOf(file);
    final Map<String, Known> tokens = new HashMap<>();
    final CoalitionsFile.Contents contents = CoalitionsFile.read(file);
    for (final CoalitionsFile.CoalitionEntry entry : contents.coalitions()) {
      final Coalition coalition = new Coalition(entry.id(), Countries.fromCode(entry.country()).orElseThrow());
      entry.tokens().forEach(token -> tokens.put(token.id(), new Known(coalition, null, token.hash())));
    }
    for (final CoalitionsFile.CoordinatorEntry entry : contents.coordinators()) {
      entry.tokens().forEach(token -> tokens.put(token.id(), new Known(null, entry.id(), token.hash())));
    }
    byTokenId = Map.copyOf(tokens);
    loadedVersion = version;
  }

  private static FileTime versionOf(final Path file) {
    try {
      return Files.exists(file) ? Files.getLastModifiedTime(file) : null;
    } catch (IOException e) {
      return null;
    }
  }
}
