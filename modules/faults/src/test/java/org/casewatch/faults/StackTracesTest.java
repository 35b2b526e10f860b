package org.casewatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTracesTest {

  @TempDir Path dir;

  private static final List<String> LOOP =
      List.of(
          "12:00:00.001 ERROR [qtp-1] io.javalin.Javalin - Exception occurred while servicing"
              + " http-request",
          "java.lang.NullPointerException: Cannot invoke \"Object.toString()\" because \"x\" is"
              + " null",
          "\tat org.casewatch.service.SseClient.close(SseClient.java:42)",
          "\tat org.casewatch.service.AlertStream.stream(AlertStream.java:88)",
          "\tat io.javalin.http.JavalinServlet.handle(JavalinServlet.java:120)",
          "\tat org.eclipse.jetty.server.Server.handle(Server.java:500)",
          "Caused by: java.io.IOException: Broken pipe",
          "\tat sun.nio.ch.SocketDispatcher.write0(Native Method)");

  @Test
  void aTraceThatComesBackIsCountedByItsClassAndFirstFramesWhateverItsMessage() throws IOException {
    final List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      lines.addAll(LOOP);
      lines.set(lines.size() - LOOP.size() + 1, "java.lang.NullPointerException: message " + i);
    }
    final Path log = write(lines);

    assertThat(StackTraces.count(log)).hasSize(1).containsValue(5);
    assertThat(StackTraces.repeated(log, 4)).hasSize(1);
    assertThat(StackTraces.repeated(log, 5)).isEmpty();
    assertThat(StackTraces.count(log).keySet().iterator().next())
        .startsWith("java.lang.NullPointerException at org.casewatch.service.SseClient.close")
        .doesNotContain("Server.handle", "IOException");
  }

  @Test
  void aTraceFromTheJvmsDefaultHandlerCounts() throws IOException {
    final Path log =
        write(
            List.of(
                "Exception in thread \"casewatch-gateway-case-owners\""
                    + " java.lang.IllegalStateException: boom",
                "\tat org.casewatch.gateway.CaseOwners.readAll(CaseOwners.java:120)",
                "\tat java.base/java.lang.Thread.run(Thread.java:840)",
                "Exception in thread \"casewatch-gateway-case-owners\""
                    + " java.lang.IllegalStateException: boom again",
                "\tat org.casewatch.gateway.CaseOwners.readAll(CaseOwners.java:120)",
                "\tat java.base/java.lang.Thread.run(Thread.java:840)"));

    assertThat(StackTraces.count(log))
        .containsOnlyKeys(
            "java.lang.IllegalStateException at"
                + " org.casewatch.gateway.CaseOwners.readAll(CaseOwners.java:120) at"
                + " java.base/java.lang.Thread.run(Thread.java:840)")
        .containsValue(2);
  }

  @Test
  void anExceptionWithoutFramesIsALineNotATrace() throws IOException {
    final Path log =
        write(
            List.of(
                "12:00:00.001 WARN  [main] o.a.k.clients.NetworkClient - a warning",
                "org.apache.kafka.common.errors.NotLeaderOrFollowerException: not the leader",
                "12:00:00.002 WARN  [main] o.a.k.clients.NetworkClient - another"));

    assertThat(StackTraces.count(log)).isEmpty();
  }

  private Path write(final List<String> lines) throws IOException {
    return Files.write(dir.resolve("process.log"), lines);
  }
}
