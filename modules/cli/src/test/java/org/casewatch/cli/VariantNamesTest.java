package org.casewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariantNamesTest {

  @Test
  void namesAreTheFilesStemsMadeUniqueAndNeverLeaveTheOutputDirectory() {
    assertThat(
            VariantNames.of(
                List.of(
                    Path.of("a.yaml"),
                    Path.of("a.yml"),
                    Path.of("a-2.yaml"),
                    Path.of("x/..."),
                    Path.of("..yaml"),
                    Path.of("thirty days.yaml"))))
        .containsExactly("a", "a-2", "a-2-2", "rules", "rules-2", "thirty_days");
  }
}
