package org.casewatch.demo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The modules' main classes use one another only in the direction of docs/architecture.md's graph
 * (Maven holds the poms to it; this holds the packages, whatever a pom lets through transitively).
 * The demo module's main classes see every module but the fault harness and the benchmarks, which
 * nothing uses. The test kit is on its test class path too (Maven keeps it to test scope): its
 * classes are read but are in no layer, so the rules do not hold them.
 */
class ArchitectureTest {

  /**
   * The modules' main classes: every class-path root holding org.casewatch (casewatch's jars, or
   * its modules' target/classes in the reactor), test classes left out, whether of this module or
   * in a test jar (the service's). Only those are read, not the hundred-odd libraries beside them.
   */
  private static final JavaClasses CASEWATCH = new ClassFileImporter().importUrls(casewatchRoots());

  private static List<URL> casewatchRoots() {
    try {
      return Collections.list(ArchitectureTest.class.getClassLoader().getResources("org/casewatch"))
          .stream()
          .filter(
              url ->
                  !url.toString().contains("/test-classes/")
                      && !url.toString().contains("-tests.jar"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void modulesUseEachOtherOnlyDownTheGraph() {
    final ArchRule rule =
        layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("model")
            .definedBy("org.casewatch.model..")
            .layer("simulation")
            .definedBy("org.casewatch.simulation..")
            .layer("registry-client")
            .definedBy("org.casewatch.registry.client..", "org.casewatch.registry.serde..")
            .layer("registry-server")
            .definedBy("org.casewatch.registry.server..")
            .layer("json")
            .definedBy("org.casewatch.json..")
            .layer("access")
            .definedBy("org.casewatch.access..")
            .layer("http")
            .definedBy("org.casewatch.http..")
            .layer("publisher")
            .definedBy("org.casewatch.publisher..")
            .layer("topology")
            .definedBy("org.casewatch.topology..")
            .layer("gateway")
            .definedBy("org.casewatch.gateway..")
            .layer("service")
            .definedBy("org.casewatch.service..")
            .layer("analytics")
            .definedBy("org.casewatch.analytics..")
            .layer("cli")
            .definedBy("org.casewatch.cli..")
            .layer("demo")
            .definedBy("org.casewatch.demo..")
            .whereLayer("demo")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("cli")
            .mayOnlyBeAccessedByLayers("demo")
            .whereLayer("gateway")
            .mayOnlyBeAccessedByLayers("cli", "demo")
            .whereLayer("service")
            .mayOnlyBeAccessedByLayers("cli", "demo")
            .whereLayer("analytics")
            .mayOnlyBeAccessedByLayers("cli")
            .whereLayer("topology")
            .mayOnlyBeAccessedByLayers("service", "analytics", "cli", "demo")
            .whereLayer("publisher")
            .mayOnlyBeAccessedByLayers("gateway")
            .whereLayer("http")
            .mayOnlyBeAccessedByLayers("gateway", "service", "cli", "demo")
            .whereLayer("access")
            .mayOnlyBeAccessedByLayers("gateway", "service", "cli", "demo")
            .whereLayer("json")
            .mayOnlyBeAccessedByLayers("gateway", "service", "analytics", "cli", "demo")
            .whereLayer("registry-server")
            .mayOnlyBeAccessedByLayers("demo")
            .whereLayer("simulation")
            .mayOnlyBeAccessedByLayers("cli")
            .whereLayer("simulation")
            .mayOnlyAccessLayers("model")
            .whereLayer("json")
            .mayOnlyAccessLayers("model")
            .whereLayer("registry-client")
            .mayNotAccessAnyLayer()
            .whereLayer("http")
            .mayNotAccessAnyLayer()
            .whereLayer("model")
            .mayNotAccessAnyLayer()
            .because(
                "docs/architecture.md: dependencies go one way, and only cli, demo and bench use"
                    + " the gateway");
    assertThat(CASEWATCH.stream().map(JavaClass::getPackageName))
        .as("classes of every layer's modules were read")
        .anyMatch(name -> name.startsWith("org.casewatch.gateway"))
        .anyMatch(name -> name.startsWith("org.casewatch.topology"))
        .anyMatch(name -> name.startsWith("org.casewatch.simulation"))
        .anyMatch(name -> name.startsWith("org.casewatch.model"));
    assertThat(rule.evaluate(CASEWATCH).getFailureReport().getDetails())
        .as(rule.getDescription())
        .isEmpty();
  }

  /**
   * A module's {@code internals} packages are its implementation: other modules use its API (the
   * packages around them), so the implementation can change without them. Held for every module's
   * root package on this class path (main classes); {@link #noSourceNamesAnotherModulesInternals}
   * holds it for every module's sources, tests and benchmarks included. The topology has internals
   * so far ({@code internals.cases}, {@code internals.rules}, {@code internals.deadletters}, {@code
   * internals.stores}); its API is the rest. ({@code org.casewatch.model.internal} is not such a
   * package: it is the contract of the stores, shared by the modules that read them.)
   */
  @Test
  void noModuleUsesAnotherModulesInternals() {
    final List<String> modules =
        CASEWATCH.stream()
            .map(JavaClass::getPackageName)
            .filter(name -> name.startsWith("org.casewatch."))
            .map(name -> name.split("\\.")[2])
            .distinct()
            .sorted()
            .toList();
    assertThat(modules).as("the modules whose classes were read").contains("topology", "service");
    assertThat(CASEWATCH.stream().map(JavaClass::getPackageName))
        .as("the topology's internals were read")
        .anyMatch(name -> name.startsWith("org.casewatch.topology.internals"));
    for (final String module : modules) {
      final ArchRule rule =
          noClasses()
              .that()
              .resideOutsideOfPackage("org.casewatch." + module + "..")
              .should()
              .dependOnClassesThat()
              .resideInAPackage("org.casewatch." + module + ".internals..")
              .because("docs/architecture.md: a module's internals are used only inside it");
      assertThat(rule.evaluate(CASEWATCH).getFailureReport().getDetails())
          .as(rule.getDescription())
          .isEmpty();
    }
  }

  /**
   * The same rule over the sources of every module, main and test, the benchmarks and the fault
   * harness included (which this module's class path does not hold): a file of one module names no
   * {@code internals} package declared in another. Modules are the directories under {@code
   * modules/}, so the registry's client and server count as two.
   */
  @Test
  void noSourceNamesAnotherModulesInternals() throws IOException {
    final Path modules = Path.of("../..").toAbsolutePath().normalize().resolve("modules");
    final Map<String, String> ownerOfInternals = new TreeMap<>();
    final Map<Path, String> sources = new TreeMap<>();
    try (Stream<Path> files = Files.walk(modules)) {
      for (final Path file :
          files
              .filter(path -> path.toString().endsWith(".java"))
              .filter(path -> path.toString().contains("/src/"))
              .toList()) {
        final String module = modules.relativize(file).getName(0).toString();
        final String text = Files.readString(file);
        sources.put(file, module);
        final Matcher declared = INTERNALS_PACKAGE.matcher(text);
        if (declared.find()) {
          ownerOfInternals.put(declared.group(1), module);
        }
      }
    }
    assertThat(ownerOfInternals)
        .as("internals packages declared")
        .containsEntry("org.casewatch.topology.internals.cases", "topology");
    assertThat(sources.values()).as("sources read").contains("bench", "faults", "service");
    final List<String> violations = new ArrayList<>();
    for (final Map.Entry<Path, String> source : sources.entrySet()) {
      if (source.getKey().endsWith(Path.of("org/casewatch/demo/ArchitectureTest.java"))) {
        continue; // this test names them to check them
      }
      final String text = Files.readString(source.getKey());
      ownerOfInternals.forEach(
          (internals, owner) -> {
            if (!owner.equals(source.getValue()) && text.contains(internals)) {
              violations.add(source.getKey() + " names " + internals + " of module " + owner);
            }
          });
    }
    assertThat(violations)
        .as("sources naming another module's internals (docs/architecture.md)")
        .isEmpty();
  }

  private static final Pattern INTERNALS_PACKAGE =
      Pattern.compile(
          "^package (org\\.casewatch\\.[\\w.]*\\binternals\\b[\\w.]*);", Pattern.MULTILINE);
}
