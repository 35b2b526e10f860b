package org.casewatch.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.casewatch.model.CaseEventValidator;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;

/**
 * The access file: who may publish (coalitions, each for its country) and who may read
 * (coordinators, every country; read-only, unless a token has the {@code triage} permission, which
 * also writes alert actions), who may read the audit of reads (auditors, nothing else), with which
 * tokens (salted hashes, never the tokens). Operators edit it with {@code casewatch token ...},
 * which holds a lock on the sibling {@code <file>.lock} for the whole read-modify-write (so
 * concurrent edits never lose a token) and replaces the file atomically; the gateway and the
 * service re-read it when its content changes.
 *
 * <pre>
 * coalitions:
 *   - id: kz-coalition
 *     country: KZ
 *     tokens:
 *       - id: 3f9a12bc04de
 *         hash: sha256:...:...
 *         created: 2026-11-28T12:00:00Z
 * coordinators:
 *   - id: regional-desk
 *     tokens:
 *       - id: 51c0e7a9d2f4          # read-only
 *         hash: sha256:...:...
 *         created: 2026-11-28T12:05:00Z
 *       - id: 8b24f0c6e1a3          # also writes alert actions
 *         hash: sha256:...:...
 *         created: 2026-11-28T12:10:00Z
 *         triage: true
 * auditors:
 *   - id: board-auditor
 *     tokens: [...]
 * </pre>
 *
 * <p>{@code triage} is written only when true, so a file of read-only tokens reads as it did before
 * the permission existed; only coordinators' tokens may have it (the file is refused otherwise),
 * and a coordinator with a triage token must have an id like a coalition's, since it is written
 * into events (as an assignee, and as who acted).
 */
public final class AccessFile {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  /**
   * One stored token. {@code triage}: true for a coordinator's token that also writes alert
   * actions; null (not written) for every other token, so a read-only token's entry is as it always
   * was.
   */
  public record TokenEntry(String id, String hash, String created, Boolean triage) {

    /** A token without the triage permission. */
    public TokenEntry(final String id, final String hash, final String created) {
      this(id, hash, created, null);
    }

    /** Whether the entry says {@code triage: true}. */
    public boolean triages() {
      return Boolean.TRUE.equals(triage);
    }
  }

  /** One coalition and its tokens. */
  public record CoalitionEntry(String id, String country, List<TokenEntry> tokens) {
    public CoalitionEntry {
      tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }
  }

  /** One regional coordinator (read-only access to every country) and their tokens. */
  public record CoordinatorEntry(String id, List<TokenEntry> tokens) {
    public CoordinatorEntry {
      tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }
  }

  /** One auditor (reads the audit of reads only, never a case) and their tokens. */
  public record AuditorEntry(String id, List<TokenEntry> tokens) {
    public AuditorEntry {
      tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }
  }

  /** The whole file. */
  public record Contents(
      List<CoalitionEntry> coalitions,
      List<CoordinatorEntry> coordinators,
      List<AuditorEntry> auditors) {
    public Contents {
      coalitions = coalitions == null ? List.of() : List.copyOf(coalitions);
      coordinators = coordinators == null ? List.of() : List.copyOf(coordinators);
      auditors = auditors == null ? List.of() : List.copyOf(auditors);
    }

    /** A file without auditors. */
    public Contents(
        final List<CoalitionEntry> coalitions, final List<CoordinatorEntry> coordinators) {
      this(coalitions, coordinators, List.of());
    }
  }

  /**
   * One lock object per access file in this JVM: a file lock is held per process, not per thread.
   */
  private static final Map<Path, Object> EDITING = new ConcurrentHashMap<>();

  private AccessFile() {}

