package org.casewatch.topology;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

/**
 * The topology is pure: it reads no files, speaks no HTTP and never asks the wall clock. Time comes
 * from records and from Kafka Streams' punctuation (so the test driver can move it), rule tables
 * come in as text or streams (the service and the command line open the files), and HTTP belongs to
 * the gateway, the service and the registry server.
 */
class TopologyArchitectureTest {

  private static final JavaClasses TOPOLOGY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.casewatch.topology");

  @Test
  void readsNoFiles() {
    final ArchRule rule =
        noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.nio.file..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.io.File")
            .orShould()
            .dependOnClassesThat()
            .haveNameMatching("java\\.io\\.File(InputStream|OutputStream|Reader|Writer)")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.io.RandomAccessFile")
            .because(
                "rule tables and every other input reach the topology as text, streams or records; "
                    + "the service and the command line open the files");
    assertHolds(rule);
  }

  @Test
  void speaksNoHttpNorOpensSockets() {
    final ArchRule rule =
        noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "java.net..",
                "io.javalin..",
                "org.eclipse.jetty..",
                "com.sun.net.httpserver..",
                "org.casewatch.registry.server..",
                "org.casewatch.http..")
            .because(
                "nothing that runs the topology carries an HTTP server or opens a connection of its"
                    + " own; Kafka Streams does the I/O and the registry is reached through its"
                    + " client");
    assertHolds(rule);
  }

  @Test
  void neverAsksTheWallClock() {
    final ArchRule rule =
        noClasses()
            .should()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(Instant.class, "now")
            .orShould()
            .callMethod(Clock.class, "systemUTC")
            .orShould()
            .callMethod(Clock.class, "systemDefaultZone")
            .orShould()
            .callMethod(LocalDate.class, "now")
            .orShould()
            .callMethod(LocalDateTime.class, "now")
            .orShould()
            .callMethod(OffsetDateTime.class, "now")
            .orShould()
            .callMethod(ZonedDateTime.class, "now")
            .orShould()
            .callConstructor(Date.class)
            .orShould()
            .accessField(Time.class, "SYSTEM")
            .because(
                "time in the topology is the records' time and Kafka Streams' wall-clock"
                    + " punctuation, which the test driver moves; a call to the machine's clock"
                    + " would make the specifications lie");
    assertHolds(rule);
  }

  /** The rule's violations, none expected, on the topology's classes, which must have been read. */
  private static void assertHolds(final ArchRule rule) {
    assertThat(TOPOLOGY.contain(CaseTopology.class))
        .as("the topology's classes were read")
        .isTrue();
    assertThat(rule.evaluate(TOPOLOGY).getFailureReport().getDetails())
        .as(rule.getDescription())
        .isEmpty();
  }
}
