package org.casewatch.topology.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/topology.md's table of dead-letter reason codes is {@link DeadLetterCode}, one for one: a
 * code added to the code fails here until the page explains it, and a code the page explains but
 * nothing writes fails too.
 */
class DeadLetterCodesDocsTest {

  private static final Path PAGE = Path.of("../../docs/topology.md");
  private static final Pattern CODE = Pattern.compile("`([a-z-]+)`");

  @Test
  void thePageExplainsEveryCodeAndNoOther() throws IOException {
    final List<String> documented = new ArrayList<>();
    boolean inTable = false;
    for (final String line : Files.readAllLines(PAGE)) {
      if (line.startsWith("| code | what |")) {
        inTable = true;
      } else if (inTable && !line.startsWith("|")) {
        break;
      } else if (inTable && !line.startsWith("|---")) {
        final Matcher code = CODE.matcher(line.split("\\|")[1]);
        while (code.find()) {
          documented.add(code.group(1));
        }
      }
    }

    assertThat(documented)
        .as("the codes in docs/topology.md's dead-letter table")
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(DeadLetterCode.values()).map(DeadLetterCode::code).toList());
  }
}
