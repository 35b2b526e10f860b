package org.casewatch.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.casewatch.model.Countries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers "who holds this token?" from the access file, re-reading it when its content changes
 * (checked at most once a second, by a hash of the content: a change within the file system's time
 * resolution, or one that keeps the modification time, is still seen), so tokens are added and
 * revoked without a restart. A file that fails to parse keeps the last good version in force and is
 * reported once. A file that is deleted or cannot be read refuses every token until it is back,
 * reported once: revoking everyone by removing the file must never leave old tokens working.
 */
public final class CoalitionDirectory {

  private static final Logger log = LoggerFactory.getLogger(CoalitionDirectory.class);
  private static final long CHECK_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

  /** What a token's holder may do. */
  public enum Role {
    /** Publishes its own country's events. */
    COALITION,
    /**
     * Reads cases, alerts and figures of every country; with the triage permission, also writes
     * alert actions.
     */
    COORDINATOR,
    /** Reads the audit of reads, and nothing else. */
    AUDITOR
  }

  /**
   * Who presented a valid token: its id (not secret), the holder's role and id, the coalition for a
   * coalition, and whether it may triage (true only for a coordinator's token whose entry has
   * {@code triage: true}).
   */
  public record Holder(
      String tokenId, Role role, String holderId, Optional<Coalition> coalition, boolean triage) {

    /** A holder without the triage permission. */
    public Holder(
        final String tokenId,
        final Role role,
        final String holderId,
        final Optional<Coalition> coalition) {
      this(tokenId, role, holderId, coalition, false);
    }
  }

  /** A stored token's holder and the salted hash of its secret. */
  private record Known(Holder holder, String hash) {}

  /**
   * Where the file stands: its tokens, the ids of the coordinators it lists, and the content they
   * were read from (null: none yet, or unreadable).
   */
  private record Loaded(
      Map<String, Known> byTokenId, Set<String> coordinatorIds, String contentHash) {}

  private final Path file;
  private final LongSupplier nanoTime;
  private volatile Loaded loaded = new Loaded(Map.of(), Set.of(), null);
  private volatile String rejectedContentHash;
  private volatile boolean unavailable;
  private volatile long lastCheck;

  public CoalitionDirectory(final Path file) {
    this(file, System::nanoTime);
  }

  CoalitionDirectory(final Path file, final LongSupplier nanoTime) {
    this.file = file;
    this.nanoTime = nanoTime;
    this.lastCheck = nanoTime.getAsLong();
    final Optional<byte[]> content = content();
    if (content.isPresent()) {
      loaded = parse(content.get());
    }
  }

  /**
   * The coalition whose token this is, if the token is known, its secret matches and it is a
   * coalition's.
   */
  public Optional<Coalition> authenticate(final String token) {
    return identify(token).flatMap(Holder::coalition);
  }

  /**
   * The coordinator whose token this is, read-only or with triage (both read); coalition (write)
   * and auditor tokens do not read cases.
   */
  public Optional<String> authenticateCoordinator(final String token) {
    return identify(token)
        .filter(holder -> holder.role() == Role.COORDINATOR)
        .map(Holder::holderId);
  }

  /**
   * The coordinator whose token this is, if it has the triage permission (writes alert actions);
   * read-only coordinators', coalitions' and auditors' tokens do not triage.
   */
  public Optional<String> authenticateTriage(final String token) {
    return identify(token)
        .filter(holder -> holder.role() == Role.COORDINATOR && holder.triage())
        .map(Holder::holderId);
  }

  /**
   * Whether the access file currently lists a coordinator with exactly this id (with tokens or
   * not), e.g. one an alert may be assigned to; false while the file is gone or unreadable.
   */
  public boolean isCoordinatorId(final String id) {
    reloadIfChanged();
    return id != null && loaded.coordinatorIds().contains(id);
  }

  /** The auditor whose token this is; only auditors read the audit of reads. */
  public Optional<String> authenticateAuditor(final String token) {
    return identify(token).filter(holder -> holder.role() == Role.AUDITOR).map(Holder::holderId);
  }

