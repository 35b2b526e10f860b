package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javalin.Javalin;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.casewatch.registry.client.RegistryUnreachableException;
import org.casewatch.testkit.HttpTestClient;
import org.casewatch.testkit.HttpTestClient.Answer;
import org.junit.jupiter.api.Test;

/**
 * The service's error answers never throw, so a request Jetty has already recycled cannot send
 * Javalin's exception handling round for ever (issue 14): given an SSE request the server completed
 * when it stopped, when Javalin's own SSE client then finishes it from another thread, the
 * exceptions it meets end at the first handler, each logged at most once.
 */
class ErrorAnswersTest {

  @Test
  void aStoredRecordThatNeedsTheRegistryWhileItIsDownIsA503WithRetryAfterNotA500()
      throws Exception {
    final Javalin http =
        Javalin.create(
                javalin -> {
                  javalin.startup.showJavalinBanner = false;
                  javalin.jetty.port = 0;
                  javalin.jetty.host = "127.0.0.1";
                  javalin.routes.get(
                      "/v1/countries",
                      ctx -> {
                        throw new RegistryUnreachableException(
                            "schema registry at http://registry:8081 unreachable", 0, null);
                      });
                  ErrorAnswers.mount(javalin.routes);
                })
            .start();
    try {
      final Answer answer =
          HttpTestClient.of("http://127.0.0.1:" + http.port()).get("/v1/countries");

      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.header("Retry-After")).isEqualTo("5");
      assertThat(answer.body())
          .contains("\"error\":\"unavailable\"")
          .contains("schema registry cannot be reached")
          .doesNotContain("registry:8081");
    } finally {
      http.stop();
    }
  }

  @Test
  void finishingARequestTheServerAlreadyRecycledEndsAtOnceWithNoStackTraceRepeated()
      throws Exception {
    final CountDownLatch containerEnded = new CountDownLatch(1);
    final CountDownLatch stopped = new CountDownLatch(1);
    final AtomicReference<Thread> writer = new AtomicReference<>();
    final Javalin http =
        Javalin.create(
                javalin -> {
                  javalin.startup.showJavalinBanner = false;
                  javalin.jetty.port = 0;
                  javalin.jetty.host = "127.0.0.1";
                  // Like the service's own after-handlers, this one reads the request.
                  javalin.routes.after(ctx -> ctx.path());
                  javalin.routes.sse(
                      "/stream",
                      client -> {
                        client.keepAlive();
                        client
                            .ctx()
                            .req()
                            .getAsyncContext()
                            .addListener(
                                new AsyncListener() {
                                  @Override
                                  public void onComplete(final AsyncEvent event) {
                                    containerEnded.countDown();
                                  }

                                  @Override
                                  public void onTimeout(final AsyncEvent event) {
                                    containerEnded.countDown();
                                  }

                                  @Override
                                  public void onError(final AsyncEvent event) {
                                    containerEnded.countDown();
                                  }

                                  @Override
                                  public void onStartAsync(final AsyncEvent event) {
                                    // already asynchronous
                                  }
                                });
                        // Writes once the server has completed the request and stopped: the write
                        // fails, and Javalin's SSE client completes its keep-alive future, which
                        // runs the rest of the request on this thread.
                        final Thread thread =
                            new Thread(
                                () -> {
                                  try {
                                    if (containerEnded.await(30, TimeUnit.SECONDS)
                                        && stopped.await(30, TimeUnit.SECONDS)) {
                                      client.sendEvent("alert", "{}", "0:1");
                                    }
                                  } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                  }
                                },
                                "late-writer");
                        writer.set(thread);
                        thread.start();
                      });
                  ErrorAnswers.mount(javalin.routes);
                })
            .start();

    try (LogCapture log = LogCapture.attach();
        Socket client = new Socket("127.0.0.1", http.port())) {
      client
          .getOutputStream()
          .write(
              ("GET /stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      client.getOutputStream().flush();
      await().atMost(Duration.ofSeconds(10)).until(() -> writer.get() != null);
      // Javalin's async thread has handed the request over to the keep-alive future (and gone back
      // to its pool).
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  Thread.getAllStackTraces().keySet().stream()
                      .filter(
                          thread -> thread.getName().startsWith("JavalinDefaultAsyncThreadPool"))
                      .noneMatch(thread -> thread.getState() == Thread.State.RUNNABLE));
      http.stop();
      stopped.countDown();

      await("the late writer is done, not looping through Javalin's exception handling")
          .atMost(Duration.ofSeconds(10))
          .until(() -> !writer.get().isAlive());
      assertThat(log.repeatedStacks())
          .as("stack traces logged more than once (first events: %s)", log.samples())
          .isEmpty();
      assertThat(log.repeatedMessages("io.javalin")).isEmpty();
    }
  }
}
