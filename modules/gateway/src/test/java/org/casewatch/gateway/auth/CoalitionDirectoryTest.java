package org.casewatch.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.casewatch.model.Country;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoalitionDirectoryTest {

  @TempDir
  Path dir;

  @Test
  void tokensAreStoredOnlyAsSaltedHashesAndCheckedExactly() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    final Tokens.Issued issued = CoalitionsFile.addToken(file, "kg-coalition", Optional.of(Country.KG));
    final CoalitionDirectory directory = new CoalitionDirectory(file);

    assertThat(Files.readString(file)).doesNotContain(issued.token().substring(16)).contains(issued.id(), "sha256:");
    assertThat(directory.authenticate(issued.token())).contains(new Coalition("kg-coalition", Country.KG));
    final String tampered = issued.token().substring(0, issued.token().length() - 1)
        + (issued.token().endsWith("A") ? "B" : "A");
    assertThat(directory.authenticate(tampered)).isEmpty();
    assertThat(directory.authenticate("Bearer nonsense")).isEmpty();
    assertThat(directory.authenticate(null)).isEmpty();
  }

  @Test
  void changesToTheFileTakeEffectWithoutARestart() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    final Tokens.Issued first = CoalitionsFile.addToken(file, "tj-coalition", Optional.of(Country.TJ));
    final AtomicLong nanos = new AtomicLong();
    final CoalitionDirectory directory = new CoalitionDirectory(file, nanos::get);

    final Tokens.Issued second = CoalitionsFile.addToken(file, "tj-coalition", Optional.empty());
    CoalitionsFile.revokeToken(file, first.id());
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(directory.authenticate(second.token())).as("checked at most once a second").isEmpty();

    nanos.addAndGet(Duration.ofSeconds(2).toNanos());

    assertThat(directory.authenticate(second.token())).isPresent();
    assertThat(directory.authenticate(first.token())).isEmpty();
  }

  @Test
  void aBrokenFileKeepsTheLastGoodTokens() throws IOException {
    final Path file = dir.resolve("coalitions.yaml");
    final Tokens.Issued issued = CoalitionsFile.addToken(file, "uz-coalition", Optional.of(Country.UZ));
    final AtomicLong nanos = new AtomicLong();
    final CoalitionDirectory directory = new CoalitionDirectory(file, nanos::get);

    Files.writeString(file, "coalitions:\n  - id: uz-coalition\n    country: RU\n");
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());

    assertThat(directory.authenticate(issued.token())).isPresent();
    assertThatThrownBy(() -> CoalitionsFile.read(file)).hasMessageContaining("country 'RU'");
  }

  @Test
  void aNewCoalitionNeedsItsCountry() {
    assertThatThrownBy(() -> CoalitionsFile.addToken(dir.resolve("c.yaml"), "kz-coalition", Optional.empty()))
        .hasMessageContaining("--country");
  }
}
