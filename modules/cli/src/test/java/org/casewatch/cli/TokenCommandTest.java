package org.casewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.casewatch.access.CoalitionDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code casewatch token}: an auditor's token is issued, listed and revoked like the others; a
 * coordinator's token triages only when issued with {@code --triage}, which no other holder takes.
 */
class TokenCommandTest {

  @TempDir Path dir;

  @Test
  void anAuditorTokenIsIssuedListedAndRevoked() {
    final String file = dir.resolve("coalitions.yaml").toString();

    final CliRun added =
        CliRun.casewatch("token", "add", "--auditor", "board-auditor", "--coalitions", file);

    assertThat(added.exitCode()).as(added.err()).isZero();
    final String token = added.out().trim();
    final CoalitionDirectory directory = new CoalitionDirectory(Path.of(file));
    assertThat(directory.authenticateAuditor(token)).contains("board-auditor");
    assertThat(directory.authenticateCoordinator(token)).isEmpty();
    final String tokenId = CoalitionDirectory.tokenIdOf(token).orElseThrow();
    assertThat(CliRun.casewatch("token", "list", "--coalitions", file).out())
        .contains("board-auditor\tauditor\t" + tokenId);

    final CliRun revoked = CliRun.casewatch("token", "revoke", tokenId, "--coalitions", file);

    assertThat(revoked.exitCode()).as(revoked.err()).isZero();
    assertThat(CliRun.casewatch("token", "list", "--coalitions", file).out())
        .doesNotContain(tokenId);
  }

  @Test
  void aCoordinatorTokenWithTriageTriagesAndIsListedSo() {
    final String file = dir.resolve("coalitions.yaml").toString();

    final CliRun triage =
        CliRun.casewatch(
            "token", "add", "--coordinator", "regional-desk", "--triage", "--coalitions", file);
    final CliRun readOnly =
        CliRun.casewatch("token", "add", "--coordinator", "regional-desk", "--coalitions", file);

    assertThat(triage.exitCode()).as(triage.err()).isZero();
    assertThat(readOnly.exitCode()).as(readOnly.err()).isZero();
    assertThat(triage.err()).contains("triage");
    final CoalitionDirectory directory = new CoalitionDirectory(Path.of(file));
    assertThat(directory.authenticateTriage(triage.out().trim())).contains("regional-desk");
    assertThat(directory.authenticateCoordinator(triage.out().trim())).contains("regional-desk");
    assertThat(directory.authenticateTriage(readOnly.out().trim())).isEmpty();
    assertThat(directory.authenticateCoordinator(readOnly.out().trim())).contains("regional-desk");
    final String listed = CliRun.casewatch("token", "list", "--coalitions", file).out();
    assertThat(listed)
        .contains(
            "regional-desk\ttriage\t"
                + CoalitionDirectory.tokenIdOf(triage.out().trim()).orElseThrow()
                + "\t")
        .contains(
            "regional-desk\tread-only\t"
                + CoalitionDirectory.tokenIdOf(readOnly.out().trim()).orElseThrow()
                + "\t");
  }

  @Test
  void onlyACoordinatorTakesTriage() {
    final Path file = dir.resolve("coalitions.yaml");

    final CliRun coalition =
        CliRun.casewatch(
            "token",
            "add",
            "--coalition",
            "kz-coalition",
            "--country",
            "KZ",
            "--triage",
            "--coalitions",
            file.toString());
    final CliRun auditor =
        CliRun.casewatch(
            "token",
            "add",
            "--auditor",
            "board-auditor",
            "--triage",
            "--coalitions",
            file.toString());

    assertThat(coalition.exitCode()).as(coalition.err()).isEqualTo(2);
    assertThat(coalition.out()).isEmpty();
    assertThat(coalition.err())
        .contains("--triage is for a coordinator's token", "not a coalition's");
    assertThat(auditor.exitCode()).as(auditor.err()).isEqualTo(2);
    assertThat(auditor.err()).contains("--triage is for a coordinator's token", "not an auditor's");
    assertThat(file).as("nothing issued").doesNotExist();
    assertThat(Files.exists(dir.resolve("coalitions.yaml.lock"))).isFalse();
  }
}
