package org.casewatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md draws the modules' graph; the poms are the graph. They must agree: a module
 * added, a dependency added or dropped, and this test names the edge the page lacks or no longer
 * has.
 */
class ModuleGraphTest {

  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static final Pattern MODULE = Pattern.compile("<module>modules/([a-z-]+)</module>");
  private static final Pattern DEPENDENCY =
      Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
  private static final Pattern CASEWATCH =
      Pattern.compile("<artifactId>casewatch-([a-z-]+)</artifactId>");
  private static final Pattern EDGE = Pattern.compile("^\\s*([a-z-]+) (-->|-\\.->) ([a-z-]+)\\s*$");

  @Test
  void theArchitecturePagesGraphIsThePomsGraph() throws IOException {
    assertThat(documentedEdges())
        .as("edges in docs/architecture.md (left) against the poms (right)")
        .containsExactlyInAnyOrderElementsOf(pomEdges());
  }

  @Test
  void everyModuleIsOnThePage() throws IOException {
    final String page = Files.readString(ROOT.resolve("docs/architecture.md"));
    for (final String module : modules()) {
      assertThat(page).as("docs/architecture.md's module table").contains("| `" + module + "` |");
    }
  }

  @Test
  void onlyTheCommandLineTheDemoAndTheBenchmarksDependOnTheGateway() throws IOException {
    assertThat(pomEdges())
        .filteredOn(edge -> edge.endsWith(" gateway"))
        .extracting(edge -> edge.substring(0, edge.indexOf(' ')))
        .as("modules whose pom names casewatch-gateway, in any scope")
        .containsExactlyInAnyOrder("cli", "demo", "bench");
  }

  /** "a --> b" for a compile dependency of a on b, "a -.-> b" for a test-only one. */
  private static Set<String> pomEdges() throws IOException {
    final Set<String> edges = new TreeSet<>();
    for (final String module : modules()) {
      final String pom =
          Files.readString(ROOT.resolve("modules").resolve(module).resolve("pom.xml"))
              .replaceAll("(?s)<!--.*?-->", "")
              .replaceAll("(?s)<parent>.*?</parent>", "");
      final Matcher dependencies = DEPENDENCY.matcher(pom);
      while (dependencies.find()) {
        final Matcher artifact = CASEWATCH.matcher(dependencies.group(1));
        if (artifact.find()) {
          final boolean testOnly =
              dependencies.group(1).replaceAll("\\s", "").contains("<scope>test</scope>");
          edges.add(module + (testOnly ? " -.-> " : " --> ") + artifact.group(1));
        }
      }
    }
    return edges;
  }

  private static Set<String> documentedEdges() throws IOException {
    final String page = Files.readString(ROOT.resolve("docs/architecture.md"));
    final int start = page.indexOf("```mermaid\ngraph BT\n");
    assertThat(start)
        .as("docs/architecture.md has the module graph as a mermaid 'graph BT' block")
        .isNotNegative();
    final String block = page.substring(start, page.indexOf("```\n", start + 3));
    final Set<String> edges = new TreeSet<>();
    for (final String line : block.split("\n")) {
      final Matcher edge = EDGE.matcher(line);
      if (edge.matches()) {
        edges.add(edge.group(1) + " " + edge.group(2) + " " + edge.group(3));
      }
    }
    return edges;
  }

  private static List<String> modules() throws IOException {
    final Matcher modules = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml")));
    final List<String> names = new ArrayList<>();
    while (modules.find()) {
      names.add(modules.group(1));
    }
    assertThat(names).as("modules of the root pom").isNotEmpty();
    return names;
  }
}
