package org.casewatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code ./casewatch} script chooses the JVM's collector: the analysts' batch commands run on
 * the parallel collector unless the user's options may name one (two collectors stop the JVM);
 * everything else keeps the JVM's default. Run on a copy of the script with a built jar in place
 * (so it builds nothing) and a {@code java} that prints the options it was given. Maven runs it
 * from the module's directory, which {@link #SCRIPT} is relative to.
 */
class LauncherScriptTest {

  private static final Path SCRIPT = Path.of("../../casewatch").toAbsolutePath().normalize();

  @TempDir Path root;

  @ParameterizedTest(name = "{0}")
  @CsvSource({"replay --out x", "report --year 2016", "export --out x"})
  void theBatchCommandsRunOnTheParallelCollector(final String command) throws Exception {
    assertThat(javaOptions(command, Map.of())).containsExactly("-XX:+UseParallelGC");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"service", "demo", "gateway", "simulate"})
  void everythingElseKeepsTheJvmsDefault(final String command) throws Exception {
    assertThat(javaOptions(command, Map.of())).isEmpty();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CASEWATCH_JAVA_OPTS | -Xmx1g -XX:+UseG1GC",
        "CASEWATCH_JAVA_OPTS | -XX:+UseZGC",
        "CASEWATCH_JAVA_OPTS | @options.txt",
        "CASEWATCH_JAVA_OPTS | -XX:Flags=.hotspotrc",
        "JAVA_TOOL_OPTIONS | -XX:MaxRAMPercentage=75 -XX:+UseSerialGC",
        "JAVA_TOOL_OPTIONS | '\"-XX:+UseG1GC\"'",
        "JDK_JAVA_OPTIONS | -XX:+UseShenandoahGC",
        "_JAVA_OPTIONS | -XX:+UseG1GC"
      })
  void aCollectorTheUserMayHaveNamedIsTheOnlyOne(final String variable, final String options)
      throws Exception {
    final List<String> passed = javaOptions("replay", Map.of(variable, options));
    if (variable.equals("CASEWATCH_JAVA_OPTS")) {
      assertThat(passed).containsExactly(options.split(" "));
    } else {
      assertThat(passed).as("the JVM reads %s itself", variable).isEmpty();
    }
  }

  @Test
  void aFlagThatOnlyLooksLikeACollectorDoesNotCount() throws Exception {
    assertThat(
            javaOptions(
                "replay", Map.of("CASEWATCH_JAVA_OPTS", "-XX:+UseMaximumCompactionOnSystemGC")))
        .containsExactly("-XX:+UseParallelGC", "-XX:+UseMaximumCompactionOnSystemGC");
  }

  @Test
  void otherOptionsStillGetTheParallelCollector() throws Exception {
    assertThat(javaOptions("replay", Map.of("CASEWATCH_JAVA_OPTS", "-Xmx1g -Xlog:gc")))
        .containsExactly("-XX:+UseParallelGC", "-Xmx1g", "-Xlog:gc");
  }

  /**
   * The options the script passes to {@code java} before its class path, for {@code command} with
   * {@code environment} set.
   */
  private List<String> javaOptions(final String command, final Map<String, String> environment)
      throws IOException, InterruptedException {
    final Path target = Files.createDirectories(root.resolve("modules/demo/target/lib"));
    Files.createDirectories(root.resolve("schemas"));
    Files.copy(SCRIPT, root.resolve("casewatch"));
    final Path jar = Files.createFile(target.resolveSibling("casewatch-demo.jar"));
    Files.createFile(root.resolve("pom.xml"));
    // Newer than every source, so the script does not build.
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
    final Path java = Files.createDirectories(root.resolve("jdk/bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

    final ProcessBuilder script =
        new ProcessBuilder("bash", "-c", "./casewatch " + command)
            .directory(root.toFile())
            .redirectErrorStream(true);
    script.environment().remove("CASEWATCH_JAVA_OPTS");
    script.environment().remove("JAVA_TOOL_OPTIONS");
    script.environment().remove("JDK_JAVA_OPTIONS");
    script.environment().remove("_JAVA_OPTIONS");
    script.environment().put("JAVA_HOME", root.resolve("jdk").toString());
    script.environment().putAll(environment);
    final Process run = script.start();
    final List<String> arguments;
    try {
      assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("the script ends").isTrue();
      arguments =
          new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } finally {
      run.destroyForcibly();
    }
    assertThat(run.exitValue()).as("exit status; printed: %s", arguments).isZero();
    assertThat(arguments).as("printed by the fake java").contains("-cp");
    return arguments.subList(0, arguments.indexOf("-cp"));
  }
}
