package org.casewatch.service;

import io.javalin.http.sse.SseClient;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * One alert stream's HTTP exchange, and the one owner of its end.
 *
 * <p>How a stream ends, and why it is owned here: Javalin keeps an SSE request open until a future
 * handed to {@code ctx.future} completes, then runs the rest of the request (error mapping,
 * after-handlers) and completes the servlet's async context, on the thread that completed the
 * future. Jetty, for its part, completes and recycles the request itself when the connection fails
 * under it or the server stops, and tells the async context's listeners. If the future completes
 * after that, Javalin runs the request's tasks on a recycled request: every read throws, each
 * exception is handled as another task, and an error answer that touches the request throws again:
 * millions of identical stack traces (issue 14). Javalin's {@code SseClient.keepAlive()} future is
 * also completed by Javalin itself when a write fails, from whatever state the request is in.
 *
 * <p>So the future here is this class's own, not {@code keepAlive()}'s, and one state decides,
 * once, who ends the exchange: either the stream ends it ({@link #end}: the future completes while
 * the request is alive, Javalin finishes it) or the container said it is over ({@link
 * AsyncListener}: complete, error or timeout), and then nothing touches the request again: no
 * write, no future. A failed write (the client left) only stops the stream, and {@link #end} then
 * finishes the request unless the container has already ended it. Should the container end it while
 * Javalin is finishing it (a server stopping at that very moment), {@link ErrorAnswers} makes sure
 * nothing loops.
 *
 * <p>A client that stops reading fills its TCP window and blocks the write: the connection's idle
 * timeout, set to the stream's write timeout, fails that write, and the stream ends.
 */
final class StreamConnection implements AsyncListener {

  private enum State {
    OPEN,
    ENDED_BY_STREAM,
    ENDED_BY_CONTAINER
  }

  private final SseClient client;

  /** Completed once the stream ends it: Javalin then finishes the request. */
  private final CompletableFuture<Void> finished = new CompletableFuture<>();

  private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
  private volatile Runnable onContainerEnd = () -> {};

  private StreamConnection(final SseClient client) {
    this.client = client;
  }

  /**
   * Takes charge of {@code client}'s request, from the handler that received it: Javalin finishes
   * it only when {@link #end} says so, the container's word that it is over is heard, and no write
   * blocks longer than {@code writeTimeout}.
   */
  static StreamConnection takeCharge(final SseClient client, final Duration writeTimeout) {
    final StreamConnection connection = new StreamConnection(client);
    client.ctx().future(() -> connection.finished);
    client.ctx().req().getAsyncContext().addListener(connection);
    // The stream's own connection (its answer says Connection: close), so its idle timeout is the
    // stream's alone.
    ServletContextRequest.getServletContextRequest(client.ctx().req())
        .getConnectionMetaData()
        .getConnection()
        .getEndPoint()
        .setIdleTimeout(writeTimeout.toMillis());
    return connection;
  }

  /** Runs {@code action} (on a container thread) as soon as the container ends the exchange. */
  void onContainerEnd(final Runnable action) {
    onContainerEnd = action;
    if (state.get() == State.ENDED_BY_CONTAINER) {
      action.run();
    }
  }

  /** Whether the stream may still write: nobody ended the exchange and no write failed. */
  boolean open() {
    return state.get() == State.OPEN && !client.terminated();
  }

  void sendEvent(final String event, final String data, final String id) {
    if (open()) {
      client.sendEvent(event, data, id);
    }
  }

  void sendComment(final String comment) {
    if (open()) {
      client.sendComment(comment);
    }
  }

  /**
   * Ends the exchange from the stream's side, unless the container already has: Javalin runs the
   * request's last tasks and completes it, on this thread. Never throws; does nothing the second
   * time.
   */
  void end() {
    if (state.compareAndSet(State.OPEN, State.ENDED_BY_STREAM)) {
      finished.complete(null);
    }
  }

  @Override
  public void onComplete(final AsyncEvent event) {
    endedByContainer();
  }

  @Override
  public void onTimeout(final AsyncEvent event) {
    endedByContainer();
  }

  @Override
  public void onError(final AsyncEvent event) {
    endedByContainer();
  }

  @Override
  public void onStartAsync(final AsyncEvent event) {
    // The request is already asynchronous when the stream takes charge of it.
  }

  private void endedByContainer() {
    if (state.compareAndSet(State.OPEN, State.ENDED_BY_CONTAINER)) {
      onContainerEnd.run();
    }
  }
}