  /** Whoever holds this token, if it is known and its secret matches. */
  public Optional<Holder> identify(final String token) {
    reloadIfChanged();
    return Tokens.parse(token)
        .flatMap(
            presented -> {
              final Known known = loaded.byTokenId().get(presented.id());
              return known != null && Tokens.matches(presented.secret(), known.hash())
                  ? Optional.of(known.holder())
                  : Optional.empty();
            });
  }

  /**
   * The id part of a token in the {@code cw_<id>_<secret>} form, valid or not: it reveals nothing
   * (the secret is never part of it), so an audit may name it even for a refused attempt.
   */
  public static Optional<String> tokenIdOf(final String token) {
    return Tokens.parse(token).map(Tokens.Presented::id);
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
    synchronized (this) {
      if (now - lastCheck < CHECK_INTERVAL_NANOS) {
        return;
      }
      lastCheck = now;
      final Optional<byte[]> content = content();
      if (content.isEmpty()) {
        loaded = new Loaded(Map.of(), Set.of(), null);
        rejectedContentHash = null;
        return;
      }
      final String hash = sha256(content.get());
      if (hash.equals(loaded.contentHash()) || hash.equals(rejectedContentHash)) {
        return;
      }
      try {
        loaded = parse(content.get());
        rejectedContentHash = null;
        log.info("Reloaded the access file {}", file);
      } catch (RuntimeException e) {
        rejectedContentHash = hash;
        log.error(
            "The access file {} changed but cannot be used; keeping the previous tokens: {}",
            file,
            e.getMessage());
      }
    }
  }

  /**
   * The file's bytes, or empty (every token refused) when it is gone or unreadable, reported once
   * per outage.
   */
  private Optional<byte[]> content() {
    try {
      final byte[] bytes = Files.readAllBytes(file);
      if (unavailable) {
        unavailable = false;
        log.warn("The access file {} is readable again; its tokens are accepted", file);
      }
      return Optional.of(bytes);
    } catch (IOException e) {
      if (!unavailable) {
        unavailable = true;
        log.error(
            "The access file {} {}: every token is refused until it is back (restore it, or issue"
                + " tokens with 'casewatch token add --coalitions {}')",
            file,
            e instanceof NoSuchFileException
                ? "is gone"
                : "cannot be read (" + e.getMessage() + ")",
            file);
      }
      return Optional.empty();
    }
  }

  private Loaded parse(final byte[] content) {
    final Map<String, Known> tokens = new HashMap<>();
    final AccessFile.Contents contents = AccessFile.parse(content, file);
    for (final AccessFile.CoalitionEntry entry : contents.coalitions()) {
      final Coalition coalition =
          new Coalition(entry.id(), Countries.fromCode(entry.country()).orElseThrow());
      entry
          .tokens()
          .forEach(
              token ->
                  tokens.put(
                      token.id(),
                      new Known(
                          new Holder(
                              token.id(), Role.COALITION, entry.id(), Optional.of(coalition)),
                          token.hash())));
    }
    final Set<String> coordinatorIds = new HashSet<>();
    for (final AccessFile.CoordinatorEntry entry : contents.coordinators()) {
      if (entry.id() != null) {
        coordinatorIds.add(entry.id());
      }
      entry
          .tokens()
          .forEach(
              token ->
                  tokens.put(
                      token.id(),
                      new Known(
                          new Holder(
                              token.id(),
                              Role.COORDINATOR,
                              entry.id(),
                              Optional.empty(),
                              token.triages()),
                          token.hash())));
    }
    for (final AccessFile.AuditorEntry entry : contents.auditors()) {
      entry
          .tokens()
          .forEach(
              token ->
                  tokens.put(
                      token.id(),
                      new Known(
                          new Holder(token.id(), Role.AUDITOR, entry.id(), Optional.empty()),
                          token.hash())));
    }
    return new Loaded(Map.copyOf(tokens), Set.copyOf(coordinatorIds), sha256(content));
  }

  private static String sha256(final byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
