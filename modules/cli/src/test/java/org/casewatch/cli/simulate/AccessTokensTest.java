package org.casewatch.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.casewatch.access.CoalitionDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's tokens: one per coalition, a coordinator's and an auditor's, issued once. */
class AccessTokensTest {

  @TempDir Path dir;

  @Test
  void theDemoIssuesAnAuditorTokenThatReadsOnlyTheAudit() throws IOException {
    final Path coalitions = dir.resolve("coalitions.yaml");
    final Path tokensFile = dir.resolve("tokens.properties");

    final AccessTokens tokens =
        AccessTokens.issueOrRead(coalitions, tokensFile, "demo-coordinator");

    final CoalitionDirectory directory = new CoalitionDirectory(coalitions);
    assertThat(directory.authenticateAuditor(tokens.auditor())).contains("demo-auditor");
    assertThat(directory.authenticateCoordinator(tokens.auditor())).isEmpty();
    assertThat(Files.readString(tokensFile)).contains("auditor=" + tokens.auditor());
    assertThat(AccessTokens.issueOrRead(coalitions, tokensFile, "demo-coordinator"))
        .isEqualTo(tokens);
  }

  @Test
  void aDataDirectoryFromBeforeTheAuditorRoleGetsOne() throws IOException {
    final Path coalitions = dir.resolve("coalitions.yaml");
    final Path tokensFile = dir.resolve("tokens.properties");
    final AccessTokens issued =
        AccessTokens.issueOrRead(coalitions, tokensFile, "demo-coordinator");
    Files.writeString(tokensFile, Files.readString(tokensFile).replaceAll("(?m)^auditor=.*$", ""));

    final AccessTokens read = AccessTokens.issueOrRead(coalitions, tokensFile, "demo-coordinator");

    assertThat(read.coordinator()).isEqualTo(issued.coordinator());
    assertThat(new CoalitionDirectory(coalitions).authenticateAuditor(read.auditor())).isPresent();
  }
}