  /** Reads and checks the file; an absent file has no coalitions. */
  public static Contents read(final Path file) {
    try {
      return parse(Files.readAllBytes(file), file);
    } catch (NoSuchFileException e) {
      return new Contents(List.of(), List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the access file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses and checks {@code bytes}, the content of {@code file}. */
  static Contents parse(final byte[] bytes, final Path file) {
    final Contents contents;
    try {
      contents = bytes.length == 0 ? null : YAML.readValue(bytes, Contents.class);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(
          "The access file "
              + file
              + " is not valid: "
              + e.getOriginalMessage()
              + " (at "
              + e.getPathReference()
              + ")",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the access file " + file + ": " + e.getMessage(), e);
    }
    if (contents == null) {
      return new Contents(List.of(), List.of());
    }
    for (final CoalitionEntry coalition : contents.coalitions()) {
      if (coalition.id() == null || coalition.id().isBlank()) {
        throw new IllegalArgumentException("A coalition in " + file + " has no id");
      }
      if (Countries.fromCode(coalition.country()).isEmpty()) {
        throw new IllegalArgumentException(
            "Coalition "
                + coalition.id()
                + " in "
                + file
                + " has country '"
                + coalition.country()
                + "'; use one of KZ, KG, TJ, TM, UZ");
      }
      refuseTriage(coalition.tokens(), "coalition " + coalition.id(), file);
    }
    for (final CoordinatorEntry coordinator : contents.coordinators()) {
      if (coordinator.tokens().stream().anyMatch(TokenEntry::triages)
          && !isValidId(coordinator.id())) {
        throw new IllegalArgumentException(
            "Coordinator "
                + (coordinator.id() == null ? "(no id)" : "'" + coordinator.id() + "'")
                + " in "
                + file
                + " has a triage token, but "
                + ID_RULE
                + " ("
                + COORDINATOR_ID_USE
                + ")");
      }
    }
    for (final AuditorEntry auditor : contents.auditors()) {
      refuseTriage(auditor.tokens(), "auditor " + auditor.id(), file);
    }
    return contents;
  }

  private static final String ID_RULE =
      "an id may hold letters, digits, '.', '_' and '-' only, at most 64";
  private static final String COORDINATOR_ID_USE =
      "a triaging coordinator's id is written into events, as an assignee and as who acted";

  private static boolean isValidId(final String id) {
    return id != null && CaseEventValidator.COALITION.matcher(id).matches();
  }

  /**
   * A coalition's or auditor's token never triages: a {@code triage: true} there is a mistake, not
   * a grant.
   */
  private static void refuseTriage(
      final List<TokenEntry> tokens, final String holder, final Path file) {
    for (final TokenEntry token : tokens) {
      if (token.triages()) {
        throw new IllegalArgumentException(
            "Token "
                + token.id()
                + " of "
                + holder
                + " in "
                + file
                + " has 'triage: true', but only coordinators' tokens may triage; remove the line,"
                + " or issue a coordinator's token with 'casewatch token add --coordinator NAME"
                + " --triage'");
      }
    }
  }

  /**
   * Issues a new token for {@code coalitionId}, adding the coalition (for {@code country}) if the
   * file does not have it yet; returns the token in clear, which is shown once and never stored.
   */
  public static Tokens.Issued addToken(
      final Path file, final String coalitionId, final Optional<Country> country) {
    return editing(file, () -> addTokenLocked(file, coalitionId, country));
  }

  private static Tokens.Issued addTokenLocked(
      final Path file, final String coalitionId, final Optional<Country> country) {
    if (!CaseEventValidator.COALITION.matcher(coalitionId).matches()) {
      throw new IllegalArgumentException(
          "Coalition id '"
              + coalitionId
              + "' may hold letters, digits, '.', '_' and '-' "
              + "only, at most 64: it is written into every event of the coalition");
    }
    final Contents contents = read(file);
    final List<CoalitionEntry> coalitions = new ArrayList<>(contents.coalitions());
    final Optional<CoalitionEntry> existing =
        coalitions.stream().filter(c -> c.id().equals(coalitionId)).findFirst();
    if (existing.isEmpty() && country.isEmpty()) {
      throw new IllegalArgumentException(
          "Coalition "
              + coalitionId
              + " is not in "
              + file
              + "; give its country (--country KZ|KG|TJ|TM|UZ) to add it");
    }
    if (existing.isPresent()
        && country.isPresent()
        && !existing.get().country().equals(country.get().name())) {
      throw new IllegalArgumentException(
          "Coalition "
              + coalitionId
              + " is for "
              + existing.get().country()
              + ", not "
              + country.get());
    }
    final Tokens.Issued issued = Tokens.issue();
    final TokenEntry token = new TokenEntry(issued.id(), issued.hash(), Instant.now().toString());
    final CoalitionEntry updated =
        existing
            .map(c -> new CoalitionEntry(c.id(), c.country(), append(c.tokens(), token)))
            .orElseGet(() -> new CoalitionEntry(coalitionId, country.get().name(), List.of(token)));
    existing.ifPresent(coalitions::remove);
    coalitions.add(updated);
    write(file, new Contents(coalitions, contents.coordinators(), contents.auditors()));
    return issued;
  }

  /**
   * Issues a new read-only token for coordinator {@code coordinatorId}, adding the coordinator if
   * needed.
   */
  public static Tokens.Issued addCoordinatorToken(final Path file, final String coordinatorId) {
    return addCoordinatorToken(file, coordinatorId, false);
  }

  /**
   * Issues a new token for coordinator {@code coordinatorId}, adding the coordinator if needed:
   * with {@code triage}, the token also writes alert actions ({@code triage: true} in the file);
   * without, it is read-only.
   */
  public static Tokens.Issued addCoordinatorToken(
      final Path file, final String coordinatorId, final boolean triage) {
    if (!isValidId(coordinatorId)) {
      throw new IllegalArgumentException(
          "Coordinator id "
              + (coordinatorId == null ? "(none)" : "'" + coordinatorId + "'")
              + " may hold letters, digits, '.', '_' and '-' only, at most 64: it is written into"
              + " events (as an assignee, and as who acted)");
    }
    return editing(file, () -> addCoordinatorTokenLocked(file, coordinatorId, triage));
  }

  private static Tokens.Issued addCoordinatorTokenLocked(
      final Path file, final String coordinatorId, final boolean triage) {
    final Contents contents = read(file);
    final Tokens.Issued issued = Tokens.issue();
    final TokenEntry token =
        new TokenEntry(issued.id(), issued.hash(), Instant.now().toString(), triage ? true : null);
    final List<CoordinatorEntry> coordinators = new ArrayList<>();
    boolean added = false;
    for (final CoordinatorEntry coordinator : contents.coordinators()) {
      if (coordinator.id().equals(coordinatorId)) {
        coordinators.add(new CoordinatorEntry(coordinatorId, append(coordinator.tokens(), token)));
        added = true;
      } else {
        coordinators.add(coordinator);
      }
    }
    if (!added) {
      coordinators.add(new CoordinatorEntry(coordinatorId, List.of(token)));
    }
    write(file, new Contents(contents.coalitions(), coordinators, contents.auditors()));
    return issued;
  }

  /**
   * Issues a new token for auditor {@code auditorId} (reads the audit of reads, never a case),
   * adding the auditor if needed.
   */
  public static Tokens.Issued addAuditorToken(final Path file, final String auditorId) {
    return editing(
        file,
        () -> {
          final Contents contents = read(file);
          final Tokens.Issued issued = Tokens.issue();
          final TokenEntry token =
              new TokenEntry(issued.id(), issued.hash(), Instant.now().toString());
          final List<AuditorEntry> auditors = new ArrayList<>();
          boolean added = false;
          for (final AuditorEntry auditor : contents.auditors()) {
            if (auditor.id().equals(auditorId)) {
              auditors.add(new AuditorEntry(auditorId, append(auditor.tokens(), token)));
              added = true;
            } else {
              auditors.add(auditor);
            }
          }
          if (!added) {
            auditors.add(new AuditorEntry(auditorId, List.of(token)));
          }
          write(file, new Contents(contents.coalitions(), contents.coordinators(), auditors));
          return issued;
        });
  }

  /** Removes the token with {@code tokenId}; false if there is none. */
  public static boolean revokeToken(final Path file, final String tokenId) {
    return editing(file, () -> revokeTokenLocked(file, tokenId));
  }

  private static boolean revokeTokenLocked(final Path file, final String tokenId) {
    final Contents contents = read(file);
    boolean found = false;
    final List<CoalitionEntry> coalitions = new ArrayList<>();
    for (final CoalitionEntry coalition : contents.coalitions()) {
      final List<TokenEntry> kept =
          coalition.tokens().stream().filter(t -> !t.id().equals(tokenId)).toList();
      found |= kept.size() != coalition.tokens().size();
      coalitions.add(new CoalitionEntry(coalition.id(), coalition.country(), kept));
    }
    final List<CoordinatorEntry> coordinators = new ArrayList<>();
    for (final CoordinatorEntry coordinator : contents.coordinators()) {
      final List<TokenEntry> kept =
          coordinator.tokens().stream().filter(t -> !t.id().equals(tokenId)).toList();
      found |= kept.size() != coordinator.tokens().size();
      coordinators.add(new CoordinatorEntry(coordinator.id(), kept));
    }
    final List<AuditorEntry> auditors = new ArrayList<>();
    for (final AuditorEntry auditor : contents.auditors()) {
      final List<TokenEntry> kept =
          auditor.tokens().stream().filter(t -> !t.id().equals(tokenId)).toList();
      found |= kept.size() != auditor.tokens().size();
      auditors.add(new AuditorEntry(auditor.id(), kept));
    }
    if (found) {
      write(file, new Contents(coalitions, coordinators, auditors));
    }
    return found;
  }

  /**
   * Runs one read-modify-write of {@code file} holding an exclusive lock on its sibling {@code
   * <file>.lock}: other {@code casewatch token} processes wait for it (a file lock), and so do
   * other threads of this one (a file lock belongs to the whole process, so they also share a
   * monitor). The lock file, not the access file, is locked, because the access file is replaced on
   * write.
   */
  private static <T> T editing(final Path file, final Supplier<T> edit) {
    final Path absolute = real(file);
    final Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
    synchronized (EDITING.computeIfAbsent(absolute, path -> new Object())) {
      try {
        Files.createDirectories(absolute.getParent());
        try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
          final FileLock lock = channel.lock();
          try {
            return edit.get();
          } finally {
            lock.release();
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot lock " + lockFile + " to edit the access file " + file + ": " + e.getMessage(),
            e);
      }
    }
  }

  /**
   * The file itself, symbolic links followed: a revocation must replace the file the gateway and
   * the service read, not a link to it (which would leave the token in force where it lives).
   */
  private static Path real(final Path file) {
    try {
      Path path = file.toAbsolutePath();
      // A link to a file not yet made too: the first token creates it where the link points.
      for (int hops = 0; hops < 40 && Files.isSymbolicLink(path); hops++) {
        path = path.resolveSibling(Files.readSymbolicLink(path));
      }
      return Files.exists(path) ? path.toRealPath() : path.normalize();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot resolve the access file " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<TokenEntry> append(final List<TokenEntry> tokens, final TokenEntry token) {
    final List<TokenEntry> all = new ArrayList<>(tokens);
    all.add(token);
    return all;
  }

  /** Writes atomically, so a gateway reloading the file never sees half of it. */
  private static void write(final Path file, final Contents contents) {
    try {
      final Path absolute = real(file);
      Files.createDirectories(absolute.getParent());
      final Path temporary = Files.createTempFile(absolute.getParent(), ".coalitions", ".yaml");
      try {
        YAML.writeValue(temporary.toFile(), contents);
        Files.move(
            temporary,
            absolute,
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the access file " + file + ": " + e.getMessage(), e);
    }
  }
}
