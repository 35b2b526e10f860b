package org.casewatch.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.casewatch.model.Country;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coordinators' tokens with the {@code triage} permission (write alert actions), and those without.
 */
class CoordinatorTriageTest {

  @TempDir Path dir;

  @Test
  void aTriageTokenIsWrittenAsTriageTrueAndReadBack() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    final Tokens.Issued readOnly = AccessFile.addCoordinatorToken(file, "regional-desk");
    final Tokens.Issued triage = AccessFile.addCoordinatorToken(file, "regional-desk", true);

    assertThat(Files.readString(file)).containsOnlyOnce("triage: true");
    final AccessFile.CoordinatorEntry desk = AccessFile.read(file).coordinators().get(0);
    assertThat(desk.tokens())
        .extracting(AccessFile.TokenEntry::id)
        .containsExactly(readOnly.id(), triage.id());
    assertThat(desk.tokens()).extracting(AccessFile.TokenEntry::triage).containsExactly(null, true);
  }

  /** A file of read-only tokens, as written before the triage permission. */
  private static final String READ_ONLY_FILE =
      """
      ---
      coalitions:
      - id: "kz-coalition"
        country: "KZ"
        tokens:
        - id: "2903fcf71c72"
          hash: "sha256:5BHR7L61prgw6W-pFCVbBQ:RVQBt11BjRYozocLt2GMbZYfRJMxshLVZ2Rh71Ug7dk"
          created: "2026-12-01T15:54:44.290321575Z"
      coordinators:
      - id: "regional-desk"
        tokens:
        - id: "77d7d62b0f61"
          hash: "sha256:jMZKpp1tSNrhIz7yf4CNug:5eIR42edxW15VVtdt9qul9ISuQvfTc1Cbzgq7fzOTmo"
          created: "2026-12-01T15:54:44.618342627Z"
      auditors:
      - id: "board-auditor"
        tokens:
        - id: "037f6da602ee"
          hash: "sha256:cP9Xg-ASIYF64swx27aeUg:yuosJPwlRILQ22s8mBm8WbHC4wvgkgGDVtscMH9hZ8A"
          created: "2026-12-01T15:54:44.641023042Z"
      """;

  @Test
  void aFileOfReadOnlyTokensKeepsItsFormByteForByte() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    Files.writeString(file, READ_ONLY_FILE);

    final Tokens.Issued added = AccessFile.addCoordinatorToken(file, "regional-desk");
    final String withAdded = Files.readString(file);
    assertThat(AccessFile.revokeToken(file, added.id())).isTrue();

    assertThat(Files.readString(file)).isEqualTo(READ_ONLY_FILE);
    assertThat(withAdded)
        .doesNotContain("triage")
        .contains("  - id: \"" + added.id() + "\"\n    hash: \"")
        .endsWith("\"\n");
    assertThat(AccessFile.read(file).coordinators().get(0).tokens())
        .singleElement()
        .satisfies(token -> assertThat(token.triage()).isNull());
  }

  @Test
  void aTriageTokenEntryEndsWithTriageTrue() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    Files.writeString(file, READ_ONLY_FILE);

    final Tokens.Issued triage = AccessFile.addCoordinatorToken(file, "regional-desk", true);

    final String written = Files.readString(file);
    assertThat(written)
        .containsPattern(
            "  - id: \""
                + triage.id()
                + "\"\n    hash: \"[^\"]+\"\n    created: \"[^\"]+\"\n"
                + "    triage: true\n");
    assertThat(AccessFile.revokeToken(file, triage.id())).isTrue();
    assertThat(Files.readString(file)).isEqualTo(READ_ONLY_FILE);
  }

  @Test
  void aTriageTokenOfACoalitionOrAnAuditorIsRefusedWhenTheFileIsRead() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    Files.writeString(
        file,
        """
        coalitions:
          - id: kz-coalition
            country: KZ
            tokens:
              - id: 3f9a12bc04de
                hash: sha256:abc:def
                created: 2026-11-28T12:00:00Z
                triage: true
        """);
    assertThatThrownBy(() -> AccessFile.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3f9a12bc04de")
        .hasMessageContaining("only coordinators' tokens may triage");

    Files.writeString(
        file,
        """
        auditors:
          - id: board-auditor
            tokens:
              - id: 0a1b2c3d4e5f
                hash: sha256:abc:def
                created: 2026-11-28T12:00:00Z
                triage: true
        """);
    assertThatThrownBy(() -> AccessFile.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0a1b2c3d4e5f")
        .hasMessageContaining("only coordinators' tokens may triage");
  }

  @Test
  void triageFalseIsReadOnly() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    final Tokens.Issued issued = AccessFile.addCoordinatorToken(file, "regional-desk", false);

    assertThat(Files.readString(file)).doesNotContain("triage");
    assertThat(new CoalitionDirectory(file).authenticateTriage(issued.token())).isEmpty();
  }

  @Test
  void onlyACoordinatorsTriageTokenTriages() {
    final Path file = dir.resolve("coalitions.yaml");
    final Tokens.Issued coalition =
        AccessFile.addToken(file, "kz-coalition", Optional.of(Country.KZ));
    final Tokens.Issued readOnly = AccessFile.addCoordinatorToken(file, "regional-desk");
    final Tokens.Issued triage = AccessFile.addCoordinatorToken(file, "regional-desk", true);
    final Tokens.Issued auditor = AccessFile.addAuditorToken(file, "board-auditor");
    final CoalitionDirectory directory = new CoalitionDirectory(file);

    assertThat(directory.authenticateTriage(triage.token())).contains("regional-desk");
    assertThat(directory.authenticateTriage(readOnly.token())).isEmpty();
    assertThat(directory.authenticateTriage(coalition.token())).isEmpty();
    assertThat(directory.authenticateTriage(auditor.token())).isEmpty();
    assertThat(directory.authenticateTriage(null)).isEmpty();
    final String tampered =
        triage.token().substring(0, triage.token().length() - 1)
            + (triage.token().endsWith("A") ? "B" : "A");
    assertThat(directory.authenticateTriage(tampered)).isEmpty();

    // A triage token is still a coordinator's: it reads, and may not publish.
    assertThat(directory.authenticateCoordinator(triage.token())).contains("regional-desk");
    assertThat(directory.isCoordinator(triage.token())).isTrue();
    assertThat(directory.authenticate(triage.token())).isEmpty();
    assertThat(directory.identify(triage.token()))
        .hasValueSatisfying(
            holder -> {
              assertThat(holder.role()).isEqualTo(CoalitionDirectory.Role.COORDINATOR);
              assertThat(holder.triage()).isTrue();
            });
    assertThat(directory.identify(readOnly.token()))
        .hasValueSatisfying(holder -> assertThat(holder.triage()).isFalse());
    assertThat(directory.identify(coalition.token()))
        .hasValueSatisfying(holder -> assertThat(holder.triage()).isFalse());
  }

  @Test
  void aRevokedTriageTokenNoLongerTriages() {
    final Path file = dir.resolve("coalitions.yaml");
    final Tokens.Issued triage = AccessFile.addCoordinatorToken(file, "regional-desk", true);
    final Tokens.Issued kept = AccessFile.addCoordinatorToken(file, "regional-desk", true);
    final AtomicLong nanos = new AtomicLong();
    final CoalitionDirectory directory = new CoalitionDirectory(file, nanos::get);
    assertThat(directory.authenticateTriage(triage.token())).contains("regional-desk");

    assertThat(AccessFile.revokeToken(file, triage.id())).isTrue();
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());

    assertThat(directory.authenticateTriage(triage.token())).isEmpty();
    assertThat(directory.authenticateCoordinator(triage.token())).isEmpty();
    assertThat(directory.authenticateTriage(kept.token()))
        .as("the other triage token stays")
        .contains("regional-desk");
    assertThat(AccessFile.read(file).coordinators().get(0).tokens())
        .singleElement()
        .satisfies(token -> assertThat(token.triage()).isTrue());
  }

  @Test
  void isCoordinatorIdFollowsTheFile() {
    final Path file = dir.resolve("coalitions.yaml");
    AccessFile.addToken(file, "kz-coalition", Optional.of(Country.KZ));
    AccessFile.addAuditorToken(file, "board-auditor");
    final Tokens.Issued desk = AccessFile.addCoordinatorToken(file, "regional-desk");
    final AtomicLong nanos = new AtomicLong();
    final CoalitionDirectory directory = new CoalitionDirectory(file, nanos::get);

    assertThat(directory.isCoordinatorId("regional-desk")).isTrue();
    assertThat(directory.isCoordinatorId("kz-coalition")).as("a coalition").isFalse();
    assertThat(directory.isCoordinatorId("board-auditor")).as("an auditor").isFalse();
    assertThat(directory.isCoordinatorId("Regional-Desk")).as("ids are exact").isFalse();
    assertThat(directory.isCoordinatorId("night-desk")).isFalse();
    assertThat(directory.isCoordinatorId(null)).isFalse();

    AccessFile.addCoordinatorToken(file, "night-desk", true);
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(directory.isCoordinatorId("night-desk")).as("a coordinator added since").isTrue();

    assertThat(AccessFile.revokeToken(file, desk.id())).isTrue();
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(directory.isCoordinatorId("regional-desk"))
        .as("still listed, without tokens")
        .isTrue();
  }

  @Test
  void aDeletedFileListsNoCoordinator() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    AccessFile.addCoordinatorToken(file, "regional-desk");
    final AtomicLong nanos = new AtomicLong();
    final CoalitionDirectory directory = new CoalitionDirectory(file, nanos::get);

    Files.delete(file);
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());

    assertThat(directory.isCoordinatorId("regional-desk")).isFalse();
  }

  @Test
  void aCoordinatorIdIsWrittenIntoEventsSoItIsAnIdNotAName() {
    final Path file = dir.resolve("coalitions.yaml");
    assertThatThrownBy(() -> AccessFile.addCoordinatorToken(file, "Petrov Ivan +77011234567"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Coordinator id 'Petrov Ivan +77011234567'")
        .hasMessageContaining("letters, digits");
    assertThatThrownBy(() -> AccessFile.addCoordinatorToken(file, "x".repeat(65), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 64");
    assertThat(file).doesNotExist();
    assertThat(AccessFile.addCoordinatorToken(file, "a.b_c-9".repeat(9) + "z", true).id())
        .isNotBlank();
  }

  @Test
  void aTriageCoordinatorWhoseIdIsNoIdIsRefusedWhenTheFileIsRead() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    Files.write(
        file,
        """
        coordinators:
          - id: "Petrov Ivan"
            tokens:
              - id: 3f9a12bc04de
                hash: sha256:abc:def
                created: 2026-11-28T12:00:00Z
                triage: true
        """
            .getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> AccessFile.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Petrov Ivan")
        .hasMessageContaining("letters, digits");
  }
}
