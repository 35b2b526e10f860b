package org.casewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.casewatch.gateway.auth.CoalitionDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code casewatch token}: an auditor's token is issued, listed and revoked like the others. */
class TokenCommandTest {

  @TempDir
  Path dir;

  @Test
  void anAuditorTokenIsIssuedListedAndRevoked() {
    final String file = dir.resolve("coalitions.yaml").toString();

    final CliRun added = CliRun.casewatch("token", "add", "--auditor", "board-auditor", "--coalitions", file);

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
    assertThat(CliRun.casewatch("token", "list", "--coalitions", file).out()).doesNotContain(tokenId);
  }
}
