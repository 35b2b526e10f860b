package org.casewatch.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.casewatch.model.Country;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class CoalitionDirectoryTest {

  @TempDir Path dir;

  @Test
  void tokensAreStoredOnlyAsSaltedHashesAndCheckedExactly() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    final Tokens.Issued issued = AccessFile.addToken(file, "kg-coalition", Optional.of(Country.KG));
    final CoalitionDirectory directory = new CoalitionDirectory(file);

    assertThat(Files.readString(file))
        .doesNotContain(issued.token().substring(16))
        .contains(issued.id(), "sha256:");
    assertThat(directory.authenticate(issued.token()))
        .contains(new Coalition("kg-coalition", Country.KG));
    final String tampered =
        issued.token().substring(0, issued.token().length() - 1)
            + (issued.token().endsWith("A") ? "B" : "A");
    assertThat(directory.authenticate(tampered)).isEmpty();
    assertThat(directory.authenticate("Bearer nonsense")).isEmpty();
    assertThat(directory.authenticate(null)).isEmpty();
  }

  @Test
  void aRevocationThroughASymbolicLinkRevokesInTheFileItself() throws IOException {
    final Path real = Files.createDirectories(dir.resolve("access")).resolve("coalitions.yaml");
    final Path link = Files.createSymbolicLink(dir.resolve("coalitions.yaml"), real);
    final Tokens.Issued issued = AccessFile.addCoordinatorToken(link, "regional-desk");

    assertThat(AccessFile.revokeToken(link, issued.id())).isTrue();

    assertThat(Files.isSymbolicLink(link)).as("the link stays a link").isTrue();
    assertThat(new CoalitionDirectory(real).authenticateCoordinator(issued.token())).isEmpty();
  }

  @Test
  void aCoalitionIdIsWrittenIntoEveryEventSoItIsAnIdNotAName() {
    final Path file = dir.resolve("coalitions.yaml");
    assertThatThrownBy(
            () -> AccessFile.addToken(file, "Petrov Ivan +77011234567", Optional.of(Country.KZ)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("letters, digits");
  }

  @Test
  void changesToTheFileTakeEffectWithoutARestart() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    final Tokens.Issued first = AccessFile.addToken(file, "tj-coalition", Optional.of(Country.TJ));
    final AtomicLong nanos = new AtomicLong();
    final CoalitionDirectory directory = new CoalitionDirectory(file, nanos::get);

    final Tokens.Issued second = AccessFile.addToken(file, "tj-coalition", Optional.empty());
    AccessFile.revokeToken(file, first.id());
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(directory.authenticate(second.token()))
        .as("checked at most once a second")
        .isEmpty();

    nanos.addAndGet(Duration.ofSeconds(2).toNanos());

    assertThat(directory.authenticate(second.token())).isPresent();
    assertThat(directory.authenticate(first.token())).isEmpty();
  }

  @Test
  void aBrokenFileKeepsTheLastGoodTokens() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    final Tokens.Issued issued = AccessFile.addToken(file, "uz-coalition", Optional.of(Country.UZ));
    final AtomicLong nanos = new AtomicLong();
    final CoalitionDirectory directory = new CoalitionDirectory(file, nanos::get);

    Files.writeString(file, "coalitions:\n  - id: uz-coalition\n    country: RU\n");
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());

    assertThat(directory.authenticate(issued.token())).isPresent();
    assertThatThrownBy(() -> AccessFile.read(file)).hasMessageContaining("country 'RU'");
  }

  @Test
  void aNewCoalitionNeedsItsCountry() {
    assertThatThrownBy(
            () -> AccessFile.addToken(dir.resolve("c.yaml"), "kz-coalition", Optional.empty()))
        .hasMessageContaining("--country");
  }

  @Test
  void aDeletedFileRefusesEveryTokenUntilItIsBack() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    final Tokens.Issued coalition =
        AccessFile.addToken(file, "kz-coalition", Optional.of(Country.KZ));
    final Tokens.Issued coordinator = AccessFile.addCoordinatorToken(file, "regional-desk");
    final String saved = Files.readString(file);
    final AtomicLong nanos = new AtomicLong();
    final CoalitionDirectory directory = new CoalitionDirectory(file, nanos::get);

    Files.delete(file);
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());

    assertThat(directory.authenticate(coalition.token())).isEmpty();
    assertThat(directory.authenticateCoordinator(coordinator.token())).isEmpty();

    Files.writeString(file, saved);
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(directory.authenticateCoordinator(coordinator.token())).contains("regional-desk");
  }

  @Test
  void aMissingFileIsReportedOnceNotAtEveryCheck() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    final Tokens.Issued coordinator = AccessFile.addCoordinatorToken(file, "regional-desk");
    final AtomicLong nanos = new AtomicLong();
    final CoalitionDirectory directory = new CoalitionDirectory(file, nanos::get);
    final Logger logger = (Logger) LoggerFactory.getLogger(CoalitionDirectory.class);
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try {
      Files.delete(file);
      for (int i = 0; i < 5; i++) {
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(directory.authenticateCoordinator(coordinator.token())).isEmpty();
      }
    } finally {
      logger.detachAppender(logged);
    }

    assertThat(logged.list)
        .filteredOn(event -> event.getLevel() == Level.ERROR)
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.getFormattedMessage())
                    .contains(file.toString(), "is gone", "every token is refused"));
  }

  @Test
  void anUnreadableFileRefusesEveryToken() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    final Tokens.Issued coordinator = AccessFile.addCoordinatorToken(file, "regional-desk");
    final AtomicLong nanos = new AtomicLong();
    final CoalitionDirectory directory = new CoalitionDirectory(file, nanos::get);

    // A directory in its place cannot be read as a file, even by root (who reads a file of mode
    // 000).
    Files.delete(file);
    Files.createDirectory(file);
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());

    assertThat(directory.authenticateCoordinator(coordinator.token())).isEmpty();
  }

  @Test
  void aChangeThatKeepsTheModificationTimeIsStillSeen() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    final Tokens.Issued revoked = AccessFile.addCoordinatorToken(file, "regional-desk");
    final FileTime before = Files.getLastModifiedTime(file);
    final AtomicLong nanos = new AtomicLong();
    final CoalitionDirectory directory = new CoalitionDirectory(file, nanos::get);

    AccessFile.revokeToken(file, revoked.id());
    Files.setLastModifiedTime(file, before);
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());

    assertThat(directory.authenticateCoordinator(revoked.token())).isEmpty();
  }

  @Test
  void anAuditorReadsTheAuditOnly() {
    final Path file = dir.resolve("coalitions.yaml");
    final Tokens.Issued auditor = AccessFile.addAuditorToken(file, "board-auditor");
    final Tokens.Issued coordinator = AccessFile.addCoordinatorToken(file, "regional-desk");
    final CoalitionDirectory directory = new CoalitionDirectory(file);

    assertThat(directory.authenticateAuditor(auditor.token())).contains("board-auditor");
    assertThat(directory.authenticateCoordinator(auditor.token())).isEmpty();
    assertThat(directory.authenticate(auditor.token())).isEmpty();
    assertThat(directory.authenticateAuditor(coordinator.token())).isEmpty();
    assertThat(directory.identify(auditor.token()))
        .hasValueSatisfying(
            holder -> {
              assertThat(holder.tokenId()).isEqualTo(auditor.id());
              assertThat(holder.role()).isEqualTo(CoalitionDirectory.Role.AUDITOR);
            });
    assertThat(CoalitionDirectory.tokenIdOf(auditor.token())).contains(auditor.id());

    assertThat(AccessFile.revokeToken(file, auditor.id())).isTrue();
    assertThat(AccessFile.read(file).auditors().get(0).tokens()).isEmpty();
  }

  @Test
  void concurrentAddsInOneProcessLoseNoToken() throws Exception {
    final Path file = dir.resolve("coalitions.yaml");
    final ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      final List<Future<Tokens.Issued>> adds = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        final String coordinator = "desk-" + (i % 4);
        adds.add(threads.submit(() -> AccessFile.addCoordinatorToken(file, coordinator)));
      }
      for (final Future<Tokens.Issued> add : adds) {
        add.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(AccessFile.read(file).coordinators().stream().mapToInt(c -> c.tokens().size()).sum())
        .isEqualTo(40);
  }

  @Test
  void concurrentAddsFromSeveralProcessesLoseNoToken() throws Exception {
    final Path file = dir.resolve("coalitions.yaml");
    final List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      processes.add(
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  TokenAdds.class.getName(),
                  file.toString(),
                  "desk-" + i,
                  "15")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("adds-" + i + ".log").toFile())
              .start());
    }
    for (final Process process : processes) {
      assertThat(process.waitFor(60, TimeUnit.SECONDS))
          .as("a token-adding process finished")
          .isTrue();
      assertThat(process.exitValue()).as("exit status of a token-adding process").isZero();
    }

    assertThat(AccessFile.read(file).coordinators().stream().mapToInt(c -> c.tokens().size()).sum())
        .isEqualTo(60);
  }

  /**
   * A separate {@code casewatch token add}: adds {@code args[2]} coordinator tokens for {@code
   * args[1]}.
   */
  static final class TokenAdds {
    public static void main(final String[] args) {
      for (int i = 0; i < Integer.parseInt(args[2]); i++) {
        AccessFile.addCoordinatorToken(Path.of(args[0]), args[1]);
      }
    }
  }
}
